import { Alert, Anchor, Button, Group, Loader, ScrollArea, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { formatDateVi } from '../../../shared/dates.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ListFilters } from './ListFilters.js';
import { useXlsxExport } from './useXlsxExport.js';
import { formatAge, sexLabel } from '../persons/format.js';
import { formatBp } from './format.js';
import { usePrograms } from './usePrograms.js';

const PAGE_ROWS = 500;

/**
 * "Đang quản lý": the patients of a program (or all programs) by hamlet and name — what the paper management
 * register holds — with the last follow-up, the latest BP against the patient's own target and the next
 * appointment; the patients whose management ended are one switch away.
 */
export function PatientsPage() {
  const { t } = useI18n();
  const { nameOf } = usePrograms();
  const [program, setProgram] = useState<string | null>(null);
  const [hamletId, setHamletId] = useState<string | null>(null);
  const [status, setStatus] = useState<'active' | 'ended'>('active');
  const xlsx = useXlsxExport();
  const filter = { status, ...(program ? { program } : {}), ...(hamletId ? { hamletId } : {}) };
  // A page of rows: a large commune has thousands of patients, more than a table on an old PC should draw at once.
  const q = useApiQuery('ncd.patientList', { ...filter, limit: PAGE_ROWS });
  const rows = q.data?.rows;
  const ended = status === 'ended';
  // Every row of the list (not only the page on screen), as .xlsx.
  const exportXlsx = () => xlsx.run(() => api.call('ncd.exportPatients', filter));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
      <Group align="flex-end">
        <ListFilters program={program} onProgram={setProgram} hamletId={hamletId} onHamlet={setHamletId} testIdPrefix="patients" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('ncdui.patients.status')}
          </Text>
          <SegmentedControl
            value={status}
            onChange={(v) => setStatus(v as 'active' | 'ended')}
            data={[
              { value: 'active', label: t('ncdui.patients.active') },
              { value: 'ended', label: t('ncdui.patients.ended') },
            ]}
            data-testid="patients-status"
          />
        </Stack>
      </Group>
        <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportXlsx()} loading={xlsx.exporting} disabled={!q.data?.total} data-testid="patients-export">
          {t('ncdui.exportXlsx')}
        </Button>
      </Group>
      {q.data && (
        <Text fw={600} data-testid="patients-total" data-total={q.data.total}>
          {t('ncdui.patients.total', { count: q.data.total })}
        </Text>
      )}
      {rows && q.data && rows.length < q.data.total && (
        <Alert color="blue" data-testid="patients-truncated">
          {t('ncdui.patients.truncated', { shown: rows.length, total: q.data.total })}
        </Alert>
      )}
      {q.isPending && <Loader />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {rows && rows.length === 0 && (
        <Alert color="gray" data-testid="patients-empty">
          {t('ncdui.patients.empty')}
        </Alert>
      )}
      {rows && rows.length > 0 && (
        <ScrollArea type="auto">
          <Table striped highlightOnHover withTableBorder verticalSpacing={6} fz="sm" miw={960} data-testid="patients-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('ncdui.overdue.patient')}</Table.Th>
                <Table.Th>{t('ncdui.hamlet')}</Table.Th>
                <Table.Th>{t('ncdui.overdue.phone')}</Table.Th>
                <Table.Th>{t('ncdui.program')}</Table.Th>
                <Table.Th>{t('ncdui.patients.enrolledOn')}</Table.Th>
                <Table.Th>{t('ncdui.patients.lastFollowup')}</Table.Th>
                <Table.Th>{t('ncdui.patients.latestBp')} (mmHg)</Table.Th>
                <Table.Th>{t(ended ? 'ncdui.patients.endedOn' : 'ncdui.patients.next')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={r.enrollmentId} data-testid="patients-row" data-person={r.personId}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/nguoi/${r.personId}?tab=chronic`} fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {r.fullName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatAge(r.birthDate, t)} · {sexLabel(r.sex, t)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.hamletName ?? ''}</Table.Td>
                  <Table.Td ff="monospace">{r.phone ?? ''}</Table.Td>
                  <Table.Td>{nameOf(r.program)}</Table.Td>
                  <Table.Td>{formatDateVi(r.enrolledOn)}</Table.Td>
                  <Table.Td>{r.lastFollowupDate ? formatDateVi(r.lastFollowupDate) : '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {r.latestBp ? (
                      <>
                        <Text size="sm" fw={600}>
                          {formatBp(r.latestBp)}
                        </Text>
                        <Text size="xs" fw={600} c={r.bpAtTarget ? 'teal.8' : 'red.7'} data-testid="patients-bp-target">
                          {t(r.bpAtTarget ? 'ncdui.patients.atTarget' : 'ncdui.patients.notAtTarget')}
                        </Text>
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {ended ? (
                      <>
                        <Text size="sm">{formatDateVi(r.endedOn)}</Text>
                        {r.endReason && (
                          <Text size="xs" c="dimmed">
                            {t(`ncdui.endReason.${r.endReason}` as MessageKey)}
                          </Text>
                        )}
                      </>
                    ) : (
                      <>
                        <Text size="sm">{r.nextAppointment ? formatDateVi(r.nextAppointment) : '—'}</Text>
                        {r.overdue && (
                          <Text size="xs" fw={600} c="red.7" data-testid="patients-overdue">
                            {t('ncdui.patients.overdue')}
                          </Text>
                        )}
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}
