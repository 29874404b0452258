import type { BenchContext } from '../harness/context.js';
import { apiCall, startServer } from '../harness/context.js';
import { stats } from '../harness/measure.js';
import { withStatus, type BenchResult } from '../harness/report.js';

/**
 * `npm run serve` start-up: from spawning `node out/main/serve.cjs --data-dir <copy> --port 0` to the first
 * answer of `setup.status`. The database file is in the OS page cache (it was just copied): a cold disk after a
 * reboot is slower, which this cannot measure without root.
 */
export const STARTUP_BUDGET_MS = 3000;

export async function runServeStartup(ctx: BenchContext): Promise<BenchResult[]> {
  const { warmup, runs } = ctx.runs({ warmup: 1, runs: 5 }, { warmup: 1, runs: 3 });
  const samples: number[] = [];
  const listening: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const server = await startServer(ctx.workDir);
    const printed = performance.now() - t0;
    let ok = false;
    while (!ok) {
      try {
        ok = (await apiCall(server.baseUrl, 'setup.status', {})).ok;
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
      if (performance.now() - t0 > 60_000) throw new Error('setup.status did not answer within 60 s');
    }
    const answered = performance.now() - t0;
    await server.stop();
    if (i >= warmup) {
      samples.push(answered);
      listening.push(printed);
    }
  }
  const s = stats(samples);
  return [
    withStatus({
      id: 'serve-startup',
      title: 'npm run serve: start to first setup.status answer',
      persons: ctx.persons,
      level: 'process',
      unit: 'ms',
      stats: s,
      budget: { metric: 'max', limit: STARTUP_BUDGET_MS, persons: 100_000 },
      note: `listening after p50 ${stats(listening).p50.toFixed(0)} ms; warm page cache`,
    }),
  ];
}
