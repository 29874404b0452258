import { Button, Menu } from '@mantine/core';
import { IconFileCode } from '@tabler/icons-react';
import { useState } from 'react';
import { XML_VARIANTS, type XmlVariant } from '../../../shared/xml130/variants.js';
import { api } from '../../api/client.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { saveXml } from './files.js';

/** "Xuất XML13/XML14" with the variant to choose (QĐ 3176 first, the default). A refusal lists what is missing. */
export function XmlExportButton({ kind, id, label }: { kind: 'referral' | 'appointment'; id: string; label: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async (variant: XmlVariant) => {
    setBusy(true);
    try {
      const r = kind === 'referral' ? await api.call('referrals.exportXml13', { id, variant }) : await api.call('appointments.exportXml14', { id, variant });
      saveXml(r.xml, r.fileName);
      reportSuccess(t('referrals.xmlDone', { file: r.fileName }));
    } catch (e) {
      reportApiError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<IconFileCode size={14} />} loading={busy} data-testid={`export-xml-${kind}`}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {XML_VARIANTS.map((v) => (
          <Menu.Item key={v} onClick={() => void run(v)} data-testid={`export-xml-${v}`}>
            {t(`referrals.xml.${v}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
