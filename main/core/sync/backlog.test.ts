import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hamlets } from '../setup/schema.js';
import { createTestStation, TEST_ADMIN, type TestStation } from '../testing/station.js';
import { runSync } from './client.js';
import { nextBatch, peekBatch } from './outbox.js';
import { SyncState } from './state.js';
import { pgReachable, startHubProcess, type HubProcess } from './testing-hub.js';
import { httpTransport, SyncTransportError, type StationTransport } from './transport.js';

/**
 * A long backlog (an initial upload, weeks offline) on a fast link: batches grow from 1,000 to the protocol's 5,000
 * while rounds come back quickly, the next batch is read while the hub works on the current one, and still every
 * change reaches the hub exactly once, in order, under the batch ids the station remembered.
 */
const usePg = await pgReachable();
if (!usePg && process.env.CI) throw new Error('PostgreSQL must be reachable in CI (HUB_TEST_DATABASE_URL); see .ci/run');

let hub: HubProcess;
const stations: TestStation[] = [];

beforeAll(async () => {
  hub = await startHubProcess({ code: '40100', level: 'district', parent: '40000', usePg });
}, 120_000);
afterAll(async () => {
  for (const t of stations) t.cleanup();
  await hub?.stop();
});

async function stationWithChanges(code: string, n: number): Promise<TestStation> {
  const t = createTestStation(new Date());
  stations.push(t);
  await t.ok('setup.complete', {
    facility: { name: `Trạm Y tế ${code}`, code, governingBody: 'UBND xã', provinceCode: '15', provinceName: 'Tỉnh Lào Cai', communeCode: '04000', communeName: 'Xã Hòa Bình' },
    hamlets: ['Thôn 1'],
    admin: { fullName: TEST_ADMIN.fullName, username: TEST_ADMIN.username, password: TEST_ADMIN.password },
  });
  t.station.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) t.station.writer.insert(hamlets, { name: `Thôn ${code}-${i}`, sort: 100 + i });
  })();
  new SyncState(t.station.sqlite).configure(hub.url, await hub.enroll(code));
  return t;
}

/** The transport, recording each pushed batch's id and size. */
function recording(inner: StationTransport, sent: { id: string; n: number }[]): StationTransport {
  return Object.assign(async (req: Parameters<StationTransport>[0]) => {
    if (req.push) sent.push({ id: req.push.id, n: req.push.changes.length });
    return inner(req);
  }, { close: inner.close });
}

describe('a long backlog', () => {
  it('goes up in growing batches, each change once and in order', async () => {
    const t = await stationWithChanges('03333', 7200);
    const total = (t.station.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const state = new SyncState(t.station.sqlite);
    const sent: { id: string; n: number }[] = [];
    const run = await runSync(t.station, recording(httpTransport(state.hubUrl!, state.credential!), sent), { fastRoundMs: 600_000 });
    expect(run).toMatchObject({ ok: true, pushed: total });
    // 1,000 then larger batches (every round counts as fast here), never above the protocol's limit. The second
    // batch is sent before the first is answered (pipelined), so it is still 1,000; each fast answer doubles the size.
    expect(sent[0]!.n).toBe(1000);
    expect(sent.map((s) => s.n)).toEqual([1000, 1000, 2000, total - 4000]);
    // Contiguous seq ranges covering the whole log, in order: nothing skipped, nothing sent twice.
    const ranges = sent.map((s) => s.id.split(':').pop()!.split('-').map(Number) as [number, number]);
    expect(ranges[0]![0]).toBe(1);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
    expect(ranges[ranges.length - 1]![1]).toBe(total);
    expect(sent.reduce((a, s) => a + s.n, 0)).toBe(total);
    expect(await runSync(t.station, httpTransport(state.hubUrl!, state.credential!))).toMatchObject({ ok: true, pushed: 0, pulled: 0, roundTrips: 1 });
    const last = t.station.sqlite.prepare("SELECT id FROM hamlets WHERE name = 'Thôn 03333-7199'").pluck().get() as string;
    expect((await hub.admin('GET', `/rows/hamlets/${last}`)).status).toBe(200);
  });

  it('keeps two batches in flight, and resends both under their ids when an answer is lost', async () => {
    const t = await stationWithChanges('05555', 3500);
    const { sqlite } = t.station;
    const total = (sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const state = new SyncState(sqlite);
    const inner = httpTransport(state.hubUrl!, state.credential!);
    const sent: { id: string; n: number }[] = [];
    let inFlight = 0;
    let most = 0;
    // The hub ingests the second push, but its answer is lost on the way back.
    const lossy: StationTransport = Object.assign(async (req: Parameters<StationTransport>[0]) => {
      if (req.push) sent.push({ id: req.push.id, n: req.push.changes.length });
      const lose = Boolean(req.push) && sent.length === 2;
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        const ex = await inner(req);
        if (lose) throw new SyncTransportError('UNREACHABLE', 'connection cut during the answer');
        return ex;
      } finally {
        inFlight--;
      }
    }, { close: inner.close });
    const cut = await runSync(t.station, lossy, { fastRoundMs: 0 });
    expect(cut).toMatchObject({ ok: false, pushed: 1000 });
    expect(most).toBe(2);
    // Both unanswered batches (the one whose answer was lost, and the one sent after it) are remembered …
    const remembered = state.batches.map((b) => b.id);
    expect(remembered).toEqual(sent.slice(1, 3).map((s) => s.id));
    // … and resent first, under the same ids: the hub recognises them, nothing is stored twice.
    const again: { id: string; n: number }[] = [];
    const run = await runSync(t.station, recording(httpTransport(state.hubUrl!, state.credential!), again), { fastRoundMs: 0 });
    expect(run).toMatchObject({ ok: true, pushed: total - 1000 });
    expect(again.slice(0, 2).map((s) => s.id)).toEqual(remembered);
    expect(state.batches).toEqual([]);
    expect((sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE acked_at IS NULL').get() as { n: number }).n).toBe(0);
    expect(await runSync(t.station, httpTransport(state.hubUrl!, state.credential!))).toMatchObject({ ok: true, pushed: 0, pulled: 0, roundTrips: 1 });
    const last = sqlite.prepare("SELECT id FROM hamlets WHERE name = 'Thôn 05555-3499'").pluck().get() as string;
    expect((await hub.admin('GET', `/rows/hamlets/${last}`)).status).toBe(200);
  });

  it('uses entries read ahead only when they start at the oldest unsent entry', async () => {
    const t = await stationWithChanges('04444', 30);
    const { sqlite } = t.station;
    const state = new SyncState(sqlite);
    const head = sqlite.prepare('SELECT min(seq) FROM change_log').pluck().get() as number;
    const ahead = peekBatch(sqlite, head - 1, 50)!;
    expect(ahead.seqs[0]).toBe(head);
    // Stale read-ahead (it starts further on): ignored, the batch starts at the oldest unsent entry.
    const stale = { seqs: ahead.seqs.slice(5), changes: ahead.changes.slice(5) };
    const fresh = nextBatch(sqlite, state, 'n1', 10, stale)!;
    expect(fresh.batch).toMatchObject({ first: head, last: head + 9 });
    state.batch = null;
    // Matching read-ahead: used, cut to the batch size.
    const used = nextBatch(sqlite, state, 'n1', 10, ahead)!;
    expect(used.batch).toMatchObject({ first: head, last: head + 9 });
    expect(used.changes).toEqual(ahead.changes.slice(0, 10));
  });
});
