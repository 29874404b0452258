import { Alert, Anchor, Badge, Button, Group, Loader, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeCsv, IconFlag } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ImmSession } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { api } from '../../api/client.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useRole } from '../visits/access.js';
import { SessionHeader, useSessionOr } from './SessionHeader.js';
import { DueDoseBadges, DueListPdfButton, FamilyCell } from './SessionPlanPage.js';
import { canVaccinate, saveFile } from './ui.js';

/** End of session: who was vaccinated with what, who was postponed or not vaccinated, absentees, vials and wastage. */
export function SessionSummaryPage() {
  const { id = '' } = useParams();
  const { session, placeholder } = useSessionOr(id);
  if (!session) return placeholder;
  return <SessionSummary session={session} />;
}

function Stat({ label, value, color, testId }: { label: string; value: number | string; color?: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={800} size="xl" c={color}>
        {value}
      </Text>
    </Paper>
  );
}

function reasonsText(reasons: string[], t: (k: MessageKey, p?: Record<string, string | number>) => string) {
  return reasons.map((r) => t(`imm.screen.reason.${r}` as MessageKey, { temperature: '' })).join('; ');
}

function SessionSummary({ session }: { session: ImmSession }) {
  const { t } = useI18n();
  const role = useRole();
  const q = useApiQuery('imm.sessionSummary', { sessionId: session.id });
  const update = useApiMutation('imm.updateSession');
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const s = q.data;
  const niis = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    try {
      saveFile(await api.call('imm.exportNiis', { sessionId: session.id, format }));
    } catch (e) {
      reportApiError(e);
    } finally {
      setExporting(null);
    }
  };
  const closeSession = () =>
    update.mutate({ id: session.id, status: 'closed' }, { onSuccess: () => reportSuccess(t('immui.summary.closedOk')), onError: (e) => reportApiError(e) });

  return (
    <Stack>
      <SessionHeader
        session={s?.session ?? session}
        view="summary"
        extra={
          <>
            <Button variant="default" size="xs" leftSection={<IconFileTypeCsv size={14} />} loading={exporting === 'csv'} onClick={() => void niis('csv')} data-testid="imm-niis-csv">
              {t('immui.niis.csv')}
            </Button>
            <Button variant="default" size="xs" leftSection={<IconFileSpreadsheet size={14} />} loading={exporting === 'xlsx'} onClick={() => void niis('xlsx')} data-testid="imm-niis-xlsx">
              {t('immui.niis.xlsx')}
            </Button>
            {canVaccinate(role) && (s?.session ?? session).status === 'open' && (
              <Button size="xs" color="orange" leftSection={<IconFlag size={14} />} loading={update.isPending} onClick={closeSession} data-testid="imm-session-close">
                {t('immui.summary.close')}
              </Button>
            )}
          </>
        }
      />
      {q.isPending && <Loader />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {s && (
        <>
          <SimpleGrid cols={{ base: 2, md: 6 }}>
            <Stat label={t('immui.summary.vaccinated')} value={s.vaccinatedPersons} color="teal.8" testId="imm-sum-vaccinated" />
            <Stat label={t('immui.summary.doses')} value={s.dosesByVaccine.reduce((n, d) => n + d.doses, 0)} testId="imm-sum-doses" />
            <Stat label={t('immui.summary.postponed')} value={s.postponed.length} color="orange.8" testId="imm-sum-postponed" />
            <Stat label={t('immui.summary.contraindicated')} value={s.contraindicated.length + s.referred.length} color="red.8" testId="imm-sum-contra" />
            <Stat label={t('immui.summary.absent')} value={s.absentees.length} testId="imm-sum-absent" />
            <Stat label={t('immui.summary.aefi')} value={`${s.aefi.common} / ${s.aefi.serious}`} color={s.aefi.serious ? 'red.8' : undefined} testId="imm-sum-aefi" />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('immui.summary.walkIns', { count: s.walkIns })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="sm">
              <Title order={5} mb="xs">
                {t('immui.summary.byVaccine')}
              </Title>
              <Table withTableBorder data-testid="imm-sum-by-vaccine">
                <Table.Tbody>
                  {s.dosesByVaccine.map((d) => (
                    <Table.Tr key={d.vaccineCode} data-vaccine={d.vaccineCode}>
                      <Table.Td>{d.vaccineName}</Table.Td>
                      <Table.Td ta="right" fw={700}>
                        {d.doses}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <WastagePanel session={s.session} vials={s.vials} canEdit={canVaccinate(role)} />
          </SimpleGrid>
          <PeopleTable
            title={t('immui.summary.postponedList')}
            testId="imm-sum-postponed-list"
            rows={s.postponed.map((p) => ({ person: p.person, detail: `${p.returnDate ? t('immui.board.returnOn', { date: formatDateVi(p.returnDate) }) + ' · ' : ''}${reasonsText(p.reasons, t)}` }))}
          />
          <PeopleTable
            title={t('immui.summary.contraList')}
            testId="imm-sum-contra-list"
            rows={[
              ...s.contraindicated.map((p) => ({ person: p.person, detail: `${t('imm.outcome.contraindicated')} · ${reasonsText(p.reasons, t)}` })),
              ...s.referred.map((p) => ({ person: p.person, detail: `${t('imm.outcome.refer')}${p.referTo ? ` (${p.referTo})` : ''} · ${reasonsText(p.reasons, t)}` })),
            ]}
          />
          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <Title order={5}>{t('immui.summary.absentList', { count: s.absentees.length })}</Title>
              <DueListPdfButton session={s.session} kind="absentees" includeWomen={false} testId="imm-print-absentees" />
            </Group>
            <Table withTableBorder striped data-testid="imm-sum-absentees">
              <Table.Tbody>
                {s.absentees.map((r) => (
                  <Table.Tr key={r.person.id} data-testid="imm-absentee">
                    <Table.Td>
                      <Anchor component={Link} to={`/nguoi/${r.person.id}?tab=immunization`} size="sm" fw={600}>
                        {r.person.fullName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {formatDateVi(r.person.birthDate)} · {r.person.hamletName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <FamilyCell person={r.person} />
                    </Table.Td>
                    <Table.Td>
                      <DueDoseBadges doses={r.doses} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}

function PeopleTable({ title, rows, testId }: { title: string; rows: { person: { id: string; fullName: string; birthDate: string; hamletName: string | null }; detail: string }[]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {title}
      </Title>
      <Table withTableBorder striped data-testid={testId}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.person.id}>
              <Table.Td w="35%">
                <Anchor component={Link} to={`/nguoi/${r.person.id}?tab=immunization`} size="sm" fw={600}>
                  {r.person.fullName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateVi(r.person.birthDate)} · {r.person.hamletName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.detail}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

type VialRow = { lotId: string; vaccineCode: string; lotNumber: string; vialSize: number; administered: number; openedVials: number | null; wastedDoses: number; discardAtSessionEnd: boolean };

/** Opened vials per lot → doses wasted (opened × vial size − administered), recorded in the stock ledger. */
function WastagePanel({ session, vials, canEdit }: { session: ImmSession; vials: VialRow[]; canEdit: boolean }) {
  const { t } = useI18n();
  const save = useApiMutation('imm.recordSessionWastage');
  const [opened, setOpened] = useState<Record<string, number | ''>>({});
  useEffect(() => {
    setOpened(Object.fromEntries(vials.map((v) => [v.lotId, v.openedVials ?? Math.ceil(v.administered / v.vialSize)])));
  }, [vials]);
  const submit = () =>
    save.mutate(
      { sessionId: session.id, lots: vials.map((v) => ({ lotId: v.lotId, openedVials: Number(opened[v.lotId] || 0) })) },
      { onSuccess: () => reportSuccess(t('immui.summary.wastageSaved')), onError: (e) => reportApiError(e) },
    );
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('immui.summary.vials')}
      </Title>
      {vials.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('immui.summary.noVials')}
        </Text>
      ) : (
        <Table withTableBorder data-testid="imm-sum-vials">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('immui.lot.number')}</Table.Th>
              <Table.Th ta="right">{t('immui.summary.administered')}</Table.Th>
              <Table.Th w={130}>{t('immui.summary.opened')}</Table.Th>
              <Table.Th ta="right">{t('immui.summary.wasted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {vials.map((v) => {
              const o = Number(opened[v.lotId] || 0);
              const wasted = Math.max(0, o * v.vialSize - v.administered);
              return (
                <Table.Tr key={v.lotId} data-testid="imm-sum-vial" data-lot={v.lotNumber}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {v.vaccineCode} · {v.lotNumber}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('immui.summary.vialSize', { size: v.vialSize })}
                      {v.discardAtSessionEnd && (
                        <Badge ml={4} size="xs" color="orange" variant="light">
                          {t('immui.summary.discardAtEnd')}
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{v.administered}</Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" min={0} max={1000} value={opened[v.lotId] ?? ''} onChange={(x) => setOpened((m) => ({ ...m, [v.lotId]: typeof x === 'number' ? x : '' }))} disabled={!canEdit} data-testid="imm-sum-opened" />
                  </Table.Td>
                  <Table.Td ta="right" data-testid="imm-sum-wasted">
                    {wasted}
                    {v.openedVials !== null && v.wastedDoses !== wasted && (
                      <Text size="xs" c="dimmed">
                        ({t('immui.summary.recorded', { doses: v.wastedDoses })})
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && vials.length > 0 && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" loading={save.isPending} onClick={submit} data-testid="imm-sum-wastage-save">
            {t('immui.summary.saveWastage')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
