import { isProcedureName } from '../../shared/contract/index.js';
import { addQuarters, quarterOf } from '../../shared/ncd/indicators.js';
import type { BenchContext } from '../harness/context.js';
import { measure, spread, stats } from '../harness/measure.js';
import { withStatus, type BenchResult } from '../harness/report.js';

/**
 * Chronic-disease follow-up (issue 8 §5), through dispatch: the overdue list (hypertension, all hamlets and one
 * hamlet at a time; all programs), the monthly indicators of the last full month, the quarterly report with its
 * cohort, the 12-month trend, and a patient's follow-ups with the chart series.
 */
export const OVERDUE_BUDGET_MS = 200;
export const INDICATORS_BUDGET_MS = 500;
/** Not in the issue: the team's target for the opt-in trend (was ≈ 5 s with one load per month). */
export const TREND_BUDGET_MS = 1500;
/** The patient's follow-ups and chart are part of the person page: its budget. */
export const FOLLOWUPS_BUDGET_MS = 50;

const NEEDED = ['ncd.overdueList', 'ncd.indicators', 'ncd.followupsForPerson'];

export async function runNcd(ctx: BenchContext): Promise<BenchResult[]> {
  const base = { persons: ctx.persons, level: 'dispatch' as const, unit: 'ms' as const };
  const overdueBudget = { metric: 'p95' as const, limit: OVERDUE_BUDGET_MS, persons: 100_000 };
  const indicatorsBudget = { metric: 'p95' as const, limit: INDICATORS_BUDGET_MS, persons: 100_000 };
  const missing = NEEDED.filter((n) => !isProcedureName(n));
  const sqlite = ctx.backend.station.sqlite;
  const enrolled = missing.length ? 0 : (sqlite.prepare('SELECT count(*) FROM ncd_enrollments WHERE deleted = 0').pluck().get() as number);
  if (missing.length || enrolled === 0) {
    const note = missing.length ? `missing ${missing.join(', ')}` : 'the station has no chronic-disease enrollments (generated before the ncd shape)';
    return [
      withStatus({ ...base, id: 'ncd-overdue', title: 'NCD overdue list', budget: overdueBudget, status: 'not built yet', note }),
      withStatus({ ...base, id: 'ncd-indicators', title: 'NCD monthly indicators', budget: indicatorsBudget, status: 'not built yet', note }),
    ];
  }
  const followups = sqlite.prepare('SELECT count(*) FROM ncd_followups WHERE deleted = 0').pluck().get() as number;
  const results: BenchResult[] = [];
  // Enough warm-up calls for the JIT and SQLite's page cache (the first calls of a procedure are 2–3× slower).
  const listOpts = ctx.runs({ warmup: 6, runs: 40 }, { warmup: 3, runs: 15 });

  // Overdue list.
  let rows = { total: 0, lost: 0 };
  const all = await measure(async () => {
    const r = await ctx.call('ncd.overdueList', { program: 'hypertension' });
    rows = { total: r.total, lost: r.lostTotal };
  }, listOpts);
  results.push(
    withStatus({ ...base, id: 'ncd-overdue.hypertension', title: 'NCD overdue list, hypertension, all hamlets', stats: stats(all), budget: overdueBudget, note: `${rows.total} overdue, ${rows.lost} lost to follow-up; ${enrolled} enrollments, ${followups} follow-ups` }),
  );
  const hamlets = (await ctx.call('hamlets.list', {})).hamlets.map((h) => h.id);
  const sample = spread(hamlets, 40);
  let perHamlet = 0;
  const byHamlet = await measure(async (i) => (perHamlet += (await ctx.call('ncd.overdueList', { program: 'hypertension', hamletId: sample[i % sample.length]! })).total), listOpts);
  results.push(
    withStatus({ ...base, id: 'ncd-overdue.hamlet', title: 'NCD overdue list, hypertension, one hamlet', stats: stats(byHamlet), budget: overdueBudget, note: `${sample.length} hamlets in turn, ${(perHamlet / (listOpts.warmup + listOpts.runs)).toFixed(0)} overdue per hamlet on average` }),
  );
  let everyProgram = 0;
  const allPrograms = await measure(async () => (everyProgram = (await ctx.call('ncd.overdueList', {})).total), listOpts);
  results.push(withStatus({ ...base, id: 'ncd-overdue.all', title: 'NCD overdue list, every program, all hamlets (the screen as it opens)', stats: stats(allPrograms), budget: overdueBudget, note: `${everyProgram} overdue` }));

  // The list of patients under management (every program, all hamlets: the tab as it opens). Not in the issue: held
  // to a list page's 1 s (the team's), since it returns every patient (≈ 7,000 rows at 100,000 persons).
  let patients = 0;
  const patientList = await measure(async () => (patients = (await ctx.call('ncd.patientList', {})).total), ctx.runs({ warmup: 2, runs: 10 }, { warmup: 1, runs: 5 }));
  results.push(withStatus({ ...base, id: 'ncd-patients.all', title: 'NCD patients under management, every program', stats: stats(patientList), budget: { metric: 'p95', limit: 1000, persons: 100_000 }, note: `${patients} enrollments` }));

  // Indicators of the last full month (the register month), the last full quarter, the trend.
  const month = ctx.manifest.registerMonth.from.slice(0, 7);
  // The last full quarter: the month's own when it ends one, else the one before.
  const quarter = Number(month.slice(5, 7)) % 3 === 0 ? quarterOf(month) : addQuarters(quarterOf(month), -1);
  const indOpts = ctx.runs({ warmup: 5, runs: 20 }, { warmup: 2, runs: 8 });
  let monthly: Awaited<ReturnType<typeof ctx.call<'ncd.indicators'>>> | null = null;
  const m = await measure(async () => (monthly = await ctx.call('ncd.indicators', { period: month, program: 'hypertension' })), indOpts);
  const ind = monthly!.indicators;
  const rate = ind.bp.controlRate === null ? '—' : `${(100 * ind.bp.controlRate).toFixed(0)} %`;
  results.push(
    withStatus({
      ...base,
      id: 'ncd-indicators.month',
      title: 'NCD monthly indicators, hypertension',
      stats: stats(m),
      budget: indicatorsBudget,
      note: `${month}: registered ${ind.registered}, under care ${ind.underCare}, lost ${ind.lostToFollowUp}, denominator ${ind.denominator}, controlled ${rate}`,
    }),
  );
  let hamletRegistered = 0;
  const mh = await measure(async (i) => (hamletRegistered += (await ctx.call('ncd.indicators', { period: month, program: 'hypertension', hamletId: sample[i % sample.length]! })).indicators.registered), indOpts);
  results.push(
    withStatus({ ...base, id: 'ncd-indicators.hamlet', title: 'NCD monthly indicators, hypertension, one hamlet', stats: stats(mh), budget: indicatorsBudget, note: `${(hamletRegistered / (indOpts.warmup + indOpts.runs)).toFixed(0)} registered per hamlet on average` }),
  );
  const md = await measure(() => ctx.call('ncd.indicators', { period: month, program: 'diabetes_t2' }), indOpts);
  results.push(withStatus({ ...base, id: 'ncd-indicators.diabetes', title: 'NCD monthly indicators, type 2 diabetes', stats: stats(md), budget: indicatorsBudget }));
  let cohort = '';
  const q = await measure(async () => {
    const r = await ctx.call('ncd.indicators', { period: quarter, program: 'hypertension' });
    cohort = r.cohort ? `cohort ${r.cohort.quarter}: ${r.cohort.registered} registered, ${r.cohort.controlled} controlled` : '';
  }, indOpts);
  results.push(withStatus({ ...base, id: 'ncd-indicators.quarter', title: 'NCD quarterly indicators + cohort, hypertension', stats: stats(q), note: `${quarter}; ${cohort}` }));
  const trendOpts = ctx.runs({ warmup: 2, runs: 10 }, { warmup: 1, runs: 4 });
  let trendNote = '';
  const t = await measure(async () => {
    const r = await ctx.call('ncd.indicators', { period: month, program: 'hypertension', trend: true });
    trendNote = `${r.trend[0]!.month} … ${r.trend[11]!.month}, control ${r.trend.map((x) => (x.bp.controlRate === null ? '—' : (100 * x.bp.controlRate).toFixed(0))).join('/')} %`;
  }, trendOpts);
  results.push(withStatus({ ...base, id: 'ncd-indicators.trend', title: 'NCD monthly indicators + 12-month trend, hypertension', stats: stats(t), budget: { metric: 'p95', limit: TREND_BUDGET_MS, persons: 100_000 }, note: trendNote }));

  // A patient's follow-ups with the chart series (person page).
  const people = spread(sqlite.prepare('SELECT DISTINCT person_id FROM ncd_enrollments WHERE deleted = 0 ORDER BY person_id').pluck().all() as string[], 200);
  let shown = 0;
  const fRuns = ctx.runs({ warmup: 20, runs: 400 }, { warmup: 10, runs: 100 });
  const f = await measure(async (i) => (shown += (await ctx.call('ncd.followupsForPerson', { personId: people[i % people.length]! })).followups.length), fRuns);
  results.push(
    withStatus({
      ...base,
      id: 'ncd-followups.person',
      title: "NCD patient's follow-ups + chart series (ncd.followupsForPerson)",
      stats: stats(f),
      budget: { metric: 'p95', limit: FOLLOWUPS_BUDGET_MS, persons: 100_000 },
      note: `${people.length} patients, ${(shown / (fRuns.warmup + fRuns.runs)).toFixed(1)} follow-ups each on average`,
    }),
  );
  return results;
}
