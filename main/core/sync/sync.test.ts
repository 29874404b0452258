import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHousehold } from '../persons/testing.js';
import { createTestStation, TEST_ADMIN, type TestStation } from '../testing/station.js';
import { pgReachable, startHubProcess, startProxyProcess, type HubProcess, type ProxyProcess } from './testing-hub.js';

/**
 * Station ↔ hub through the real protocol: two stations in this process, a real hub process (PostgreSQL when
 * reachable, else PGlite) and a fault-injecting proxy process between them.
 */
const usePg = await pgReachable();
if (!usePg && process.env.CI) throw new Error('PostgreSQL must be reachable in CI (HUB_TEST_DATABASE_URL); see .ci/run');
if (!usePg) console.warn('[sync tests] PostgreSQL unreachable: the hub process runs on PGlite');

async function setUpAs(t: TestStation, code: string): Promise<string> {
  await t.ok('setup.complete', {
    facility: { name: `Trạm Y tế ${code}`, code, governingBody: 'UBND xã', provinceCode: '15', provinceName: 'Tỉnh Lào Cai', communeCode: '04000', communeName: 'Xã Hòa Bình' },
    hamlets: ['Thôn 1', 'Thôn 2'],
    admin: { fullName: TEST_ADMIN.fullName, username: TEST_ADMIN.username, password: TEST_ADMIN.password },
  });
  return (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
}

const count = (t: TestStation, sql: string, ...args: unknown[]) => (t.station.sqlite.prepare(sql).get(...args) as { n: number }).n;

let hub: HubProcess;
let proxy: ProxyProcess;
let a: TestStation;
let b: TestStation;
let tokenA: string;
let tokenB: string;
let credA: string;

beforeAll(async () => {
  hub = await startHubProcess({ code: '40100', level: 'district', parent: '40000', usePg });
  proxy = await startProxyProcess(Number(new URL(hub.url).port));
  a = createTestStation();
  b = createTestStation();
  tokenA = await setUpAs(a, '01234');
  tokenB = await setUpAs(b, '05678');
  credA = await hub.enroll('01234');
  await a.ok('sync.configure', { hubUrl: proxy.url, credential: credA }, { token: tokenA });
  await b.ok('sync.configure', { hubUrl: proxy.url, credential: await hub.enroll('05678') }, { token: tokenB });
}, 180_000);
afterAll(async () => {
  for (const t of [a, b]) t?.cleanup();
  await proxy?.stop();
  await hub?.stop();
});

describe('station ↔ hub', () => {
  it('a person registered at A reaches the hub in one round trip; B never sees it; a visit entered upstream reaches A', async () => {
    const { headId } = await createHousehold(a, tokenA, { fullName: 'Lò Văn Minh' });
    const first = await a.ok('sync.now', {}, { token: tokenA });
    expect(first.run).toMatchObject({ ok: true, roundTrips: 1, rejected: 0 });
    expect(first.run.pushed).toBeGreaterThan(3);
    expect((await a.ok('sync.status', {}, { token: tokenA })).status).toMatchObject({ pending: 0, lastError: null, hubFacility: '40100' });
    const atHub = await hub.admin<{ owner: string; vals: { full_name: string } }>('GET', `/rows/persons/${headId}`);
    expect(atHub.json).toMatchObject({ owner: '01234', vals: { full_name: 'Lò Văn Minh' } });

    await b.ok('sync.now', {}, { token: tokenB });
    expect(count(b, 'SELECT count(*) AS n FROM persons WHERE id = ?', headId)).toBe(0);

    const posted = await hub.admin<{ ids: string[] }>('POST', '/rows', {
      changes: [{ t: 'person_events', f: { person_id: headId, kind: 'referral_outcome', date: '2026-03-16', details: '{"ketQua":"Đã điều trị"}', recorded_at: '2026-03-16T09:00:00Z' } }],
    });
    const again = await a.ok('sync.now', {}, { token: tokenA });
    expect(again.run).toMatchObject({ ok: true, roundTrips: 1, pushed: 0 });
    const event = a.station.sqlite.prepare('SELECT owner_facility, details FROM person_events WHERE id = ?').get(posted.json.ids[0]) as { owner_facility: string; details: string };
    expect(event).toEqual({ owner_facility: '40100', details: '{"ketQua":"Đã điều trị"}' });
    await b.ok('sync.now', {}, { token: tokenB });
    expect(count(b, 'SELECT count(*) AS n FROM person_events WHERE id = ?', posted.json.ids[0])).toBe(0);
  });

  it('an empty sync is one round trip of under 1 KB of bodies', async () => {
    const r = await a.ok('sync.now', {}, { token: tokenA });
    expect(r.run).toMatchObject({ ok: true, roundTrips: 1, pushed: 0, pulled: 0 });
    expect(r.run.bytesUp + r.run.bytesDown).toBeLessThan(1024);
  });

  it('a link cut mid-push or mid-pull loses nothing, duplicates nothing, and resends only what was not acknowledged', async () => {
    await createHousehold(a, tokenA, { fullName: 'Vàng A Dơ' });
    const waiting = (await a.ok('sync.status', {}, { token: tokenA })).status.pending;
    await proxy.inject({ kind: 'cut-request', afterBytes: 200 });
    const cutPush = await a.ok('sync.now', {}, { token: tokenA });
    expect(cutPush.run).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    expect((await a.ok('sync.status', {}, { token: tokenA })).status.pending).toBe(waiting);

    // The hub ingests the batch but the answer is cut: the retry replays the same batch id.
    await proxy.inject({ kind: 'cut-response', afterBytes: 50 });
    expect((await a.ok('sync.now', {}, { token: tokenA })).run.ok).toBe(false);
    const retry = await a.ok('sync.now', {}, { token: tokenA });
    expect(retry.run).toMatchObject({ ok: true, pushed: waiting, roundTrips: 1 });
    const after = await a.ok('sync.now', {}, { token: tokenA });
    expect(after.run).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
    const history = (await a.ok('sync.history', { limit: 5 }, { token: tokenA })).runs;
    expect(history.slice(0, 4).map((r) => [r.ok, r.errorCode])).toEqual([[true, null], [true, null], [false, 'UNREACHABLE'], [false, 'UNREACHABLE']]);
  });

  it('a USB bundle carries the changes; importing the return twice changes nothing; a tampered file is refused', async () => {
    await createHousehold(a, tokenA, { fullName: 'Hờ Thị Pàng' });
    const exported = await a.ok('sync.exportBundle', {}, { token: tokenA });
    expect(exported.changes).toBeGreaterThan(0);
    const res = await fetch(`${hub.url}/admin/bundle`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from(exported.contentBase64, 'base64'),
    });
    expect(res.status).toBe(200);
    const back = Buffer.from(await res.arrayBuffer());
    const tampered = Buffer.from(back);
    tampered[tampered.length - 5] = tampered[tampered.length - 5]! ^ 0xff;
    const refused = await a.call('sync.importBundle', { contentBase64: tampered.toString('base64') }, { token: tokenA });
    expect(refused.ok ? null : refused.error.code).toBe('SYNC_BUNDLE_INVALID');

    const first = await a.ok('sync.importBundle', { contentBase64: back.toString('base64') }, { token: tokenA });
    expect(first.run.pushed).toBe(exported.changes);
    expect((await a.ok('sync.status', {}, { token: tokenA })).status.pending).toBe(0);
    const snapshot = a.station.sqlite.prepare("SELECT * FROM meta WHERE key LIKE 'sync.%' AND key NOT LIKE 'sync.last%'").all();
    const second = await a.ok('sync.importBundle', { contentBase64: back.toString('base64') }, { token: tokenA });
    expect(second.run).toMatchObject({ pushed: 0, pulled: 0 });
    expect(a.station.sqlite.prepare("SELECT * FROM meta WHERE key LIKE 'sync.%' AND key NOT LIKE 'sync.last%'").all()).toEqual(snapshot);
    // The same push file imported at the hub again is recognised: nothing is ingested twice.
    const replay = await fetch(`${hub.url}/admin/bundle`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from(exported.contentBase64, 'base64'),
    });
    expect(replay.status).toBe(200);
  });

  it('a new PC enrolled with the station’s credential gets all its data back, and the old password works', async () => {
    const c = createTestStation();
    try {
      const restored = await c.ok('sync.restore', { hubUrl: hub.url, credential: credA });
      expect(restored.facility).toBe('01234');
      for (const table of ['persons', 'households', 'hamlets', 'users', 'facility', 'person_events']) {
        const want = count(a, `SELECT count(*) AS n FROM ${table}`);
        expect([table, count(c, `SELECT count(*) AS n FROM ${table}`)]).toEqual([table, want]);
      }
      const login = await c.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
      expect(login.token).toBeTruthy();
      const found = await c.ok('sync.status', {}, { token: login.token! });
      expect(found.status).toMatchObject({ configured: true, pending: 0 });
    } finally {
      c.cleanup();
    }
  });

  it('a wrong credential is explained, and nothing changes', async () => {
    const c = createTestStation();
    try {
      const token = await setUpAs(c, '07777');
      await c.ok('sync.configure', { hubUrl: hub.url, credential: credA.replace(/\.[^.]+$/, `.${'z'.repeat(43)}`) }, { token });
      const r = await c.ok('sync.now', {}, { token });
      expect(r.run).toMatchObject({ ok: false, error: { code: 'CREDENTIAL' } });
      expect((await c.ok('sync.status', {}, { token })).status.lastError?.code).toBe('CREDENTIAL');
    } finally {
      c.cleanup();
    }
  });
});
