import { LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ProcedureOutput } from '../../../shared/contract/index.js';
import { GLUCOSE_MGDL_PER_MMOLL } from '../../../shared/ncd/measures.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { shortDate } from './format.js';

type History = ProcedureOutput<'ncd.followupsForPerson'>;

/** Control band edges of ncd.md in mmol/L: fasting < 126 mg/dL, random / post-meal < 200 mg/dL. */
const FASTING_MMOL = Math.round((126 / GLUCOSE_MGDL_PER_MMOLL) * 10) / 10;
const RANDOM_MMOL = Math.round((200 / GLUCOSE_MGDL_PER_MMOLL) * 10) / 10;

/**
 * BP over time (systolic and diastolic lines) with the patient's target as a band, and blood sugar (mmol/L) and
 * HbA1c with their control limits, from `ncd.followupsForPerson`.
 */
export function FollowupCharts({ history }: { history: History }) {
  const { t } = useI18n();
  const { series, bpTarget, hba1cTarget } = history;
  const bp = series.bp.map((p) => ({ day: shortDate(p.date), systolic: round1(p.systolic), diastolic: round1(p.diastolic) }));
  const glucose = series.glucose.map((p) => ({ day: shortDate(p.date), mmol: p.mmol }));
  const hba1c = series.hba1c.map((p) => ({ day: shortDate(p.date), percent: p.percent }));
  if (!bp.length && !glucose.length && !hba1c.length) return null;
  const bpTop = Math.ceil(Math.max(200, ...bp.map((p) => p.systolic + 10)) / 20) * 20;
  const glucoseTop = Math.ceil(Math.max(15, ...glucose.map((p) => p.mmol + 2)) / 3) * 3;
  const hba1cTop = Math.ceil(Math.max(12, ...hba1c.map((p) => p.percent + 1)) / 2) * 2;
  return (
    <SimpleGrid cols={{ base: 1, lg: glucose.length || hba1c.length ? 2 : 1 }}>
      {bp.length > 0 && (
        <ChartCard title={t('ncdui.chart.bp')} hint={t('ncdui.chart.bpHint', { systolic: bpTarget.systolic, diastolic: bpTarget.diastolic })} testId="ncd-bp-chart" points={bp.length}>
          <LineChart
            h={240}
            data={bp}
            dataKey="day"
            withLegend
            legendProps={{ verticalAlign: 'top', height: 30 }}
            curveType="linear"
            series={[
              { name: 'systolic', label: t('ncdui.systolic'), color: 'red.6' },
              { name: 'diastolic', label: t('ncdui.diastolic'), color: 'blue.6' },
            ]}
            yAxisProps={{ domain: [40, bpTop], ticks: range(40, bpTop, 20), interval: 0, width: 40 }}
            referenceAreas={[{ y1: 40, y2: bpTarget.systolic, color: 'teal.1', fillOpacity: 0.35, ifOverflow: 'hidden' }]}
            referenceLines={[
              { y: bpTarget.systolic, color: 'red.4', label: `< ${bpTarget.systolic}`, labelPosition: 'insideTopRight', strokeDasharray: '6 4' },
              { y: bpTarget.diastolic, color: 'blue.4', label: `< ${bpTarget.diastolic}`, labelPosition: 'insideTopRight', strokeDasharray: '6 4' },
            ]}
            dotProps={{ r: 4 }}
          />
        </ChartCard>
      )}
      {(glucose.length > 0 || hba1c.length > 0) && (
        <Stack gap="sm">
          {glucose.length > 0 && (
            <ChartCard title={t('ncdui.chart.glucose')} hint={t('ncdui.chart.glucoseHint', { fasting: FASTING_MMOL, random: RANDOM_MMOL })} testId="ncd-glucose-chart" points={glucose.length}>
              <LineChart
                h={hba1c.length ? 150 : 240}
                data={glucose}
                dataKey="day"
                curveType="linear"
                series={[{ name: 'mmol', label: t('ncdui.chart.glucoseSeries'), color: 'grape.6' }]}
                yAxisProps={{ domain: [0, glucoseTop], ticks: range(0, glucoseTop, 3), interval: 0, width: 40 }}
                referenceAreas={[{ y1: 0, y2: FASTING_MMOL, color: 'teal.1', fillOpacity: 0.35 }]}
                referenceLines={[
                  { y: FASTING_MMOL, color: 'teal.6', label: `${t('ncdui.glucoseType.fasting')} < ${FASTING_MMOL}`, labelPosition: 'insideTopRight', strokeDasharray: '6 4' },
                  { y: RANDOM_MMOL, color: 'orange.5', label: `${t('ncdui.glucoseType.random')} < ${RANDOM_MMOL}`, labelPosition: 'insideTopRight', strokeDasharray: '6 4' },
                ]}
                dotProps={{ r: 4 }}
              />
            </ChartCard>
          )}
          {hba1c.length > 0 && (
            <ChartCard title={t('ncdui.chart.hba1c')} hint={t('ncdui.chart.hba1cHint', { target: hba1cTarget })} testId="ncd-hba1c-chart" points={hba1c.length}>
              <LineChart
                h={150}
                data={hba1c}
                dataKey="day"
                curveType="linear"
                series={[{ name: 'percent', label: 'HbA1c', color: 'orange.7' }]}
                yAxisProps={{ domain: [4, hba1cTop], ticks: range(4, hba1cTop, 2), interval: 0, width: 40 }}
                referenceAreas={[{ y1: 4, y2: hba1cTarget, color: 'teal.1', fillOpacity: 0.35 }]}
                referenceLines={[{ y: hba1cTarget, color: 'teal.6', label: `< ${hba1cTarget} %`, labelPosition: 'insideTopRight', strokeDasharray: '6 4' }]}
                dotProps={{ r: 4 }}
              />
            </ChartCard>
          )}
        </Stack>
      )}
    </SimpleGrid>
  );
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const range = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

function ChartCard({ title, hint, testId, points, children }: { title: string; hint: string; testId: string; points: number; children: React.ReactNode }) {
  return (
    <Paper withBorder p="sm" data-testid={testId} data-points={points}>
      <Title order={5}>{title}</Title>
      <Text size="xs" c="dimmed" mb={4}>
        {hint}
      </Text>
      {children}
    </Paper>
  );
}
