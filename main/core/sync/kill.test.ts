import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRequest } from '../../../shared/sync/protocol.js';
import { startStationBackend } from '../backend.js';
import { locateAppPaths } from '../paths.js';
import { hamlets } from '../setup/schema.js';
import { createTestStation, TEST_ADMIN, type TestStation } from '../testing/station.js';
import { runSync } from './client.js';
import { SyncState } from './state.js';
import { PG_URL, pgReachable, startHubProcess, type HubProcess } from './testing-hub.js';
import { httpTransport, type StationTransport } from './transport.js';

/**
 * Crashes (docs/sync.md, "Guarantees"): the hub process killed with SIGKILL while it ingests a batch, and the
 * station app killed with SIGKILL in the middle of a sync. After a restart nothing is lost, nothing is stored
 * twice, and the sync resumes without resending what the hub had acknowledged.
 */
const usePg = await pgReachable();
if (!usePg && process.env.CI) throw new Error('PostgreSQL must be reachable in CI (HUB_TEST_DATABASE_URL); see .ci/run');
if (!usePg) console.warn('[kill tests] PostgreSQL unreachable: the hub process runs on PGlite and hub-side counts are not checked');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const INGEST_LOCK = 7007002;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let hub: HubProcess;
let pgc: pg.Client | null = null;
const stations: TestStation[] = [];

beforeAll(async () => {
  hub = await startHubProcess({ code: '40100', level: 'district', parent: '40000', usePg });
  if (usePg) {
    pgc = new pg.Client({ connectionString: PG_URL });
    await pgc.connect();
  }
}, 120_000);
afterAll(async () => {
  for (const t of stations) t.cleanup();
  await pgc?.end();
  await hub?.stop();
});

async function setUpAs(t: TestStation, code: string): Promise<string> {
  await t.ok('setup.complete', {
    facility: { name: `Trạm Y tế ${code}`, code, governingBody: 'UBND xã', provinceCode: '15', provinceName: 'Tỉnh Lào Cai', communeCode: '04000', communeName: 'Xã Hòa Bình' },
    hamlets: ['Thôn 1'],
    admin: { fullName: TEST_ADMIN.fullName, username: TEST_ADMIN.username, password: TEST_ADMIN.password },
  });
  return (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
}

/** A station with `n` extra hamlets written in one transaction: `n` change-log entries to push. */
async function stationWithChanges(code: string, n: number): Promise<TestStation> {
  const t = createTestStation(new Date());
  stations.push(t);
  await setUpAs(t, code);
  t.station.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) t.station.writer.insert(hamlets, { name: `Thôn thử ${code}-${i}`, sort: 100 + i, note: 'x'.repeat(200) });
  })();
  // Configured without starting the background scheduler: the tests decide when a sync runs.
  new SyncState(t.station.sqlite).configure(hub.url, await hub.enroll(code));
  return t;
}

const acked = (t: { station: { sqlite: TestStation['station']['sqlite'] } }) =>
  (t.station.sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE acked_at IS NOT NULL').get() as { n: number }).n;
const total = (t: { station: { sqlite: TestStation['station']['sqlite'] } }) => (t.station.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

/** Hub-side counts for one station (PostgreSQL only): versions stored, distinct versions, rows, batches. */
async function hubCounts(code: string) {
  if (!pgc) return null;
  const s = hub.schema!;
  // The hub's log of batches received: each the station's request as it came, gzip JSON (hub/received.ts).
  const logged = (await pgc.query(`SELECT body, rejected FROM ${s}.received WHERE from_facility = $1`, [code])).rows.flatMap((b: { body: Buffer; rejected: number[] }) => {
    const req = JSON.parse(zlib.gunzipSync(b.body).toString('utf8')) as SyncRequest;
    return (req.push?.changes ?? []).filter((_, i) => !b.rejected.includes(i));
  });
  const v = { n: logged.length, d: new Set(logged.map((c) => `${c.t}\u0000${c.id}\u0000${c.h}`)).size };
  const [r] = (await pgc.query(`SELECT count(*)::int AS n FROM ${s}.rows WHERE owner = $1 AND table_name = 'hamlets'`, [code])).rows;
  const [b] = (await pgc.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS d, coalesce(sum(changes), 0)::int AS changes FROM ${s}.batches WHERE facility = $1`, [code])).rows;
  return { versions: v.n as number, distinctVersions: v.d as number, hamlets: r.n as number, batches: b.n as number, distinctBatches: b.d as number, batchChanges: b.changes as number };
}

/** Whether some connection holds the hub's ingest lock (a transaction assigning sequence numbers is open). */
async function ingestLockHeld(): Promise<boolean> {
  if (!pgc) return true;
  // Keyed (INGEST_LOCK, hash of the hub's schema): hub/watermark.ts, hubLock.
  const { rows } = await pgc.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = (hashtext($2)::bigint & 4294967295) AND granted", [INGEST_LOCK, hub.schema]);
  return rows.length > 0;
}

/** A transport that records what is pushed (table, row, stamp) on the way. */
function recording(inner: StationTransport, sent: Set<string>): StationTransport {
  const t = (async (req: SyncRequest) => {
    for (const c of req.push?.changes ?? []) sent.add(`${c.t}|${c.id}|${c.h}`);
    return inner(req);
  }) as StationTransport;
  t.close = inner.close;
  return t;
}

const ackedKeys = (sqlite: TestStation['station']['sqlite']) =>
  new Set((sqlite.prepare('SELECT table_name, row_id, hlc FROM change_log WHERE acked_at IS NOT NULL').all() as { table_name: string; row_id: string; hlc: string }[]).map((e) => `${e.table_name}|${e.row_id}|${e.hlc}`));

describe('crashes', () => {
  it('the hub killed (SIGKILL) while ingesting loses nothing, stores nothing twice, and the station resumes without resending acknowledged changes', async () => {
    const t = await stationWithChanges('01234', 2600);
    const token = (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
    const changes = total(t);
    const syncing = t.ok('sync.now', {}, { token });
    // Kill once the first batch is acknowledged and the hub is inside the transaction of a later one.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (acked(t) > 0 && (await ingestLockHeld())) break;
      if (Date.now() > deadline) throw new Error('the sync did not reach a second batch in time');
      await sleep(2);
    }
    await hub.kill('SIGKILL');
    const cut = await syncing;
    expect(cut.run).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    const ackedBefore = acked(t);
    expect(ackedBefore).toBeGreaterThan(0);
    expect(ackedBefore).toBeLessThan(changes);
    const sentBefore = ackedKeys(t.station.sqlite);

    await hub.restart();
    const mid = await hubCounts('01234');
    if (mid) {
      // The killed transaction left nothing behind: whole batches only, each change stored once.
      expect(mid.versions).toBe(mid.distinctVersions);
      expect(mid.versions).toBe(mid.batchChanges);
      expect(mid.batches).toBe(mid.distinctBatches);
      expect(mid.versions).toBeGreaterThanOrEqual(ackedBefore);
    }

    // Resume with the station's own engine, recording what it sends.
    const sent = new Set<string>();
    const state = new SyncState(t.station.sqlite);
    const resumed = await runSync(t.station, recording(httpTransport(state.hubUrl!, state.credential!), sent));
    expect(resumed).toMatchObject({ ok: true, rejected: 0, pushed: changes - ackedBefore });
    expect([...sent].filter((k) => sentBefore.has(k))).toEqual([]);
    expect(acked(t)).toBe(changes);
    const end = await hubCounts('01234');
    if (end) expect(end).toMatchObject({ versions: changes, distinctVersions: changes, hamlets: 2601, batchChanges: changes });
    const again = await runSync(t.station, httpTransport(state.hubUrl!, state.credential!));
    expect(again).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
    // What the hub holds for the station is whole: a new PC restores every hamlet, once.
    const c = createTestStation();
    stations.push(c);
    await c.ok('sync.restore', { hubUrl: hub.url, credential: state.credential! });
    expect((c.station.sqlite.prepare('SELECT count(*) AS n, count(DISTINCT name) AS d FROM hamlets').get() as { n: number; d: number })).toEqual({ n: 2601, d: 2601 });
  }, 60_000);

  it('the station app killed (SIGKILL) mid-sync loses nothing and resumes without resending acknowledged changes', async () => {
    const t = await stationWithChanges('05678', 3500);
    const changes = total(t);
    const { dataDir } = t;
    t.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'main/core/sync/testing-station-sync.ts', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let rounds = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the station sync did not get going in time')), 40_000);
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        const p = JSON.parse(line) as { phase?: string; pushed?: number; done?: unknown };
        if (p.done) return reject(new Error('the sync finished before it could be killed'));
        // After the first answer was applied, the next batch goes out: kill while it is in flight or being applied.
        if (p.phase === 'push' && (p.pushed ?? 0) > 0 && ++rounds === 1) {
          clearTimeout(timer);
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 40);
        }
      });
    });
    await exited;

    // Reopen the database as the app would after the crash.
    const paths = locateAppPaths(path.dirname(fileURLToPath(import.meta.url)));
    const reopened = startStationBackend({ dataDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir }, { logError: () => undefined });
    try {
      const station = reopened.station;
      const view = { station };
      const ackedBefore = acked(view);
      expect(ackedBefore).toBeGreaterThan(0);
      expect(ackedBefore).toBeLessThan(changes);
      expect(total(view)).toBe(changes);
      const sentBefore = ackedKeys(station.sqlite);
      const sent = new Set<string>();
      const state = new SyncState(station.sqlite);
      const resumed = await runSync(station, recording(httpTransport(state.hubUrl!, state.credential!), sent));
      expect(resumed).toMatchObject({ ok: true, rejected: 0, pushed: changes - ackedBefore });
      expect([...sent].filter((k) => sentBefore.has(k))).toEqual([]);
      expect(acked(view)).toBe(changes);
      expect((station.sqlite.prepare('SELECT count(*) AS n, count(DISTINCT name) AS d FROM hamlets').get() as { n: number; d: number })).toEqual({ n: 3501, d: 3501 });
      const end = await hubCounts('05678');
      if (end) expect(end).toMatchObject({ versions: changes, distinctVersions: changes, hamlets: 3501, batchChanges: changes });
      expect(await runSync(station, httpTransport(state.hubUrl!, state.credential!))).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
    } finally {
      reopened.close();
    }
  }, 60_000);
});
