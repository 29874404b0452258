import type { BenchContext } from '../harness/context.js';
import { apiCall, processMemoryMB, startServer } from '../harness/context.js';
import { stats } from '../harness/measure.js';
import { withStatus, type BenchResult } from '../harness/report.js';
import { hasVisits, PAGE_BUDGET_MS } from './pages.js';
import { SEARCH_BUDGET_MS, type SearchQuery } from './search.js';

/**
 * The server over HTTP: sign in with a bearer token, drive a search and page workload (every search query twice,
 * 200 person pages, 200 household pages), and read the server's resident memory (VmRSS) from /proc afterwards.
 * The same run gives the HTTP latencies of search and the person page.
 */
export const MEMORY_BUDGET_MB = 400;

/** `personIds`/`householdIds`: sampled while the in-process backend was open (the server has the database now). */
export async function runMemory(ctx: BenchContext, queries: SearchQuery[], personIds: string[], householdIds: string[]): Promise<BenchResult[]> {
  const server = await startServer(ctx.workDir);
  try {
    const { admin } = ctx.manifest.credentials;
    const login = await apiCall(server.baseUrl, 'auth.login', { username: admin.username, password: admin.password, bearer: true });
    if (!login.ok) throw new Error(`HTTP sign-in failed: ${login.error?.message}`);
    const token = (login.value as { token: string }).token;
    const call = async (name: string, input: unknown) => {
      const r = await apiCall(server.baseUrl, name, input, token);
      if (!r.ok) throw new Error(`${name} over HTTP failed: ${r.error?.code} ${r.error?.message}`);
      return r.value;
    };
    const startMB = processMemoryMB(server.pid);
    const search: number[] = [];
    const page: number[] = [];
    const household: number[] = [];
    const time = async (into: number[], f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      into.push(performance.now() - t0);
    };
    const warm: number[] = [];
    for (const q of queries.slice(0, 50)) await time(warm, () => call('persons.search', { q: q.q, limit: 20 }));
    for (let pass = 0; pass < 2; pass++) for (const q of queries) await time(search, () => call('persons.search', { q: q.q, limit: 20 }));
    for (const id of personIds) {
      await time(page, async () => {
        await call('persons.get', { id });
        await call('healthRecord.get', { personId: id });
        if (hasVisits()) await call('visits.forPerson', { personId: id });
      });
    }
    for (const id of householdIds) await time(household, () => call('households.get', { id }));
    const mem = processMemoryMB(server.pid);
    const note = `${search.length} searches, ${page.length} person pages, ${household.length} household pages over HTTP; at start ${startMB?.rss.toFixed(0) ?? '?'} MB, peak ${mem?.peak.toFixed(0) ?? '?'} MB`;
    return [
      withStatus({ id: 'search.http', title: 'Person search over HTTP (same 200 queries)', persons: ctx.persons, level: 'http', unit: 'ms', stats: stats(search), budget: { metric: 'p95', limit: SEARCH_BUDGET_MS, persons: 100_000 } }),
      withStatus({ id: 'person-page.http', title: 'Person page data over HTTP', persons: ctx.persons, level: 'http', unit: 'ms', stats: stats(page), budget: { metric: 'p95', limit: PAGE_BUDGET_MS, persons: 100_000 } }),
      withStatus({ id: 'household-page.http', title: 'Household page data over HTTP', persons: ctx.persons, level: 'http', unit: 'ms', stats: stats(household), budget: { metric: 'p95', limit: PAGE_BUDGET_MS, persons: 100_000 } }),
      mem
        ? withStatus({ id: 'server-rss', title: 'Server resident memory after the workload', persons: ctx.persons, level: 'process', unit: 'MB', value: mem.rss, budget: { metric: 'value', limit: MEMORY_BUDGET_MB, persons: 100_000 }, note })
        : withStatus({ id: 'server-rss', title: 'Server resident memory after the workload', persons: ctx.persons, level: 'process', unit: 'MB', status: 'info', note: '/proc not available on this OS' }),
    ];
  } finally {
    await server.stop();
  }
}
