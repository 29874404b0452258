import { isProcedureName } from '../../shared/contract/index.js';
import type { BenchContext } from '../harness/context.js';
import { measure, spread, stats } from '../harness/measure.js';
import { withStatus, type BenchResult } from '../harness/report.js';

/**
 * The data behind two screens, through dispatch: the person page (`persons.get` + `healthRecord.get` +
 * `visits.forPerson` when visits exist) and the household page (`households.get`), for 200 people and households
 * spread over the station.
 */
export const PAGE_BUDGET_MS = 50;

export function samplePersonIds(ctx: BenchContext, n = 200): string[] {
  const rows = ctx.backend.station.sqlite.prepare("SELECT id FROM persons WHERE status != 'merged' ORDER BY created_at, full_name").all() as { id: string }[];
  return spread(rows.map((r) => r.id), n);
}

export function sampleHouseholdIds(ctx: BenchContext, n = 200): string[] {
  const rows = ctx.backend.station.sqlite.prepare('SELECT id FROM households ORDER BY code').all() as { id: string }[];
  return spread(rows.map((r) => r.id), n);
}

export const hasVisits = () => isProcedureName('visits.forPerson');

export async function runPages(ctx: BenchContext): Promise<BenchResult[]> {
  const persons = samplePersonIds(ctx);
  const households = sampleHouseholdIds(ctx);
  const opts = ctx.runs({ warmup: 50, runs: 600 }, { warmup: 20, runs: 200 });
  const parts: Record<string, number[]> = { 'persons.get': [], 'healthRecord.get': [], 'visits.forPerson': [] };
  const timed = async <T>(name: string, f: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await f();
    parts[name]!.push(performance.now() - t0);
    return r;
  };
  let visitsShown = 0;
  const personSamples = await measure(async (i) => {
    const id = persons[i % persons.length]!;
    await timed('persons.get', () => ctx.call('persons.get', { id }));
    await timed('healthRecord.get', () => ctx.call('healthRecord.get', { personId: id }));
    if (hasVisits()) visitsShown += (await timed('visits.forPerson', () => ctx.call('visits.forPerson', { personId: id }))).visits.length;
  }, opts);
  const householdSamples = await measure((i) => ctx.call('households.get', { id: households[i % households.length]! }), opts);
  const budget = { metric: 'p95' as const, limit: PAGE_BUDGET_MS, persons: 100_000 };
  const partStats = Object.fromEntries(Object.entries(parts).filter(([, v]) => v.length).map(([k, v]) => [k, stats(v)]));
  const partNote = Object.entries(partStats).map(([k, s]) => `${k} p95 ${s.p95.toFixed(1)}`).join(', ');
  return [
    withStatus({
      id: 'person-page.dispatch',
      title: `Person page data (persons.get + healthRecord.get${hasVisits() ? ' + visits.forPerson' : ''})`,
      persons: ctx.persons,
      level: 'dispatch',
      unit: 'ms',
      stats: stats(personSamples),
      budget,
      note: `${partNote}; ${(visitsShown / Math.max(1, opts.warmup + opts.runs)).toFixed(1)} visits per person on average`,
      details: { parts: partStats },
    }),
    withStatus({ id: 'household-page.dispatch', title: 'Household page data (households.get)', persons: ctx.persons, level: 'dispatch', unit: 'ms', stats: stats(householdSamples), budget }),
  ];
}
