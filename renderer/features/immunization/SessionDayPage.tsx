import { Alert, Badge, Button, Grid, Group, Loader, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconAlertOctagon, IconPrinter, IconStethoscope, IconVaccine } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { BoardEntry, ImmSession } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge } from '../persons/format.js';
import { PdfPreview } from '../referrals/PdfPreview.js';
import { useRole } from '../visits/access.js';
import { AefiModal } from './AefiModal.js';
import { CheckInPanel } from './CheckInPanel.js';
import { ObservationBoard } from './ObservationBoard.js';
import { outcomeColor, ScreeningModal } from './ScreeningModal.js';
import { SessionHeader, useSessionOr } from './SessionHeader.js';
import { canCheckIn, canVaccinate, pdfSource, timeVi, useStationNow } from './ui.js';
import { VaccinateModal } from './VaccinateModal.js';

type Desk = 'all' | 'screening' | 'vaccination' | 'done';
const DESK_KEY = 'tyts.imm.desk';
const STATE_COLOR: Record<BoardEntry['state'], string> = { waiting_screening: 'gray', screened: 'blue', observing: 'yellow', left: 'teal', not_vaccinated: 'orange' };

function initialDesk(): Desk {
  try {
    const v = localStorage.getItem(DESK_KEY);
    return v === 'screening' || v === 'vaccination' || v === 'done' ? v : 'all';
  } catch {
    return 'all';
  }
}

const readyToVaccinate = (e: BoardEntry) => e.screening?.outcome === 'vaccinate' && e.dueToday.some((d) => !d.excluded) && (e.state === 'screened' || e.state === 'observing');

function onDesk(e: BoardEntry, desk: Desk): boolean {
  if (desk === 'screening') return e.state === 'waiting_screening';
  if (desk === 'vaccination') return e.state === 'screened' && readyToVaccinate(e);
  if (desk === 'done') return e.state === 'left' || e.state === 'not_vaccinated';
  return true;
}

type Action = { kind: 'screen' | 'vaccinate' | 'aefi'; attendanceId: string } | null;

/**
 * Ngày tiêm: several workstations at once on the same session. Each keeps its desk (check-in and screening,
 * vaccination, …); the list and the observation board follow every change live (data.changed) and poll as a fallback.
 */
export function SessionDayPage() {
  const { id = '' } = useParams();
  const { session, placeholder } = useSessionOr(id);
  if (!session) return placeholder;
  return <SessionDay session={session} />;
}

function SessionDay({ session }: { session: ImmSession }) {
  const { t } = useI18n();
  const role = useRole();
  const board = useApiQuery('imm.sessionBoard', { sessionId: session.id }, { refetchInterval: 10_000 });
  const now = useStationNow(board.data?.now);
  const [desk, setDeskState] = useState<Desk>(initialDesk);
  const [action, setAction] = useState<Action>(null);
  const setDesk = (d: Desk) => {
    setDeskState(d);
    try {
      localStorage.setItem(DESK_KEY, d);
    } catch {
      // Private mode: the desk lasts for this window only.
    }
  };
  const entries = board.data?.entries ?? [];
  const current = action ? entries.find((e) => e.attendanceId === action.attendanceId) : undefined;
  const close = () => setAction(null);
  const counts = board.data?.counts;
  const shown = entries.filter((e) => onDesk(e, desk));
  const live = board.data?.session ?? session;

  return (
    <Stack>
      <SessionHeader session={live} view="day" />
      <SeriousAlerts entries={entries} />
      {live.status === 'planned' && <Alert color="blue">{t('immui.day.notStarted')}</Alert>}
      {live.status === 'closed' && <Alert color="gray">{t('immui.day.closed')}</Alert>}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            {canCheckIn(role) && <CheckInPanel session={live} />}
            <Paper withBorder p="sm">
              <Tabs value={desk} onChange={(v) => v && setDesk(v as Desk)}>
                <Tabs.List>
                  <Tabs.Tab value="all" data-testid="imm-desk-all">
                    {t('immui.desk.all')} ({entries.length})
                  </Tabs.Tab>
                  <Tabs.Tab value="screening" data-testid="imm-desk-screening">
                    {t('immui.desk.screening')} ({counts?.waiting ?? 0})
                  </Tabs.Tab>
                  <Tabs.Tab value="vaccination" data-testid="imm-desk-vaccination">
                    {t('immui.desk.vaccination')} ({entries.filter((e) => onDesk(e, 'vaccination')).length})
                  </Tabs.Tab>
                  <Tabs.Tab value="done" data-testid="imm-desk-done">
                    {t('immui.desk.done')} ({(counts?.left ?? 0) + (counts?.notVaccinated ?? 0)})
                  </Tabs.Tab>
                </Tabs.List>
              </Tabs>
              {board.isPending && <Loader size="sm" mt="sm" />}
              {board.error && (
                <Alert color="red" mt="sm">
                  {board.error.message}
                </Alert>
              )}
              {board.data && shown.length === 0 && (
                <Text c="dimmed" size="sm" mt="sm" data-testid="imm-queue-empty">
                  {t('immui.desk.empty')}
                </Text>
              )}
              {shown.length > 0 && (
                <Table mt="xs" verticalSpacing={6} highlightOnHover data-testid="imm-queue">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('immui.col.name')}</Table.Th>
                      <Table.Th w={220}>{t('immui.col.state')}</Table.Th>
                      <Table.Th w={170} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((e) => (
                      <QueueRow key={e.attendanceId} entry={e} date={live.date} role={role} onAction={(kind) => setAction({ kind, attendanceId: e.attendanceId })} />
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <ObservationBoard entries={entries} now={now} date={live.date} canAct={canVaccinate(role)} onAefi={(e) => setAction({ kind: 'aefi', attendanceId: e.attendanceId })} />
        </Grid.Col>
      </Grid>
      {current && action?.kind === 'screen' && (
        <ScreeningModal entry={current} date={live.date} onClose={close} onVaccinate={canVaccinate(role) ? () => setAction({ kind: 'vaccinate', attendanceId: current.attendanceId }) : undefined} />
      )}
      {current && action?.kind === 'vaccinate' && <VaccinateModal entry={current} date={live.date} now={now} onClose={close} />}
      {current && action?.kind === 'aefi' && <AefiModal entry={current} date={live.date} now={now} onClose={close} />}
    </Stack>
  );
}

function QueueRow({ entry: e, date, role, onAction }: { entry: BoardEntry; date: string; role: ReturnType<typeof useRole>; onAction: (kind: 'screen' | 'vaccinate' | 'aefi') => void }) {
  const { t } = useI18n();
  const s = e.screening;
  const clinical = canVaccinate(role);
  return (
    <Table.Tr data-testid="imm-queue-row" data-person={e.person.fullName} data-state={e.state}>
      <Table.Td>
        <Group gap={6}>
          <Text fw={600} size="sm">
            {e.person.fullName}
          </Text>
          {e.walkIn && (
            <Badge size="xs" variant="outline">
              {t('immui.board.walkIn')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {[formatAge(e.person.birthDate, t, date), e.person.hamletName, t('immui.board.arrived', { time: timeVi(e.checkedInAt) })].filter(Boolean).join(' · ')}
        </Text>
        <Group gap={4} mt={2}>
          {e.given.map((d) => (
            <Badge key={d.id} size="sm" tt="none" color="teal" variant="filled">
              ✓ {d.label ?? d.vaccineCode}
            </Badge>
          ))}
          {e.dueToday.map((d) => (
            <Badge key={`${d.seriesKey}-${d.doseNumber}`} size="sm" tt="none" variant={d.excluded ? 'outline' : 'light'} color={d.excluded ? 'gray' : d.state === 'overdue' ? 'red' : 'blue'}>
              {d.label}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Badge color={STATE_COLOR[e.state]} variant="light" tt="none" data-testid="imm-queue-state">
            {t(`imm.board.${e.state}` as MessageKey)}
          </Badge>
          {s && (
            <Text size="xs" c={outcomeColor(s.outcome)} fw={600} data-testid="imm-queue-outcome" data-outcome={s.outcome}>
              {t(`imm.outcome.${s.outcome}` as MessageKey)}
              {s.temperature !== null ? ` · ${String(s.temperature).replace('.', ',')} °C` : ''}
              {s.returnDate ? ` · ${t('immui.board.returnOn', { date: formatDateVi(s.returnDate) })}` : ''}
            </Text>
          )}
          {e.aefi.length > 0 && (
            <Badge size="xs" color={e.aefi.some((a) => a.severity === 'serious') ? 'red' : 'orange'}>
              {e.aefi.map((a) => t(`imm.aefi.severity.${a.severity}`)).join(', ')}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        {clinical && (
          <Group gap={4} justify="flex-end">
            {e.state === 'waiting_screening' && (
              <Button size="compact-sm" leftSection={<IconStethoscope size={14} />} onClick={() => onAction('screen')} data-testid="imm-queue-screen">
                {t('immui.screen.button')}
              </Button>
            )}
            {readyToVaccinate(e) && (
              <Button size="compact-sm" color="teal" leftSection={<IconVaccine size={14} />} onClick={() => onAction('vaccinate')} data-testid="imm-queue-vaccinate">
                {t('immui.vaccinate.button')}
              </Button>
            )}
            {(e.state === 'screened' || e.state === 'not_vaccinated') && (
              <Button size="compact-sm" variant="subtle" onClick={() => onAction('screen')} data-testid="imm-queue-rescreen">
                {t('immui.screen.again')}
              </Button>
            )}
            {(e.state === 'left' || e.state === 'observing') && e.given.length > 0 && (
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => onAction('aefi')} data-testid="imm-queue-aefi">
                {t('immui.obs.aefi')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Serious adverse events of the session: a red banner on every workstation, with the report to print. */
function SeriousAlerts({ entries }: { entries: BoardEntry[] }) {
  const { t } = useI18n();
  const [report, setReport] = useState<string | null>(null);
  const serious = entries.flatMap((e) => e.aefi.filter((a) => a.severity === 'serious'));
  if (serious.length === 0) return null;
  return (
    <>
      {serious.map((a) => (
        <Alert key={a.id} color="red" variant="filled" icon={<IconAlertOctagon size={28} />} title={t('immui.aefi.alertTitle', { name: a.personName })} data-testid="imm-serious-alert">
          <Group justify="space-between" align="flex-end">
            <Stack gap={2}>
              <Text size="sm">
                {a.signs.map((s) => t(`imm.aefi.sign.${s}` as MessageKey)).join(', ')}
                {a.anaphylaxisGrade ? ` · ${t('immui.aefi.gradeN', { grade: ['I', 'II', 'III', 'IV'][a.anaphylaxisGrade - 1] ?? '' })}` : ''} · {t('immui.aefi.onsetAt', { time: timeVi(a.onsetAt) })} ·{' '}
                {t(`imm.aefi.outcome.${a.outcome}` as MessageKey)}
              </Text>
              <Text size="sm" fw={700}>
                {a.urgentSync ? t('imm.warn.urgentSync') : t('immui.aefi.seriousSteps')}
              </Text>
            </Stack>
            <Button color="white" variant="white" c="red" leftSection={<IconPrinter size={16} />} onClick={() => setReport(a.id)} data-testid="imm-serious-report">
              {t('immui.aefi.report')}
            </Button>
          </Group>
        </Alert>
      ))}
      <PdfPreview opened={report !== null} onClose={() => setReport(null)} load={() => api.call('imm.aefiReportPdf', { id: report! }).then(pdfSource)} />
    </>
  );
}
