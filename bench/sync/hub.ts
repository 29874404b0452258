import pg from 'pg';
import { pgReachable, startHubProcess, type HubProcess } from '../../main/core/sync/testing-hub.js';

/**
 * The hub the sync benchmarks talk to: a real `hub/main.ts serve` process on loopback, on PostgreSQL when a server
 * answers at DATABASE_URL (else HUB_TEST_DATABASE_URL, else the local test cluster .ci/run starts), each run in a
 * fresh schema dropped afterwards; on embedded PGlite when none answers. The choice is printed with the figures.
 */
export interface BenchDatabase {
  usePg: boolean;
  url: string | null;
  label: string;
}

const DEFAULT_URL = 'postgres://hub:hub@127.0.0.1:5432/hub_test';

export async function benchDatabase(env: NodeJS.ProcessEnv = process.env): Promise<BenchDatabase> {
  const url = env.DATABASE_URL || env.HUB_TEST_DATABASE_URL || DEFAULT_URL;
  if (!(await pgReachable(url))) return { usePg: false, url: null, label: `PGlite (embedded; no PostgreSQL answered at ${redact(url)})` };
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const [v] = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows;
    // The settings docs/sync.md ("Hub PostgreSQL settings") recommends, as the server runs them.
    const names = ['shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_compression', 'wal_buffers', 'synchronous_commit', 'fsync'];
    const settings = (await c.query<{ name: string; v: string }>('SELECT name, current_setting(name) AS v FROM unnest($1::text[]) AS name', [names])).rows;
    return { usePg: true, url, label: `PostgreSQL ${v!.v} at ${redact(url)} (${settings.map((s) => `${s.name} ${s.v}`).join(', ')})` };
  } finally {
    await c.end();
  }
}

export const redact = (url: string) => url.replace(/:[^:@/]+@/, ':***@');

export async function startBenchHub(db: BenchDatabase, code = '38000', level = 'province'): Promise<HubProcess> {
  return startHubProcess({ code, level, usePg: db.usePg, ...(db.url ? { databaseUrl: db.url } : {}) });
}

/** Row and version counts of a PostgreSQL hub (null on PGlite: its file is held by the hub process). */
export async function hubCounts(db: BenchDatabase, hub: HubProcess): Promise<{ rows: number; versions: number } | null> {
  if (!db.usePg || !hub.schema) return null;
  const c = new pg.Client({ connectionString: db.url! });
  await c.connect();
  try {
    const r = await c.query<{ rows: string; versions: string }>(`SELECT (SELECT count(*) FROM ${hub.schema}.rows) AS rows, (SELECT coalesce(sum(changes - cardinality(rejected)), 0) FROM ${hub.schema}.received) AS versions`);
    return { rows: Number(r.rows[0]!.rows), versions: Number(r.rows[0]!.versions) };
  } finally {
    await c.end();
  }
}

/**
 * The hub's database at rest before a latency measurement: its tables vacuumed and analysed now (after an initial
 * upload autovacuum would do it within minutes, on the same two cores as the measurement), and no autovacuum worker
 * still running (waited for up to 2 minutes). Returns what it did, for the benchmark's note.
 */
export async function settleHubDatabase(db: BenchDatabase, hub: HubProcess): Promise<string> {
  if (!db.usePg || !hub.schema) return 'PGlite: nothing to settle';
  const c = new pg.Client({ connectionString: db.url! });
  await c.connect();
  try {
    const t0 = performance.now();
    for (const table of ['rows', 'received', 'batches', 'facilities', 'credentials']) await c.query(`VACUUM (ANALYZE) ${hub.schema}.${table}`);
    const vacuumed = (performance.now() - t0) / 1000;
    let waited = 0;
    while (waited < 120) {
      const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'");
      if (Number(rows[0]!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
      waited++;
    }
    return `hub tables vacuumed and analysed first (${vacuumed.toFixed(1)} s)${waited > 0 ? `, then ${waited} s waiting for autovacuum to finish` : ''}`;
  } finally {
    await c.end();
  }
}
