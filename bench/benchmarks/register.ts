import { isProcedureName } from '../../shared/contract/index.js';
import type { BenchContext } from '../harness/context.js';
import { measure, stats } from '../harness/measure.js';
import { withStatus, type BenchResult } from '../harness/report.js';

/** The visit register of a month (A1/CSYT) and its .xlsx export. */
export const REGISTER_BUDGET_MS = 1000;

export async function runRegister(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const budget = { metric: 'max' as const, limit: REGISTER_BUDGET_MS, persons: 100_000 };
  if (!isProcedureName('visits.register') || !isProcedureName('visits.exportRegister')) {
    for (const title of ['Visit register, one month', 'Visit register .xlsx export, one month']) {
      results.push(withStatus({ id: title, title, persons: ctx.persons, level: 'dispatch', unit: 'ms', budget, status: 'not built yet' }));
    }
  } else {
    const month = ctx.manifest.registerMonth;
    const opts = ctx.runs({ warmup: 1, runs: 5 }, { warmup: 1, runs: 3 });
    let rows = 0;
    const reg = await measure(async () => (rows = (await ctx.call('visits.register', month)).rows.length), opts);
    let bytes = 0;
    const xlsx = await measure(async () => (bytes = Buffer.from((await ctx.call('visits.exportRegister', month)).contentBase64, 'base64').length), opts);
    const period = `${month.from} … ${month.to}`;
    results.push(withStatus({ id: 'register.dispatch', title: 'Visit register, one month (visits.register)', persons: ctx.persons, level: 'dispatch', unit: 'ms', stats: stats(reg), budget, note: `${period}, ${rows} visits` }));
    results.push(
      withStatus({ id: 'register-xlsx.dispatch', title: 'Visit register .xlsx export, one month', persons: ctx.persons, level: 'dispatch', unit: 'ms', stats: stats(xlsx), budget, note: `${rows} rows, ${(bytes / 1024).toFixed(0)} KB` }),
    );
  }
  return results;
}
