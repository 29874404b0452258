import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from './db.js';
import type { Hub } from './hub.js';
import { migrate } from './migrate.js';
import { receivedChanges } from './received.js';
import { buildHubServer } from './server.js';
import { BACKENDS, TestDatabases } from './testing/databases.js';
import { enroll, openTestHub } from './testing/hubs.js';
import { change, postSync, request, stamp } from './testing/wire.js';

const T0 = Date.parse('2026-03-15T08:00:00Z');

describe.each(BACKENDS)('hub on %s', (backend) => {
  const dbs = new TestDatabases(backend);
  let db: HubDb;
  let hub: Hub;
  let app: FastifyInstance;
  let credA: string;
  let credB: string;
  beforeAll(async () => {
    db = await dbs.open();
    ({ hub } = await openTestHub(db, '40000', 'province'));
    await enroll(hub, '40100', 'district');
    credA = await enroll(hub, '01234', 'station', '40100');
    credB = await enroll(hub, '05678', 'station', '40100');
    app = await buildHubServer({ hub, adminToken: 'quan-tri' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await dbs.close();
  });

  it('answers /health and records its migrations once', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toMatchObject({ ok: true, facility: '40000', db: backend });
    expect(await migrate(db)).toEqual([]);
    const applied = await db.query<{ name: string }>('SELECT name FROM hub_migrations');
    expect(applied.map((r) => r.name)).toContain('0001_init.sql');
  });

  it('a push and a pull are one round trip; the rows reach the hub and are not echoed back', async () => {
    const h = stamp(T0, 'nodeA');
    const person = change('persons', 'p-a1', '01234', h, { owner_facility: '01234', deleted: 0, full_name: 'Lò Thị Mai', birth_year: 1990 });
    const res = await postSync(app, credA, request('nodeA', 0, [person], 'nodeA:1-1'));
    expect(res.status).toBe(200);
    expect(res.body.ack).toEqual({ id: 'nodeA:1-1', accepted: 1, rejected: [] });
    expect(res.body.rows.find((r) => r.id === 'p-a1')).toBeUndefined();
    expect(res.body.to).toBeGreaterThan(0);
    const stored = await db.query<{ owner: string; vals: Record<string, unknown> }>("SELECT owner, vals FROM rows WHERE row_id = 'p-a1'");
    expect(stored[0]).toMatchObject({ owner: '01234', vals: { full_name: 'Lò Thị Mai' } });
  });

  it('replaying the same batch changes nothing', async () => {
    const before = await db.query('SELECT table_name, row_id, seq, vals FROM rows ORDER BY seq');
    const log = await receivedChanges(db);
    const h = stamp(T0, 'nodeA');
    const person = change('persons', 'p-a1', '01234', h, { owner_facility: '01234', deleted: 0, full_name: 'Lò Thị Mai', birth_year: 1990 });
    const again = await postSync(app, credA, request('nodeA', 0, [person], 'nodeA:1-1'));
    expect(again.body.ack).toEqual({ id: 'nodeA:1-1', accepted: 1, rejected: [] });
    expect(await receivedChanges(db)).toEqual(log);
    // Same content under another batch id: logged as received, and the merge is idempotent.
    await postSync(app, credA, request('nodeA', 0, [person], 'nodeA:other'));
    expect(await db.query('SELECT table_name, row_id, seq, vals FROM rows ORDER BY seq')).toEqual(before);
    const logged = (await receivedChanges(db)).slice(log.length);
    expect(logged).toEqual([expect.objectContaining({ batchId: 'nodeA:other', t: 'persons', id: 'p-a1', h, f: person.f })]);
  });

  it('per-field last writer wins; the loser is told the winning value', async () => {
    const older = stamp(T0 + 1000, 'nodeA');
    const newer = stamp(T0 + 2000, 'nodeA2');
    // A second PC of the same station (node A2) wrote later; node A's older edit arrives after it.
    await postSync(app, credA, request('nodeA2', 0, [change('persons', 'p-a1', '01234', newer, { full_name: 'Lò Thị Mai Anh' })], 'a2:1'));
    const res = await postSync(app, credA, request('nodeA', 0, [change('persons', 'p-a1', '01234', older, { full_name: 'Lò Mai', birth_year: 1991 })], 'a:2'));
    expect(res.body.ack?.accepted).toBe(1);
    expect(res.body.fix).toEqual([{ t: 'persons', id: 'p-a1', h: newer, f: { full_name: 'Lò Thị Mai Anh' } }]);
    const [row] = await db.query<{ vals: Record<string, unknown> }>("SELECT vals FROM rows WHERE row_id = 'p-a1'");
    expect(row!.vals).toMatchObject({ full_name: 'Lò Thị Mai Anh', birth_year: 1991 });
  });

  it('a tombstone wins over an older edit, and an older edit does not bring the row back', async () => {
    const del = stamp(T0 + 5000, 'nodeA');
    const late = stamp(T0 + 4000, 'nodeA2');
    await postSync(app, credA, request('nodeA', 0, [change('persons', 'p-a1', '01234', del, { deleted: 1 })], 'a:del'));
    await postSync(app, credA, request('nodeA2', 0, [change('persons', 'p-a1', '01234', late, { deleted: 0, phone: '0912345678' })], 'a2:late'));
    const [row] = await db.query<{ vals: Record<string, unknown> }>("SELECT vals FROM rows WHERE row_id = 'p-a1'");
    expect(row!.vals).toMatchObject({ deleted: 1, phone: '0912345678' });
  });

  it('scope: a station sees its residents’ facts made elsewhere and reference data from above, never another station’s rows', async () => {
    const hA = stamp(T0 + 10_000, 'nodeA');
    const hB = stamp(T0 + 10_000, 'nodeB');
    await postSync(app, credA, request('nodeA', 0, [change('persons', 'p-a2', '01234', hA, { owner_facility: '01234', deleted: 0, full_name: 'Giàng A Páo' })], 'a:3'));
    await postSync(app, credB, request('nodeB', 0, [change('persons', 'p-b1', '05678', hB, { owner_facility: '05678', deleted: 0, full_name: 'Hà Văn Sơn' })], 'b:1'));
    // A dose given at the province's hospital to A's resident, and a medicine published by the province.
    await hub.writeOwn([{ t: 'visits', id: 'v-prov', f: { person_id: 'p-a2', visit_date: '2026-03-16', reason: 'Tiêm phòng' } }]);
    await hub.writeOwn([{ t: 'medicines', id: 'm-1', f: { code: 'PARA500', name: 'Paracetamol 500 mg' } }]);
    const a = await postSync(app, credA, request('nodeA-new', 0));
    const b = await postSync(app, credB, request('nodeB-new', 0));
    const ids = (r: typeof a) => r.body.rows.map((x) => x.id).sort();
    expect(ids(a)).toEqual(['m-1', 'p-a1', 'p-a2', 'v-prov']);
    expect(ids(b)).toEqual(['m-1', 'p-b1']);
    expect(a.body.rows.find((r) => r.id === 'v-prov')).toMatchObject({ full: 1, f: { owner_facility: '40000', person_id: 'p-a2' } });
  });

  it('pulling is resumable page by page with the hub’s sequence as cursor', async () => {
    const pages: string[][] = [];
    let cursor = 0;
    for (let i = 0; i < 10; i++) {
      const res = await postSync(app, credA, { ...request('nodeA-pages', cursor), limit: 1 });
      pages.push(res.body.rows.map((r) => r.id));
      expect(res.body.from).toBe(cursor);
      cursor = res.body.to;
      if (!res.body.more) break;
    }
    expect(pages.flat().sort()).toEqual(['m-1', 'p-a1', 'p-a2', 'v-prov']);
    const empty = await postSync(app, credA, request('nodeA-pages', cursor));
    expect(empty.body.rows).toEqual([]);
    expect(empty.body.to).toBe(cursor);
  });
});
