import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from './db.js';
import type { Hub } from './hub.js';
import { ingestGroup, isRetryable, type IngestInput } from './ingest.js';
import { receivedChanges } from './received.js';
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
    db = raw;
    ({ hub } = await openTestHub(db, '40100', 'district', '40000'));
    // Counts ingest transactions, to see that concurrent pushes share them.
    const run = hub.seqs.run.bind(hub.seqs);
    hub.seqs.run = (fn) => (transactions++, run(fn));
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
      `SELECT (SELECT sum(changes - cardinality(rejected))::int FROM received) AS versions, (SELECT count(*)::int FROM rows) AS rows,
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

  /** One ingest in its own transaction as the hub runs it: side by side first, alone when it must. */
  const seqs = () => hub.seqs;
  const input = (batchId: string, h: number, f: Record<string, string | number>, id = 'p-race', table = 'persons'): IngestInput => ({
    batchId,
    from: '01007',
    origin: 'node7',
    upstream: false,
    allowed: new Set(['01007']),
    changes: [change(table, id, '01007', stamp(T0 + h, 'node7'), f)],
  });
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    return { open, opened };
  };
  /** Ingests shared inside a transaction held open until `hold` resolves; `written` resolves once it has written. */
  const heldIngest = (i: IngestInput, hold: Promise<void>, written: () => void) =>
    seqs().run((ticket) =>
      db.tx(async (q) => {
        await ingestGroup(q, [i], { mode: 'shared', seqs: seqs(), ticket });
        written();
        await hold;
      }),
    );
  const asHubDoes = async (i: IngestInput, retried: { n: number }) => {
    const once = (mode: 'shared' | 'exclusive') => seqs().run((ticket) => db.tx((q) => ingestGroup(q, [i], { mode, seqs: seqs(), ticket })));
    try {
      return await once('shared');
    } catch (e) {
      if (!isRetryable(e)) throw e;
      retried.n++;
      return once('exclusive');
    }
  };

  /** A writes and stays open; B starts meanwhile; A commits 300 ms later. How many times B had to run again alone. */
  const race = async (a: IngestInput, b: IngestInput) => {
    const hold = gate();
    const wrote = gate();
    const first = heldIngest(a, hold.opened, wrote.open);
    await wrote.opened;
    const retried = { n: 0 };
    const second = asHubDoes(b, retried);
    await new Promise((r) => setTimeout(r, 300));
    hold.open();
    await Promise.all([first, second]);
    return retried.n;
  };

  it('two groups side by side making the same new row: the second is merged again, alone, and loses nothing', async () => {
    // B reads the row as absent (A has not committed), then finds it written when it inserts.
    const retried = await race(
      input('node7:a', 10, { owner_facility: '01007', deleted: 0, full_name: 'Lý Thị Sa', phone: '0912000111' }),
      input('node7:b', 20, { phone: '0912000222' }),
    );
    const [row] = await db.query<{ vals: Record<string, unknown>; owner: string }>("SELECT vals, owner FROM rows WHERE row_id = 'p-race'");
    expect(row).toEqual({ owner: '01007', vals: { owner_facility: '01007', deleted: 0, full_name: 'Lý Thị Sa', phone: '0912000222' } });
    // PGlite has one connection: B simply runs after A there.
    expect(retried).toBe(backend === 'pg' ? 1 : 0);
  });

  it('two groups side by side changing the same row: the second waits for the first and merges onto it', async () => {
    const retried = await race(input('node7:c', 30, { full_name: 'Lý Thị Sa Pa' }), input('node7:d', 40, { phone: '0912000333' }));
    const [row] = await db.query<{ vals: Record<string, unknown> }>("SELECT vals FROM rows WHERE row_id = 'p-race'");
    expect(row!.vals).toMatchObject({ full_name: 'Lý Thị Sa Pa', phone: '0912000333' });
    expect(retried).toBe(0);
  });

  // PGlite has one connection: a transaction held open there stops every other.
  it.skipIf(backend === 'pglite')('a pull never passes a sequence number whose transaction has not committed (the watermark)', async () => {
    const a = gate();
    const wrote = gate();
    // A takes its numbers first and stays open; B takes later numbers and commits. (Hamlets: rows about nobody.)
    const first = heldIngest(input('node7:e', 50, { owner_facility: '01007', deleted: 0, name: 'Thôn Pả Vi' }, 'h-mark-a', 'hamlets'), a.opened, wrote.open);
    await wrote.opened;
    const b = await hub.sync('01007', request('node7', 0, [change('hamlets', 'h-mark-b', '01007', stamp(T0 + 60, 'node7'), { owner_facility: '01007', deleted: 0, name: 'Thôn Mã Pì Lèng' })], 'node7:f'));
    expect(b.ack?.accepted).toBe(1);
    // The district above sees both stations' rows; while A is open it must not be told it has everything up to B.
    const district = (cursor: number) => hub.sync('40100', { v: 1, node: 'district-reader', cursor });
    const early = await district(0);
    const seen = early.rows.map((r) => r.id);
    expect(seen).not.toContain('h-mark-a');
    expect(seen).not.toContain('h-mark-b');
    a.open();
    await first;
    const later = await district(early.to);
    expect(later.rows.map((r) => r.id)).toEqual(expect.arrayContaining(['h-mark-a', 'h-mark-b']));
  });

  it('a station’s next batch, pipelined, is written beside the one before; rows that depend on it wait for it', async () => {
    const c = (t: string, id: string, h: number, f: Record<string, string | number>) => change(t, id, '01009', stamp(T0 + h, 'node9'), f);
    const first = [
      c('persons', 'p-pipe', 1, { owner_facility: '01009', deleted: 0, full_name: 'Sùng A Chứ' }),
      c('visits', 'v-pipe', 2, { owner_facility: '01009', deleted: 0, person_id: 'p-pipe', reason: 'Ho', status: 'waiting' }),
    ];
    const second = [
      // Independent of the first batch: written beside it.
      c('hamlets', 'h-pipe', 3, { owner_facility: '01009', deleted: 0, name: 'Thôn Sủng Là' }),
      // About the first batch's visit: written once it has committed.
      c('visits', 'v-pipe', 4, { status: 'done' }),
      c('prescription_items', 'rx-pipe', 5, { owner_facility: '01009', deleted: 0, visit_id: 'v-pipe', medicine: 'Paracetamol' }),
    ];
    const answers = await Promise.all([hub.sync('01009', request('node9', 0, first, 'node9:1-2')), hub.sync('01009', request('node9', 0, second, 'node9:3-5'))]);
    expect(answers.map((a) => a.ack?.accepted)).toEqual([2, 3]);
    const rows = await db.query<{ row_id: string; subject: string | null; resident_of: string | null; vals: Record<string, unknown> }>(
      "SELECT row_id, subject, resident_of, vals FROM rows WHERE row_id IN ('v-pipe', 'rx-pipe', 'h-pipe') ORDER BY row_id",
    );
    expect(rows.map((r) => [r.row_id, r.subject, r.resident_of])).toEqual([
      ['h-pipe', null, null],
      ['rx-pipe', 'p-pipe', '01009'],
      ['v-pipe', 'p-pipe', '01009'],
    ]);
    expect(rows.find((r) => r.row_id === 'v-pipe')!.vals).toMatchObject({ reason: 'Ho', status: 'done' });
    const logged = (await receivedChanges(db, '01009')).filter((x) => x.id.endsWith('-pipe'));
    expect(logged.map((x) => [x.batchId, x.id])).toEqual([
      ['node9:1-2', 'p-pipe'],
      ['node9:1-2', 'v-pipe'],
      ['node9:3-5', 'h-pipe'],
      ['node9:3-5', 'v-pipe'],
      ['node9:3-5', 'rx-pipe'],
    ]);
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
    expect((await receivedChanges(db, '01008')).filter((c) => c.id === 'p-twice')).toHaveLength(2);
    const [row] = await db.query<{ vals: { full_name: string } }>("SELECT vals FROM rows WHERE row_id = 'p-twice'");
    expect(row!.vals.full_name).toBe('Ma Văn Tú (sửa)');
  });
});
