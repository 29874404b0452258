import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from './db.js';
import type { Hub } from './hub.js';
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
});
