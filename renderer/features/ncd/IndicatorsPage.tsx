import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Button, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProcedureOutput } from '../../../shared/contract/index.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { addMonths, quarterOf } from '../../../shared/ncd/indicators.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useXlsxExport } from './useXlsxExport.js';
import { stationToday } from '../visits/access.js';
import { share } from './format.js';
import { PdfPreview } from '../referrals/PdfPreview.js';
import { pdfSource } from '../referrals/files.js';
import { useHamletOptions, usePrograms } from './usePrograms.js';

type Report = ProcedureOutput<'ncd.indicators'>;
type Counts = Report['indicators'];

/** "03/2026", "Quý 1/2026". */
export function periodLabel(period: string, t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return t('ncdui.ind.quarterLabel', { q: q[2]!, year: q[1]! });
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

function periodOptions(kind: 'month' | 'quarter', today: string, t: Parameters<typeof periodLabel>[1]) {
  const ym = today.slice(0, 7);
  if (kind === 'month') return Array.from({ length: 24 }, (_, i) => addMonths(ym, -i)).map((p) => ({ value: p, label: periodLabel(p, t) }));
  const quarters: string[] = [];
  for (let i = 0; quarters.length < 8; i += 3) {
    const q = quarterOf(addMonths(ym, -i));
    if (!quarters.includes(q)) quarters.push(q);
  }
  return quarters.map((p) => ({ value: p, label: periodLabel(p, t) }));
}

function Stat({ label, value, hint, testId }: { label: string; value: number | string; hint?: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId} data-value={value}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`);

/**
 * "Chỉ số": the monthly or quarterly indicators of ncd.md for a program (and hamlet): registered, new, under care,
 * lost; the four BP control shares side by side (or the diabetes bands); the quarterly cohort; a 12-month trend
 * (asked for after the report itself, since it costs twelve loads); export to .xlsx and PDF.
 */
export function IndicatorsPage() {
  const { t } = useI18n();
  const today = stationToday();
  const { options: programOptions, byCode, loading } = usePrograms();
  const hamlets = useHamletOptions();
  const [kind, setKind] = useState<'month' | 'quarter'>('month');
  const [period, setPeriod] = useState(today.slice(0, 7));
  const [program, setProgram] = useState<string | null>(null);
  const [hamletId, setHamletId] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const xlsx = useXlsxExport();
  const code = program ?? programOptions[0]?.value ?? null;
  const def = code ? byCode(code) : undefined;
  const input = { period, program: code ?? '', ...(hamletId ? { hamletId } : {}) };
  const report = useApiQuery('ncd.indicators', input, { enabled: Boolean(code) });
  const trend = useApiQuery('ncd.indicators', { ...input, trend: true }, { enabled: report.isSuccess, staleTime: 60_000 });

  const thisMonth = today.slice(0, 7);
  const inProgress = kind === 'month' ? period === thisMonth : period === quarterOf(thisMonth);
  const switchKind = (k: string) => {
    const next = k as 'month' | 'quarter';
    setKind(next);
    setPeriod(next === 'month' ? today.slice(0, 7) : quarterOf(today.slice(0, 7)));
  };
  const exportXlsx = () => code && xlsx.run(() => api.call('ncd.exportIndicators', { ...input, format: 'xlsx' }));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <SegmentedControl
            value={kind}
            onChange={switchKind}
            data={[
              { value: 'month', label: t('ncdui.ind.month') },
              { value: 'quarter', label: t('ncdui.ind.quarter') },
            ]}
            data-testid="ind-kind"
          />
          <Select label={t('ncdui.ind.period')} data={periodOptions(kind, today, t)} value={period} onChange={(v) => v && setPeriod(v)} allowDeselect={false} w={130} data-testid="ind-period" />
          <Select label={t('ncdui.program')} data={programOptions} value={code} onChange={setProgram} allowDeselect={false} w={230} data-testid="ind-program" />
          <Select label={t('ncdui.hamlet')} placeholder={t('ncdui.allHamlets')} data={hamlets} value={hamletId} onChange={setHamletId} clearable searchable w={170} data-testid="ind-hamlet" />
        </Group>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => setPrinting(true)} disabled={!report.isSuccess} data-testid="ind-print">
            {t('ncdui.ind.pdf')}
          </Button>
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportXlsx()} loading={xlsx.exporting} disabled={!report.isSuccess} data-testid="ind-export">
            {t('ncdui.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {(loading || report.isPending) && <Loader />}
      {report.error && <Alert color="red">{report.error.message}</Alert>}
      {report.data && inProgress && (
        <Text size="sm" c="dimmed" data-testid="ind-in-progress">
          {t('ncdui.ind.inProgress')}
        </Text>
      )}
      {report.data && def && <ReportView report={report.data} control={def.control} quarter={kind === 'quarter'} />}
      {report.data && (
        <Paper withBorder p="sm" data-testid="ind-trend">
          <Title order={5}>{t('ncdui.ind.trend')}</Title>
          {trend.isPending ? <Loader size="sm" /> : trend.data ? <TrendCharts trend={trend.data.trend} control={def?.control ?? 'none'} thisMonth={today.slice(0, 7)} /> : null}
          {trend.error && <Alert color="red">{trend.error.message}</Alert>}
        </Paper>
      )}
      <PdfPreview opened={printing} onClose={() => setPrinting(false)} title={t('ncdui.ind.printTitle')} load={() => api.call('ncd.exportIndicators', { ...input, format: 'pdf' }).then(pdfSource)} />
    </Stack>
  );
}

function ReportView({ report, control, quarter }: { report: Report; control: 'bp' | 'diabetes' | 'none'; quarter: boolean }) {
  const { t } = useI18n();
  const i = report.indicators;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Stat label={t('ncdui.ind.registered')} value={i.registered} hint={t('ncdui.ind.registeredHint')} testId="ind-registered" />
        <Stat label={t(quarter ? 'ncdui.ind.newQuarter' : 'ncdui.ind.newMonth')} value={i.newlyRegistered} testId="ind-new" />
        <Stat label={t('ncdui.ind.underCare')} value={i.underCare} hint={t('ncdui.ind.underCareHint')} testId="ind-underCare" />
        <Stat label={t('ncdui.ind.lost')} value={i.lostToFollowUp} hint={t('ncdui.ind.lostHint')} testId="ind-lost" />
        {control !== 'none' && <Stat label={t('ncdui.ind.denominator')} value={i.denominator} hint={t('ncdui.ind.denominatorHint')} testId="ind-denominator" />}
      </SimpleGrid>
      {control === 'bp' && <BpControl i={i} />}
      {control === 'diabetes' && (
        <>
          <DiabetesBands i={i} />
          <BpControl i={i} />
        </>
      )}
      {report.cohort && control === 'bp' && <CohortTable cohort={report.cohort} />}
    </Stack>
  );
}

function SharesTable({ rows, denominator, testPrefix }: { rows: ShareRow[]; denominator: number; testPrefix: string }) {
  const { t } = useI18n();
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="right">{t('ncdui.ind.count')}</Table.Th>
          <Table.Th ta="right">{t('ncdui.ind.share')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-testid={`${testPrefix}-${r.key}`} data-value={r.count}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <div style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${r.color.replace('.', '-')})` }} />
                {r.label}
              </Group>
            </Table.Td>
            <Table.Td ta="right">{r.count}</Table.Td>
            <Table.Td ta="right">{pct(share(r.count, denominator))}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td fw={600}>{t('ncdui.ind.denominator')}</Table.Td>
          <Table.Td ta="right" fw={600}>
            {denominator}
          </Table.Td>
          <Table.Td ta="right">{denominator ? '100 %' : '—'}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function SharesChart({ rows, denominator, testId }: { rows: ShareRow[]; denominator: number; testId: string }) {
  // One group of bars, one series per share: the shares side by side, each in its own colour (the table beside is the legend).
  const data = [Object.fromEntries([['group', ''], ...rows.map((r) => [r.key, share(r.count, denominator) ?? 0])])];
  return (
    <div data-testid={testId}>
      <BarChart
        h={230}
        data={data}
        dataKey="group"
        series={rows.map((r) => ({ name: r.key, label: r.label, color: r.color }))}
        yAxisProps={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100] }}
        withBarValueLabel
        valueFormatter={(v) => `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`}
        withTooltip={false}
        maxBarWidth={70}
      />
    </div>
  );
}

type ShareRow = { key: string; label: string; count: number; color: string };

/** The shares as bars beside their table; a plain note when nobody is in the denominator yet. */
function Shares({ rows, denominator, chartTestId, testPrefix }: { rows: ShareRow[]; denominator: number; chartTestId: string; testPrefix: string }) {
  const { t } = useI18n();
  if (denominator === 0) {
    return (
      <Text size="sm" c="dimmed" mt="xs" data-testid={`${testPrefix}-empty`}>
        {t('ncdui.ind.noDenominator')}
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
      <SharesChart rows={rows} denominator={denominator} testId={chartTestId} />
      <SharesTable rows={rows} denominator={denominator} testPrefix={testPrefix} />
    </SimpleGrid>
  );
}

function BpControl({ i }: { i: Counts }) {
  const { t } = useI18n();
  const rows = [
    { key: 'controlled', label: t('ncdui.ind.controlled'), count: i.bp.controlled, color: 'teal.6' },
    { key: 'uncontrolled', label: t('ncdui.ind.uncontrolled'), count: i.bp.uncontrolled, color: 'red.6' },
    { key: 'visitedNoBp', label: t('ncdui.ind.visitedNoBp'), count: i.bp.visitedNoBp, color: 'yellow.6' },
    { key: 'missedVisit', label: t('ncdui.ind.missedVisit'), count: i.bp.missedVisit, color: 'gray.6' },
  ];
  const rate = i.bp.controlRate === null ? null : Math.round(i.bp.controlRate * 1000) / 10;
  return (
    <Paper withBorder p="sm" data-testid="ind-bp">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={5}>{t('ncdui.ind.bpTitle')}</Title>
          <Text size="xs" c="dimmed">
            {t('ncdui.ind.bpHint')}
          </Text>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Text size="xs" c="dimmed">
            {t('ncdui.ind.controlRate')}
          </Text>
          <Text fz={28} fw={700} c={rate === null ? 'dimmed' : rate >= 70 ? 'teal.7' : 'red.7'} data-testid="ind-control-rate" data-value={rate ?? ''}>
            {pct(rate)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('ncdui.ind.heartsGoal')}
          </Text>
        </div>
      </Group>
      <Shares rows={rows} denominator={i.denominator} chartTestId="ind-bp-chart" testPrefix="ind-bp" />
    </Paper>
  );
}

function DiabetesBands({ i }: { i: Counts }) {
  const { t } = useI18n();
  const d = i.diabetes;
  const rows = [
    { key: 'low', label: t('ncdui.ind.sugarLow'), count: d.low, color: 'teal.6' },
    { key: 'mid', label: t('ncdui.ind.sugarMid'), count: d.mid, color: 'orange.6' },
    { key: 'high', label: t('ncdui.ind.sugarHigh'), count: d.high, color: 'red.7' },
    { key: 'visitedNoSugar', label: t('ncdui.ind.visitedNoSugar'), count: d.visitedNoSugar, color: 'yellow.6' },
    { key: 'missedVisit', label: t('ncdui.ind.missedVisit'), count: d.missedVisit, color: 'gray.6' },
  ];
  return (
    <Paper withBorder p="sm" data-testid="ind-diabetes">
      <Title order={5}>{t('ncdui.ind.sugarTitle')}</Title>
      <Text size="xs" c="dimmed">
        {t('ncdui.ind.sugarHint')}
      </Text>
      <Shares rows={rows} denominator={i.denominator} chartTestId="ind-sugar-chart" testPrefix="ind-sugar" />
    </Paper>
  );
}

function CohortTable({ cohort }: { cohort: NonNullable<Report['cohort']> }) {
  const { t } = useI18n();
  const cells = [
    ['registered', cohort.registered],
    ['controlled', cohort.controlled],
    ['uncontrolled', cohort.uncontrolled],
    ['visitedNoBp', cohort.visitedNoBp],
    ['missedVisit', cohort.missedVisit],
    ['removed', cohort.removed],
  ] as const;
  const alive = cohort.registered - cohort.removed;
  return (
    <Paper withBorder p="sm" data-testid="ind-cohort">
      <Title order={5}>{t('ncdui.ind.cohortTitle', { quarter: periodLabel(cohort.quarter, t), outcome: periodLabel(cohort.outcomeQuarter, t) })}</Title>
      <Text size="xs" c="dimmed" mb={6}>
        {t('ncdui.ind.cohortHint')}
      </Text>
      <Table withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            {cells.map(([k]) => (
              <Table.Th key={k} ta="right">
                {t(`ncdui.ind.cohort.${k}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {cells.map(([k, v]) => (
              <Table.Td key={k} ta="right" data-testid={`ind-cohort-${k}`} data-value={v}>
                {v}
                {k !== 'registered' && k !== 'removed' && alive > 0 ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({pct(share(v, alive))})
                  </Text>
                ) : null}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function TrendCharts({ trend, control, thisMonth }: { trend: Counts[]; control: 'bp' | 'diabetes' | 'none'; thisMonth: string }) {
  const { t } = useI18n();
  // Months after this one have no data yet (a quarter in progress ends in the future).
  const data = trend.filter((m) => m.month <= thisMonth).map((m) => ({
    month: `${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`,
    controlRate: control === 'diabetes' ? share(m.diabetes.low, m.denominator) : m.bp.controlRate === null ? null : Math.round(m.bp.controlRate * 1000) / 10,
    underCare: m.underCare,
    lost: m.lostToFollowUp,
    registered: m.registered,
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: control === 'none' ? 1 : 2 }} mt="xs">
      {control !== 'none' && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t(control === 'diabetes' ? 'ncdui.ind.sugarRate' : 'ncdui.ind.controlRate')} (%)
          </Text>
          <LineChart
            h={220}
            data={data}
            dataKey="month"
            unit=" %"
            curveType="linear"
            connectNulls={false}
            series={[{ name: 'controlRate', label: t(control === 'diabetes' ? 'ncdui.ind.sugarRate' : 'ncdui.ind.controlRate'), color: 'teal.6' }]}
            yAxisProps={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100] }}
            referenceLines={control === 'bp' ? [{ y: 70, color: 'teal.3', label: t('ncdui.ind.heartsGoalShort'), labelPosition: 'insideTopRight', strokeDasharray: '6 4' }] : []}
            data-testid="ind-trend-rate"
          />
        </div>
      )}
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('ncdui.ind.trendCounts')}
        </Text>
        <LineChart
          h={220}
          data={data}
          dataKey="month"
          curveType="linear"
          withLegend
          legendProps={{ verticalAlign: 'top', height: 30 }}
          series={[
            { name: 'registered', label: t('ncdui.ind.registered'), color: 'gray.6' },
            { name: 'underCare', label: t('ncdui.ind.underCare'), color: 'blue.6' },
            { name: 'lost', label: t('ncdui.ind.lost'), color: 'red.6' },
          ]}
          yAxisProps={{ allowDecimals: false }}
          data-testid="ind-trend-counts"
        />
      </div>
    </SimpleGrid>
  );
}
