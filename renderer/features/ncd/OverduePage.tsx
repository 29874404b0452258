import { ActionIcon, Alert, Anchor, Badge, Button, Group, Loader, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconClipboardHeart, IconFileSpreadsheet, IconPhone, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { OverdueRow } from '../../../shared/contract/ncd.js';
import { formatDateVi } from '../../../shared/dates.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ListFilters } from './ListFilters.js';
import { useXlsxExport } from './useXlsxExport.js';
import { formatAge, sexLabel } from '../persons/format.js';
import { canExamine, useRole } from '../visits/access.js';
import { CallModal } from './CallModal.js';
import { formatBp } from './format.js';
import { PdfPreview } from '../referrals/PdfPreview.js';
import { pdfSource } from '../referrals/files.js';
import { usePrograms } from './usePrograms.js';

type ListKind = 'overdue' | 'lost';

/**
 * "Danh sách quá hẹn" (and "Mất dấu > 12 tháng"): patients whose appointment passed without a visit, high risk first,
 * with phone, hamlet, days overdue, latest BP and the last call; filters by program and hamlet; a call's outcome is
 * recorded per row; the call list prints (PDF) and exports (.xlsx).
 */
export function OverduePage({ list }: { list: ListKind }) {
  const { t } = useI18n();
  const role = useRole();
  const canCall = canExamine(role);
  const { nameOf } = usePrograms();
  const [program, setProgram] = useState<string | null>(null);
  const [hamletId, setHamletId] = useState<string | null>(null);
  const [calling, setCalling] = useState<OverdueRow | null>(null);
  const [printing, setPrinting] = useState(false);
  const xlsx = useXlsxExport();
  const filter = { ...(program ? { program } : {}), ...(hamletId ? { hamletId } : {}) };
  const q = useApiQuery('ncd.overdueList', filter);
  const rows = list === 'overdue' ? q.data?.rows : q.data?.lost;
  const total = list === 'overdue' ? q.data?.total : q.data?.lostTotal;

  const exportXlsx = () => xlsx.run(() => api.call('ncd.exportOverdue', { ...filter, list, format: 'xlsx' }));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <ListFilters program={program} onProgram={setProgram} hamletId={hamletId} onHamlet={setHamletId} testIdPrefix="overdue" />
        </Group>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => setPrinting(true)} disabled={!total} data-testid="overdue-print">
            {t('ncdui.printList')}
          </Button>
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportXlsx()} loading={xlsx.exporting} disabled={!total} data-testid="overdue-export">
            {t('ncdui.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {total !== undefined && (
        <Text fw={600} data-testid="overdue-total" data-total={total}>
          {t(list === 'overdue' ? 'ncdui.overdue.total' : 'ncdui.lost.total', { count: total })}
        </Text>
      )}
      {q.isPending && <Loader />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {rows && rows.length === 0 && (
        <Alert color="gray" data-testid="overdue-empty">
          {t(list === 'overdue' ? 'ncdui.overdue.empty' : 'ncdui.lost.empty')}
        </Alert>
      )}
      {rows && rows.length > 0 && (
        <ScrollArea type="auto">
          <Table striped highlightOnHover withTableBorder verticalSpacing={6} fz="sm" miw={960} data-testid="overdue-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('ncdui.overdue.patient')}</Table.Th>
                <Table.Th>{t('ncdui.overdue.phone')}</Table.Th>
                <Table.Th>{t('ncdui.hamlet')}</Table.Th>
                <Table.Th>{t('ncdui.program')}</Table.Th>
                <Table.Th>{t('ncdui.overdue.appointment')}</Table.Th>
                <Table.Th>{t('ncdui.overdue.latestBp')} (mmHg)</Table.Th>
                <Table.Th>{t('ncdui.overdue.lastCall')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={r.enrollmentId} data-testid="overdue-row" data-person={r.personId} data-days={r.daysOverdue} data-high-risk={r.highRisk}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Anchor component={Link} to={`/nguoi/${r.personId}?tab=chronic`} fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {r.fullName}
                      </Anchor>
                      {r.highRisk && (
                        <Badge color="red" size="sm" style={{ flexShrink: 0 }} data-testid="overdue-high-risk">
                          {t('ncdui.highRisk')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {formatAge(r.birthDate, t)} · {sexLabel(r.sex, t)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.phone ? (
                      <Anchor href={`tel:${r.phone}`} size="sm" ff="monospace">
                        {r.phone}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('ncdui.overdue.noPhone')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{r.hamletName ?? ''}</Table.Td>
                  <Table.Td>{nameOf(r.program)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateVi(r.appointmentDate)}</Text>
                    <Text size="xs" c="red" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="overdue-days">
                      {t('ncdui.overdueDays', { days: r.daysOverdue })}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.latestBp ? formatBp(r.latestBp) : '—'}</Table.Td>
                  <Table.Td data-testid="overdue-last-call">
                    {r.lastCall ? (
                      <>
                        <Text size="sm">{t(`ncdui.call.${r.lastCall.outcome}`)}</Text>
                        <Text size="xs" c="dimmed">
                          {formatDateVi(r.lastCall.callDate)}
                          {r.lastCall.remindOn ? ` → ${formatDateVi(r.lastCall.remindOn)}` : ''}
                          {r.lastCall.note ? ` · ${r.lastCall.note}` : ''}
                        </Text>
                      </>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('ncdui.overdue.notCalled')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canCall && (
                      <Group gap={6} wrap="nowrap" justify="flex-end">
                        <Button size="xs" variant="light" leftSection={<IconPhone size={14} />} onClick={() => setCalling(r)} data-testid="overdue-call">
                          {t('ncdui.overdue.call')}
                        </Button>
                        <Tooltip label={t('ncdui.tab.followup')}>
                          <ActionIcon
                            variant="subtle"
                            size="lg"
                            component={Link}
                            to={`/benh-man-tinh/tai-kham/${r.personId}/${r.enrollmentId}`}
                            state={{ back: list === 'overdue' ? '/benh-man-tinh' : '/benh-man-tinh/mat-dau' }}
                            aria-label={t('ncdui.tab.followup')}
                          >
                            <IconClipboardHeart size={18} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {total !== undefined && rows.length < total && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('ncdui.overdue.truncated', { shown: rows.length, total })}
            </Text>
          )}
        </ScrollArea>
      )}
      <CallModal row={calling} onClose={() => setCalling(null)} />
      <PdfPreview
        opened={printing}
        onClose={() => setPrinting(false)}
        title={t(list === 'overdue' ? 'ncdui.overdue.printTitle' : 'ncdui.lost.printTitle')}
        load={() => api.call('ncd.exportOverdue', { ...filter, list, format: 'pdf' }).then(pdfSource)}
      />
    </Stack>
  );
}
