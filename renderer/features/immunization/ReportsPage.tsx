import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Button, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeCsv, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import type { z } from 'zod';
import type { coverageFiguresSchema } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import { addDays } from '../../../shared/visits/station-date.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { reportApiError } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PdfPreview } from '../referrals/PdfPreview.js';
import { stationToday } from '../visits/access.js';
import { DateField } from '../visits/DateField.js';
import { monthOf, pdfSource, percentVi, saveFile } from './ui.js';

type Figures = z.infer<typeof coverageFiguresSchema>;
type View = 'coverage' | 'register' | 'niis';

/** Báo cáo: monthly coverage with a chart by hamlet, the A2.1 child register (screen, PDF, .xlsx), the NIIS export. */
export function ReportsPage() {
  const { t } = useI18n();
  const [view, setView] = useState<View>('coverage');
  const hamlets = useApiQuery('hamlets.list', {});
  const [hamletId, setHamletId] = useState<string | null>(null);
  const hamletOptions = (hamlets.data?.hamlets ?? []).map((h) => ({ value: h.id, label: h.name }));
  return (
    <Stack>
      <Group align="flex-end">
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as View)}
          data={[
            { value: 'coverage', label: t('immui.rep.coverage') },
            { value: 'register', label: t('immui.rep.register') },
            { value: 'niis', label: t('immui.rep.niis') },
          ]}
          data-testid="imm-rep-view"
        />
        {view !== 'niis' && (
          <Select label={t('immui.reg.hamlet')} clearable w={220} placeholder={t('immui.reg.allHamlets')} value={hamletId} onChange={setHamletId} data={hamletOptions} data-testid="imm-rep-hamlet" />
        )}
      </Group>
      {view === 'coverage' && <CoverageView hamletId={hamletId} />}
      {view === 'register' && <RegisterView hamletId={hamletId} />}
      {view === 'niis' && <NiisView />}
    </Stack>
  );
}

function Figure({ label, value, detail, testId, color }: { label: string; value: string; detail?: string; testId: string; color?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" lh={1.3}>
        {label}
      </Text>
      <Text fw={800} size="xl" c={color} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** The last `count` months, newest first, as "Tháng 11/2026". */
function recentMonths(today: string, count: number): { value: string; label: string }[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < count; i++) {
    const mm = String(m).padStart(2, '0');
    out.push({ value: `${y}-${mm}`, label: `${mm}/${y}` });
    if (--m === 0) (m = 12), y--;
  }
  return out;
}

function CoverageView({ hamletId }: { hamletId: string | null }) {
  const { t } = useI18n();
  const [month, setMonth] = useState(monthOf(stationToday()));
  const q = useApiQuery('imm.coverage', { month, hamletId: hamletId ?? undefined, trend: true });
  const c = q.data;
  const f: Figures | undefined = c?.figures;
  const ratio = (r: { numerator: number; denominator: number }) => t('immui.rep.ratio', { n: r.numerator, d: r.denominator });
  return (
    <Stack>
      <Select label={t('immui.rep.month')} w={200} value={month} allowDeselect={false} onChange={(v) => v && setMonth(v)} data={recentMonths(stationToday(), 36)} data-testid="imm-rep-month" />
      {q.isPending && <Loader />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {c && f && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label={t('immui.rep.fullyUnder1')} value={String(f.fullyImmunizedUnder1)} detail={`${t('immui.rep.cohort')}: ${percentVi(f.fullyImmunizedCohort.rate)} (${ratio(f.fullyImmunizedCohort)})`} testId="imm-fig-fully" color="teal.8" />
            <Figure label={t('immui.rep.hepb24')} value={percentVi(f.hepbBirthWithin24h.rate)} detail={ratio(f.hepbBirthWithin24h)} testId="imm-fig-hepb" />
            <Figure label={t('immui.rep.dropout')} value={percentVi(f.dptDropout.rate)} detail={t('immui.rep.dropoutDetail', { dpt1: f.dptDropout.dpt1, dpt3: f.dptDropout.dpt3 })} testId="imm-fig-dropout" />
            <Figure label={t('immui.rep.uv2')} value={String(f.pregnantUv2PlusInMonth)} detail={`${t('immui.rep.protected')}: ${percentVi(f.pregnantProtected.rate)} (${ratio(f.pregnantProtected)})`} testId="imm-fig-uv2" />
            <Figure label={t('immui.rep.mr18')} value={percentVi(f.mr18.rate)} detail={ratio(f.mr18)} testId="imm-fig-mr18" />
            <Figure label={t('immui.rep.dpt418')} value={percentVi(f.dpt418.rate)} detail={ratio(f.dpt418)} testId="imm-fig-dpt418" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="sm">
              <Title order={5} mb="xs">
                {t('immui.rep.dosesByVaccine')}
              </Title>
              <Table withTableBorder striped data-testid="imm-rep-doses">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('immui.col.vaccine')}</Table.Th>
                    <Table.Th ta="right">{t('immui.rep.under12')}</Table.Th>
                    <Table.Th ta="right">{t('immui.rep.from12to23')}</Table.Th>
                    <Table.Th ta="right">{t('immui.rep.over24')}</Table.Th>
                    <Table.Th ta="right">{t('immui.rep.women')}</Table.Th>
                    <Table.Th ta="right">{t('immui.rep.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.dosesByVaccine.map((d) => (
                    <Table.Tr key={d.vaccineCode} data-testid="imm-rep-dose-row" data-vaccine={d.vaccineCode}>
                      <Table.Td>{d.vaccineName}</Table.Td>
                      <Table.Td ta="right">{d.under12m}</Table.Td>
                      <Table.Td ta="right">{d.from12to23m}</Table.Td>
                      <Table.Td ta="right">{d.over24m}</Table.Td>
                      <Table.Td ta="right">{d.women}</Table.Td>
                      <Table.Td ta="right" fw={700} data-testid="imm-rep-dose-total">
                        {d.total}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {c.dosesByVaccine.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={6}>
                        <Text size="sm" c="dimmed">
                          {t('immui.rep.noDoses')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="sm" data-testid="imm-rep-chart">
              <Title order={5} mb="xs">
                {t('immui.rep.byHamlet')}
              </Title>
              <BarChart
                h={260}
                data={c.byHamlet.map((h) => ({ hamlet: h.hamletName ?? t('immui.plan.noHamlet'), doses: h.doses, fully: h.figures.fullyImmunizedUnder1 }))}
                dataKey="hamlet"
                withLegend
                yAxisProps={{ allowDecimals: false }}
                series={[
                  { name: 'doses', label: t('immui.rep.seriesDoses'), color: 'teal.6' },
                  { name: 'fully', label: t('immui.rep.seriesFully'), color: 'blue.6' },
                ]}
              />
            </Paper>
          </SimpleGrid>
          {c.trend.length > 1 && (
            <Paper withBorder p="sm">
              <Title order={5} mb="xs">
                {t('immui.rep.trend')}
              </Title>
              <LineChart
                h={200}
                data={c.trend.map((m) => ({ month: `${m.month.slice(5)}/${m.month.slice(0, 4)}`, doses: m.doses, fully: m.figures.fullyImmunizedUnder1 }))}
                dataKey="month"
                withLegend
                curveType="linear"
                yAxisProps={{ allowDecimals: false }}
                series={[
                  { name: 'doses', label: t('immui.rep.seriesDoses'), color: 'teal.6' },
                  { name: 'fully', label: t('immui.rep.seriesFully'), color: 'blue.6' },
                ]}
              />
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}

/** yyyy-01-01 of the year `date` is in. */
const yearStart = (date: string) => `${date.slice(0, 4)}-01-01`;

function RegisterView({ hamletId }: { hamletId: string | null }) {
  const { t } = useI18n();
  const today = stationToday();
  const [from, setFrom] = useState(yearStart(addDays(today, -365)));
  const [to, setTo] = useState(today);
  const [pdf, setPdf] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = { from, to, hamletId: hamletId ?? undefined };
  const q = useApiQuery('imm.register', input);
  const xlsx = async () => {
    setBusy(true);
    try {
      saveFile(await api.call('imm.registerExport', { ...input, format: 'xlsx' }));
    } catch (e) {
      reportApiError(e);
    } finally {
      setBusy(false);
    }
  };
  const d = (iso: string | null) => (iso ? formatDateVi(iso).slice(0, 5) + '/' + iso.slice(2, 4) : '');
  return (
    <Stack>
      <Group align="flex-end">
        <DateField label={t('immui.rep.bornFrom')} value={from} onChange={setFrom} testId="imm-rep-from" />
        <DateField label={t('immui.rep.bornTo')} value={to} onChange={setTo} testId="imm-rep-to" />
        <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => setPdf(true)} data-testid="imm-rep-register-pdf">
          {t('immui.rep.pdf')}
        </Button>
        <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} loading={busy} onClick={() => void xlsx()} data-testid="imm-rep-register-xlsx">
          {t('immui.rep.xlsx')}
        </Button>
      </Group>
      {q.isPending && <Loader />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {q.data && (
        <div style={{ overflowX: 'auto' }}>
          <Table withTableBorder withColumnBorders striped fz="xs" verticalSpacing={4} horizontalSpacing={6} data-testid="imm-rep-register">
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>TT</Table.Th>
                <Table.Th rowSpan={2}>{t('immui.col.name')}</Table.Th>
                <Table.Th rowSpan={2}>{t('immui.col.birth')}</Table.Th>
                <Table.Th rowSpan={2}>{t('immui.a21.parent')}</Table.Th>
                <Table.Th rowSpan={2}>{t('immui.a21.address')}</Table.Th>
                <Table.Th rowSpan={2} miw={64}>BCG</Table.Th>
                <Table.Th colSpan={2}>{t('immui.a21.hepb')}</Table.Th>
                <Table.Th colSpan={3}>DPT-VGB-Hib</Table.Th>
                <Table.Th colSpan={3}>{t('immui.a21.opv')}</Table.Th>
                <Table.Th rowSpan={2} miw={64}>IPV</Table.Th>
                <Table.Th rowSpan={2} miw={64}>{t('immui.a21.measles1')}</Table.Th>
                <Table.Th rowSpan={2} miw={64}>{t('immui.a21.fully')}</Table.Th>
                <Table.Th rowSpan={2} miw={64}>DPT4</Table.Th>
                <Table.Th rowSpan={2} miw={64}>{t('immui.a21.measles2')}</Table.Th>
                <Table.Th rowSpan={2}>{t('immui.a21.motherUv')}</Table.Th>
                <Table.Th rowSpan={2}>{t('immui.a21.notes')}</Table.Th>
              </Table.Tr>
              <Table.Tr>
                <Table.Th miw={64}>≤ 24 h</Table.Th>
                <Table.Th miw={64}>&gt; 24 h</Table.Th>
                {[1, 2, 3, 1, 2, 3].map((n, i) => (
                  <Table.Th key={i} miw={64}>
                    {n}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.rows.map((r) => (
                <Table.Tr key={r.personId} data-testid="imm-a21-row" data-person={r.fullName}>
                  <Table.Td>{r.order}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.fullName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateVi(r.birthDate)} {r.sex === 'M' ? t('person.sex.M') : t('person.sex.F')}
                  </Table.Td>
                  <Table.Td>{r.parentName ?? ''}</Table.Td>
                  <Table.Td>{r.hamletName ?? r.address ?? ''}</Table.Td>
                  <Table.Td>{d(r.bcg)}</Table.Td>
                  <Table.Td>{r.hepbWithin24h === true ? d(r.hepbBirth) : ''}</Table.Td>
                  <Table.Td>{r.hepbWithin24h !== true ? d(r.hepbBirth) : ''}</Table.Td>
                  {[0, 1, 2].map((i) => (
                    <Table.Td key={`dpt${i}`}>{d(r.dpt[i] ?? null)}</Table.Td>
                  ))}
                  {[0, 1, 2].map((i) => (
                    <Table.Td key={`opv${i}`}>{d(r.opv[i] ?? null)}</Table.Td>
                  ))}
                  <Table.Td>{r.ipv.filter(Boolean).map((x) => d(x)).join(', ')}</Table.Td>
                  <Table.Td>{d(r.measles1)}</Table.Td>
                  <Table.Td>{d(r.fullyImmunizedOn)}</Table.Td>
                  <Table.Td>{d(r.dpt4)}</Table.Td>
                  <Table.Td>{d(r.measles2)}</Table.Td>
                  <Table.Td>{r.motherUvDoses ?? ''}</Table.Td>
                  <Table.Td>{r.notes}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {q.data.rows.length === 0 && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('immui.rep.registerEmpty')}
            </Text>
          )}
        </div>
      )}
      <PdfPreview opened={pdf} onClose={() => setPdf(false)} load={() => api.call('imm.registerExport', { ...input, format: 'pdf' }).then(pdfSource)} />
    </Stack>
  );
}

function NiisView() {
  const { t } = useI18n();
  const today = stationToday();
  const [from, setFrom] = useState(`${monthOf(today)}-01`);
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      saveFile(await api.call('imm.exportNiis', { from, to, format }));
    } catch (e) {
      reportApiError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder p="sm">
      <Stack>
        <Text size="sm">{t('immui.niis.hint')}</Text>
        <Group align="flex-end">
          <DateField label={t('immui.rep.from')} value={from} onChange={setFrom} testId="imm-niis-from" />
          <DateField label={t('immui.rep.to')} value={to} onChange={setTo} testId="imm-niis-to" />
          <Button variant="default" leftSection={<IconFileTypeCsv size={16} />} loading={busy === 'csv'} onClick={() => void run('csv')} data-testid="imm-niis-period-csv">
            {t('immui.niis.csv')}
          </Button>
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} loading={busy === 'xlsx'} onClick={() => void run('xlsx')} data-testid="imm-niis-period-xlsx">
            {t('immui.niis.xlsx')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
