import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconPhone, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DueRow, ImmSession } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { reportApiError } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge } from '../persons/format.js';
import { PdfPreview } from '../referrals/PdfPreview.js';
import { SessionHeader, useSessionOr } from './SessionHeader.js';
import { pdfSource, saveFile } from './ui.js';

type PdfKind = 'invitation' | 'call' | 'absentees';

/** Planning a session: who is due (by hamlet, with parents and phones), the lists to print, and the vaccine need. */
export function SessionPlanPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { session, placeholder } = useSessionOr(id);
  const [includeWomen, setIncludeWomen] = useState(false);
  if (!session) return placeholder;
  return (
    <Stack>
      <SessionHeader session={session} view="plan" />
      <Checkbox
        label={t('immui.plan.includeWomen')}
        checked={includeWomen}
        onChange={(e) => setIncludeWomen(e.currentTarget.checked)}
        data-testid="imm-include-women"
      />
      <DueListPanel session={session} includeWomen={includeWomen} />
      <VaccineNeedPanel session={session} includeWomen={includeWomen} />
    </Stack>
  );
}

/** The due list printed as a PDF (invitation, call list or absentees), shown in the preview first. */
export function DueListPdfButton({ session, kind, includeWomen, testId }: { session: ImmSession; kind: PdfKind; includeWomen: boolean; testId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" leftSection={kind === 'call' ? <IconPhone size={14} /> : <IconPrinter size={14} />} onClick={() => setOpen(true)} data-testid={testId}>
        {t(`immui.plan.pdf.${kind}` as MessageKey)}
      </Button>
      <PdfPreview opened={open} onClose={() => setOpen(false)} load={() => api.call('imm.dueListPdf', { sessionId: session.id, kind, includeWomen }).then(pdfSource)} />
    </>
  );
}

export function DueDoseBadges({ doses }: { doses: DueRow['doses'] }) {
  return (
    <Group gap={4}>
      {doses.map((d) => (
        <Badge key={`${d.seriesKey}-${d.doseNumber}`} size="sm" tt="none" variant="light" color={d.state === 'overdue' ? 'red' : 'blue'} data-testid="imm-due-dose" data-state={d.state}>
          {d.label}
        </Badge>
      ))}
    </Group>
  );
}

/** Parents' names and the phones to call, on one line each. */
export function FamilyCell({ person }: { person: DueRow['person'] }) {
  const { t } = useI18n();
  const parents = [person.motherName && `${t('immui.family.mother')}: ${person.motherName}`, person.fatherName && `${t('immui.family.father')}: ${person.fatherName}`, person.carerName && person.carerName !== person.motherName && person.carerName !== person.fatherName && `${t('immui.family.carer')}: ${person.carerName}`].filter(Boolean);
  return (
    <Stack gap={0}>
      <Text size="sm">{parents.join(' · ')}</Text>
      {person.phones.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="imm-phones">
          {person.phones.join(', ')}
        </Text>
      )}
    </Stack>
  );
}

function DueListPanel({ session, includeWomen }: { session: ImmSession; includeWomen: boolean }) {
  const { t } = useI18n();
  const due = useApiQuery('imm.dueList', { sessionId: session.id, includeWomen });
  const d = due.data;
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Stack gap={0}>
          <Title order={4}>{t('immui.plan.dueTitle')}</Title>
          {d && (
            <Text size="sm" c="dimmed" data-testid="imm-due-total">
              {t('immui.plan.dueTotal', { count: d.total, date: formatDateVi(d.date) })}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <DueListPdfButton session={session} kind="invitation" includeWomen={includeWomen} testId="imm-print-invitation" />
          <DueListPdfButton session={session} kind="call" includeWomen={includeWomen} testId="imm-print-call" />
        </Group>
      </Group>
      {due.isPending && <Loader size="sm" />}
      {due.error && <Alert color="red">{due.error.message}</Alert>}
      {d && d.total === 0 && <Alert color="gray">{t('immui.plan.dueNone')}</Alert>}
      {d?.groups.map((g) => (
        <Stack key={g.hamletId ?? 'none'} gap={4} mb="sm" data-testid="imm-due-group" data-hamlet={g.hamletName ?? ''}>
          <Text fw={700} c="teal.8">
            {g.hamletName ?? t('immui.plan.noHamlet')} · {t('immui.plan.people', { count: g.rows.length })}
          </Text>
          <Table withTableBorder striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>#</Table.Th>
                <Table.Th>{t('immui.col.name')}</Table.Th>
                <Table.Th w={150}>{t('immui.col.birth')}</Table.Th>
                <Table.Th>{t('immui.col.family')}</Table.Th>
                <Table.Th>{t('immui.col.dueDoses')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {g.rows.map((r, i) => (
                <Table.Tr key={r.person.id} data-testid="imm-due-row">
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/nguoi/${r.person.id}`} size="sm" fw={600}>
                      {r.person.fullName}
                    </Anchor>
                    {r.group !== 'child' && (
                      <Badge size="xs" ml={6} variant="outline" color="grape">
                        {t(`imm.group.${r.group}` as MessageKey)}
                      </Badge>
                    )}
                    {r.checkedIn && (
                      <Badge size="xs" ml={6} color="teal">
                        {t('immui.plan.checkedIn')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateVi(r.person.birthDate)}</Text>
                    <Text size="xs" c="dimmed">
                      {formatAge(r.person.birthDate, t, d.date)}
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
        </Stack>
      ))}
    </Paper>
  );
}

function VaccineNeedPanel({ session, includeWomen }: { session: ImmSession; includeWomen: boolean }) {
  const { t } = useI18n();
  const need = useApiQuery('imm.vaccineNeed', { sessionId: session.id, includeWomen });
  const [pdf, setPdf] = useState(false);
  const [busy, setBusy] = useState(false);
  const xlsx = async () => {
    setBusy(true);
    try {
      saveFile(await api.call('imm.requisition', { sessionId: session.id, format: 'xlsx', includeWomen }));
    } catch (e) {
      reportApiError(e);
    } finally {
      setBusy(false);
    }
  };
  const rows = need.data?.rows ?? [];
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('immui.need.title')}</Title>
        <Group gap="xs">
          <Button variant="default" size="xs" leftSection={<IconPrinter size={14} />} onClick={() => setPdf(true)} data-testid="imm-requisition-pdf">
            {t('immui.need.pdf')}
          </Button>
          <Button variant="default" size="xs" leftSection={<IconFileSpreadsheet size={14} />} loading={busy} onClick={() => void xlsx()} data-testid="imm-requisition-xlsx">
            {t('immui.need.xlsx')}
          </Button>
        </Group>
      </Group>
      {need.isPending && <Loader size="sm" />}
      {need.error && <Alert color="red">{need.error.message}</Alert>}
      {need.data && rows.length === 0 && <Alert color="gray">{t('immui.need.none')}</Alert>}
      {rows.length > 0 && (
        <Table withTableBorder striped data-testid="imm-need">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('immui.col.vaccine')}</Table.Th>
              <Table.Th ta="right">{t('immui.need.doses')}</Table.Th>
              <Table.Th ta="right">{t('immui.need.vialSize')}</Table.Th>
              <Table.Th ta="right">{t('immui.need.wastage')}</Table.Th>
              <Table.Th ta="right">{t('immui.need.vials')}</Table.Th>
              <Table.Th ta="right">{t('immui.need.onHand')}</Table.Th>
              <Table.Th ta="right">{t('immui.need.shortfall')}</Table.Th>
              <Table.Th>{t('immui.need.nearestExpiry')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.vaccineCode} data-testid="imm-need-row" data-vaccine={r.vaccineCode}>
                <Table.Td>{r.vaccineName}</Table.Td>
                <Table.Td ta="right">{r.doses}</Table.Td>
                <Table.Td ta="right">{r.vialSize}</Table.Td>
                <Table.Td ta="right">{r.wastageFactor.toLocaleString('vi-VN')}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {r.vials}
                </Table.Td>
                <Table.Td ta="right">{t('immui.need.onHandValue', { doses: r.onHandDoses, vials: r.onHandVials.toLocaleString('vi-VN') })}</Table.Td>
                <Table.Td ta="right" data-testid="imm-need-shortfall">
                  {r.shortfallVials > 0 ? (
                    <Badge color="red" variant="filled">
                      {t('immui.need.vialsValue', { vials: r.shortfallVials })}
                    </Badge>
                  ) : (
                    <Text size="sm" c="teal">
                      {t('immui.need.enough')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateVi(r.nearestExpiry)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PdfPreview opened={pdf} onClose={() => setPdf(false)} load={() => api.call('imm.requisition', { sessionId: session.id, format: 'pdf', includeWomen }).then(pdfSource)} />
    </Paper>
  );
}
