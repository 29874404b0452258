import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from './db.js';
import type { Hub } from './hub.js';
import { commitGroup, INGEST_LOCK, ingestGroup, prepareGroup, type IngestInput } from './ingest.js';
import { BACKENDS, TestDatabases } from './testing/databases.js';
import { enroll, openTestHub } from './testing/hubs.js';
import { change, request, stamp } from './testing/wire.js';

/**
 * Many stations pushing at once (docs/sync.md, "Hub"): pushes waiting for the ingest lock are ingested together in
 * one transaction. Each station still gets its own acknowledgement, refusals and corrections; a batch sent twice
 * at the same moment is stored once; a refused change in one station's batch does not affect the others.
 */
const T0 = Date.parse('2026-03-15T08:00:00Z');
const STATIONS = 12;
// Stations 01000 … 01011 push in the first test; 01007 and 01008 are reused below with rows of their own.

describe.each(BACKENDS)('grouped ingest on %s', (backend) => {
  const dbs = new TestDatabases(backend);
  let db: HubDb;
  let hub: Hub;
  let transactions = 0;
  beforeAll(async () => {
    const raw = await dbs.open();
    // Counts transactions, to see that concurrent pushes share them.
    db = { ...raw, tx: (fn) => (transactions++, raw.tx(fn)) };
    ({ hub } = await openTestHub(db, '40100', 'district', '40000'));
    for (let s = 0; s < STATIONS; s++) await enroll(hub, `0${1000 + s}`);
  }, 120_000);
  afterAll(() => dbs.close());

  it('acknowledges each station’s batch, refuses only the bad change, stores a doubled batch once', async () => {
    const code = (s: number) => `0${1000 + s}`;
    const batchOf = (s: number) =>
      Array.from({ length: 30 }, (_, i) => change('persons', `p-${s}-${i}`, code(s), stamp(T0 + i, `node${s}`), { owner_facility: code(s), deleted: 0, full_name: `Người ${s}.${i}` }));
    const batches = Array.from({ length: STATIONS }, (_, s) => batchOf(s));
    // Station 3 slips in a row owned by station 4: refused, the rest of its batch kept.
    batches[3]!.push(change('persons', 'p-4-0', code(4), stamp(T0 + 99, 'node3'), { full_name: 'Sửa trộm' }));
    transactions = 0;
    const sent = batches.map((changes, s) => hub.sync(code(s), request(`node${s}`, 0, changes, `node${s}:1-${changes.length}`)));
    // Station 0 retries its batch while the first attempt is still in flight.
    sent.push(hub.sync(code(0), request('node0', 0, batches[0], `node0:1-${batches[0]!.length}`)));
    const answers = await Promise.all(sent);

    expect(transactions).toBeLessThan(answers.length);
    answers.slice(0, STATIONS).forEach((a, s) => {
      expect(a.ack).toEqual({ id: `node${s}:1-${batches[s]!.length}`, accepted: 30, rejected: s === 3 ? [{ i: 30, code: 'NOT_OWNER' }] : [] });
    });
    expect(answers[STATIONS]!.ack).toEqual(answers[0]!.ack);
    expect(answers[3]!.fix.find((r) => r.id === 'p-4-0')).toBeUndefined();

    const [counts] = await db.query<{ versions: number; rows: number; batches: number; seqs: number }>(
      `SELECT (SELECT count(*)::int FROM versions) AS versions, (SELECT count(*)::int FROM rows) AS rows,
              (SELECT count(*)::int FROM batches) AS batches, (SELECT count(DISTINCT seq)::int FROM rows) AS seqs`,
    );
    expect(counts).toEqual({ versions: STATIONS * 30, rows: STATIONS * 30, batches: STATIONS, seqs: STATIONS * 30 });
    const stolen = await db.query<{ vals: { full_name: string } }>("SELECT vals FROM rows WHERE row_id = 'p-4-0'");
    expect(stolen[0]!.vals.full_name).toBe('Người 4.0');
    const events = await db.query<{ facility: string; kind: string }>('SELECT facility, kind FROM security_events');
    expect(events).toEqual([{ facility: code(3), kind: 'push-not-owner' }]);

    // Each station pulls its own rows back from another replica's point of view, and nobody else's.
    const fresh = await hub.sync(code(5), { v: 1, node: 'restore5', cursor: 0 });
    expect(fresh.rows.map((r) => r.id).sort()).toEqual(batches[5]!.map((c) => c.id).sort());
  });

  it('a group merged while the one before was written sees that group’s rows before it writes', async () => {
    const input = (batchId: string, h: number, f: Record<string, string | number>): IngestInput => ({
      batchId,
      from: '01007',
      origin: 'node7',
      upstream: false,
      allowed: new Set(['01007']),
      changes: [change('persons', 'p-race', '01007', stamp(T0 + h, 'node7'), f)],
    });
    // B is read and merged while the row does not exist yet; A creates it; B is then written under the lock.
    const b = await prepareGroup(db, [input('node7:b', 20, { phone: '0912000222' })]);
    await db.tx((q) => ingestGroup(q, [input('node7:a', 10, { owner_facility: '01007', deleted: 0, full_name: 'Lý Thị Sa', phone: '0912000111' })]));
    await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
      return commitGroup(q, b, true);
    });
    const [row] = await db.query<{ vals: Record<string, unknown>; owner: string }>("SELECT vals, owner FROM rows WHERE row_id = 'p-race'");
    expect(row).toEqual({ owner: '01007', vals: { owner_facility: '01007', deleted: 0, full_name: 'Lý Thị Sa', phone: '0912000222' } });
  });

  it('a batch sent again while its first copy is being ingested is acknowledged the same and stored once', async () => {
    const first = [change('persons', 'p-twice', '01008', stamp(T0, 'node8'), { owner_facility: '01008', deleted: 0, full_name: 'Ma Văn Tú' })];
    const later = [change('persons', 'p-twice', '01008', stamp(T0 + 5, 'node8'), { full_name: 'Ma Văn Tú (sửa)' })];
    const answers = await Promise.all([
      hub.sync('01008', request('node8', 0, first, 'node8:1-1')),
      hub.sync('01008', request('node8', 0, later, 'node8:2-2')),
      hub.sync('01008', request('node8', 0, first, 'node8:1-1')),
    ]);
    expect(answers.map((a) => a.ack)).toEqual([
      { id: 'node8:1-1', accepted: 1, rejected: [] },
      { id: 'node8:2-2', accepted: 1, rejected: [] },
      { id: 'node8:1-1', accepted: 1, rejected: [] },
    ]);
    const [v] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM versions WHERE row_id = 'p-twice'");
    expect(v!.n).toBe(2);
    const [row] = await db.query<{ vals: { full_name: string } }>("SELECT vals FROM rows WHERE row_id = 'p-twice'");
    expect(row!.vals.full_name).toBe('Ma Văn Tú (sửa)');
  });
});
