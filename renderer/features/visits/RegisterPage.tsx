import { Alert, Anchor, Button, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateVi } from '../../../shared/dates.js';
import { vitalsLine } from '../../../shared/visits/vitals-line.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday } from './access.js';
import { DateField } from './DateField.js';
import { saveApiFile } from '../referrals/files.js';

/** Sổ khám bệnh (register A1/CSYT, TT 23/2025/TT-BYT) for a date range, with export to Excel. */
export function VisitRegisterPage() {
  const { t, locale } = useI18n();
  const today = stationToday();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [exporting, setExporting] = useState(false);
  const register = useApiQuery('visits.register', { from, to }, { enabled: from <= to });
  const rows = register.data?.rows ?? [];

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await api.call('visits.exportRegister', { from, to });
      saveApiFile(file);
      reportSuccess(t('visits.register.exported', { file: file.fileName }));
    } catch (e) {
      reportApiError(e);
    } finally {
      setExporting(false);
    }
  };

  const cols = ['order', 'fullName', 'sex', 'birthDate', 'identity', 'bhyt', 'address', 'ethnicity', 'occupation', 'symptoms', 'diagnosis', 'treatment', 'examiner', 'notes', 'vitals', 'medicines'] as const;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Title order={2}>{t('visits.register.title')}</Title>
          <DateField label={t('visits.register.from')} value={from} onChange={setFrom} testId="register-from" />
          <DateField label={t('visits.register.to')} value={to} onChange={setTo} testId="register-to" />
        </Group>
        <Group>
          <Anchor component={Link} to="/kham-benh" size="sm">
            {t('visits.backToQueue')}
          </Anchor>
          <Button leftSection={<IconFileSpreadsheet size={16} />} onClick={exportXlsx} loading={exporting} disabled={from > to} data-testid="register-export">
            {t('visits.register.export')}
          </Button>
        </Group>
      </Group>
      {from > to && <Alert color="red">{t('v.rangeOrder')}</Alert>}
      {register.error && <Alert color="red">{register.error.message}</Alert>}
      <Text size="sm" c="dimmed">
        {formatDateVi(from)} – {formatDateVi(to)} · {t('visits.count', { count: rows.length })}
      </Text>
      <ScrollArea type="auto">
        <Table striped withTableBorder withColumnBorders verticalSpacing={4} fz="sm" miw={1700} data-testid="register-table">
          <Table.Thead>
            <Table.Tr>
              {cols.map((c) => (
                <Table.Th key={c}>{t(`visits.col.${c}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.visitId} data-testid="register-row">
                <Table.Td>{r.orderNumber}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/kham-benh/luot/${r.visitId}`} size="sm" fw={600}>
                    {r.fullName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatDateVi(r.visitDate)}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`visits.sex.${r.sex}`)}</Table.Td>
                <Table.Td>{formatDateVi(r.birthDate)}</Table.Td>
                <Table.Td>{r.identityDocument}</Table.Td>
                <Table.Td>{r.bhytCardCode}</Table.Td>
                <Table.Td>{r.address}</Table.Td>
                <Table.Td>{r.ethnicity}</Table.Td>
                <Table.Td>{r.occupation}</Table.Td>
                <Table.Td>{r.symptoms}</Table.Td>
                <Table.Td>{r.diagnosis}</Table.Td>
                <Table.Td>{r.treatment}</Table.Td>
                <Table.Td>{r.examinerName}</Table.Td>
                <Table.Td>{r.notes}</Table.Td>
                <Table.Td>{vitalsLine(r.vitals, locale)}</Table.Td>
                <Table.Td>{r.medicines}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {register.data && rows.length === 0 && <Alert color="gray">{t('visits.register.empty')}</Alert>}
    </Stack>
  );
}
