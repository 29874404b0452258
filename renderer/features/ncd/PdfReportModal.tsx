import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { reportApiError } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { base64ToBlob, inElectron, saveBlob } from '../referrals/files.js';

export interface ReportFile {
  fileName: string;
  contentBase64: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves a report file the backend built (base64) through the browser's download. */
export function saveReport(file: ReportFile, type = XLSX_TYPE): void {
  saveBlob(base64ToBlob(file.contentBase64, type), file.fileName);
}

/**
 * Preview of a report PDF (call list, indicators) with print and download. Printing opens the PDF in a new tab in a
 * browser; inside Electron the embedded viewer prints.
 */
export function PdfReportModal({ opened, onClose, load, title }: { opened: boolean; onClose: () => void; load: () => Promise<ReportFile>; title: string }) {
  const { t } = useI18n();
  const [doc, setDoc] = useState<{ url: string; fileName: string } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    if (!opened) return;
    let url: string | null = null;
    let alive = true;
    setDoc(null);
    setFailed(null);
    load()
      .then((r) => {
        if (!alive) return;
        url = URL.createObjectURL(base64ToBlob(r.contentBase64, 'application/pdf'));
        setDoc({ url, fileName: r.fileName });
      })
      .catch((e: unknown) => {
        if (!alive) return;
        setFailed(e instanceof Error ? e.message : String(e));
        reportApiError(e);
      });
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
    // load is a new closure on every render; the preview reloads only when opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const print = () => {
    if (!doc) return;
    if (inElectron()) frame.current?.contentWindow?.print();
    else window.open(doc.url, '_blank', 'noopener');
  };

  return (
    <Modal opened={opened} onClose={onClose} size="auto" title={doc ? `${title} — ${doc.fileName}` : title}>
      <Stack w="min(1000px, 92vw)">
        {failed && <Alert color="red">{failed}</Alert>}
        {!doc && !failed && (
          <Group>
            <Loader size="sm" />
            <Text size="sm">{t('referrals.previewLoading')}</Text>
          </Group>
        )}
        {doc && (
          <>
            <iframe ref={frame} src={doc.url} title={doc.fileName} data-testid="ncd-pdf-preview" data-file-name={doc.fileName} style={{ width: '100%', height: '72vh', border: '1px solid var(--mantine-color-gray-4)' }} />
            <Group justify="flex-end">
              <Button variant="subtle" onClick={onClose}>
                {t('common.close')}
              </Button>
              <Button component="a" href={doc.url} download={doc.fileName} variant="default" leftSection={<IconDownload size={16} />} data-testid="ncd-pdf-download">
                {t('referrals.download')}
              </Button>
              <Button leftSection={<IconPrinter size={16} />} onClick={print} data-testid="ncd-pdf-print">
                {t('referrals.print')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
