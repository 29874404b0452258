import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResponse } from '../shared/sync/protocol.js';
import type { HubDb } from './db.js';
import type { Hub } from './hub.js';
import { inScope } from './pull.js';
import { fromDb, ROW_COLUMNS } from './rows.js';
import { BACKENDS, TestDatabases } from './testing/databases.js';
import { enroll, openTestHub } from './testing/hubs.js';
import { ModelStation } from './testing/model-station.js';
import { UpstreamClient } from './upstream.js';

/**
 * Convergence (docs/sync.md, "Guarantees"): a province hub P, a district hub D chained to it, stations S0 and S1
 * under D and S2 directly under P. Random interleavings of creates, edits, deletes, transfers between stations,
 * facts added at other facilities, duplicated and lost answers, late (reordered) answers and stations whose clocks
 * are a day fast or slow; then everyone syncs until quiet. Every replica must hold identical data for its scope.
 */
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 0);
const CODES = ['01001', '01002', '02001'];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

type Op =
  | { k: 'create' | 'delete'; s: number; p: number }
  | { k: 'edit'; s: number; p: number; field: string; v: string }
  | { k: 'transfer'; s: number; p: number; to: number }
  | { k: 'fact'; s: number; p: number }
  | { k: 'sync'; s: number; dup: boolean; lose: boolean; late: boolean }
  | { k: 'up'; lose: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('create' as const), s: fc.nat(2), p: fc.nat(3) }),
  fc.record({ k: fc.constant('edit' as const), s: fc.nat(2), p: fc.nat(3), field: fc.constantFrom('full_name', 'phone', 'note'), v: fc.string({ maxLength: 3 }) }),
  fc.record({ k: fc.constant('delete' as const), s: fc.nat(2), p: fc.nat(3) }),
  fc.record({ k: fc.constant('transfer' as const), s: fc.nat(2), p: fc.nat(3), to: fc.nat(2) }),
  fc.record({ k: fc.constant('fact' as const), s: fc.nat(3), p: fc.nat(3) }),
  fc.record({ k: fc.constant('sync' as const), s: fc.nat(2), dup: fc.boolean(), lose: fc.boolean(), late: fc.boolean() }),
  fc.record({ k: fc.constant('up' as const), lose: fc.boolean() }),
);

describe.each(BACKENDS)('convergence on %s', (backend) => {
  const dbs = new TestDatabases(backend);
  let P: Hub;
  let D: Hub;
  let dbP: HubDb;
  let dbD: HubDb;
  beforeAll(async () => {
    dbP = await dbs.open();
    dbD = await dbs.open();
    P = (await openTestHub(dbP, '40000', 'province')).hub;
    D = (await openTestHub(dbD, '40100', 'district', '40000')).hub;
    await enroll(P, '40100', 'district');
    await enroll(P, CODES[2]!);
    await enroll(D, CODES[0]!);
    await enroll(D, CODES[1]!);
  }, 120_000);
  afterAll(() => dbs.close());

  async function reset(): Promise<void> {
    for (const db of [dbP, dbD]) {
      await db.exec("TRUNCATE rows, received, batches, security_events; DELETE FROM hub_meta WHERE key LIKE 'up.%'");
    }
  }

  async function rowsOf(db: HubDb) {
    return (await db.query<Parameters<typeof fromDb>[0]>(`SELECT ${ROW_COLUMNS} FROM rows`)).map(fromDb);
  }

  async function scenario(ops: Op[]): Promise<void> {
    await reset();
    let now = Date.parse('2026-03-15T08:00:00Z');
    const skew = [86_400_000, 0, -86_400_000];
    const stations = CODES.map((code, i) => new ModelStation(code, `n${i}-${Math.random().toString(36).slice(2, 8)}`, () => now + skew[i]!));
    const hubOf = (i: number) => (i === 2 ? P : D);
    let lose = false;
    const up = new UpstreamClient(D, async (req) => {
      const res = await P.sync('40100', clone(req));
      if (lose) throw new Error('link cut');
      return clone(res);
    });
    const late: (SyncResponse | null)[] = [null, null, null];
    let facts = 0;
    const sync = async (i: number, o: { dup?: boolean; lose?: boolean; late?: boolean } = {}) => {
      const st = stations[i]!;
      const req = st.request();
      let res = await hubOf(i).sync(CODES[i]!, clone(req));
      if (o.dup) res = await hubOf(i).sync(CODES[i]!, clone(req));
      if (!o.lose) st.apply(clone(res));
      const stale = late[i];
      late[i] = o.late ? clone(res) : null;
      if (stale) st.apply(stale);
      return { req, res };
    };
    const persons = (st: ModelStation, owned: boolean) =>
      [...st.rows.entries()]
        .filter(([k, r]) => k.startsWith('persons/') && r.deleted === 0 && (!owned || r.owner_facility === st.code))
        .map(([k]) => k.slice('persons/'.length))
        .sort();

    for (const op of ops) {
      now += 1000;
      if (op.k === 'sync') await sync(op.s, op);
      else if (op.k === 'up') {
        lose = op.lose;
        await up.syncOnce().catch(() => undefined);
        lose = false;
      } else if (op.k === 'fact' && op.s === 3) {
        const pid = (await rowsOf(dbD)).filter((r) => r.table === 'persons').map((r) => r.id).sort()[op.p];
        if (pid) await D.writeOwn([{ t: 'visits', id: `v-d-${facts++}`, f: { person_id: pid, reason: 'khám tuyến trên' } }]);
      } else {
        const st = stations[op.s]!;
        const owned = persons(st, true);
        const pid = owned[op.p % Math.max(1, owned.length)];
        if (op.k === 'create') st.write('persons', `p-${op.s}-${st.rows.size}`, { full_name: `Người ${op.p}`, phone: null, note: null });
        else if (op.k === 'edit' && pid) st.write('persons', pid, { [op.field]: op.v });
        else if (op.k === 'delete' && pid) st.write('persons', pid, { deleted: 1 });
        else if (op.k === 'transfer' && pid && op.to !== op.s) st.write('persons', pid, { owner_facility: CODES[op.to]! });
        else if (op.k === 'fact') {
          const any = persons(st, false)[op.p];
          if (any) st.write('visits', `v-${op.s}-${facts++}`, { person_id: any, reason: 'khám' });
        }
      }
    }

    // Everyone syncs until nothing moves.
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 3; i++) for (let k = 0; k < 20; k++) if (!(await sync(i)).res.more && stations[i]!.pending() === 0) break;
      await up.drain();
    }
    for (let i = 0; i < 3; i++) await sync(i);

    const rowsP = await rowsOf(dbP);
    const rowsD = await rowsOf(dbD);
    const rejected = [...(await dbP.query('SELECT * FROM security_events')), ...(await dbD.query('SELECT * FROM security_events'))];
    expect(rejected).toEqual([]);
    const byKey = (rows: typeof rowsP) => new Map(rows.map((r) => [`${r.table}/${r.id}`, r.state.vals]));
    const atP = byKey(rowsP);
    // D holds exactly what P holds for D's scope, and P holds everything D has.
    const scopeD = await P.scopeOf('40100');
    for (const r of rowsD) expect([r.table, r.id, atP.get(`${r.table}/${r.id}`)]).toEqual([r.table, r.id, r.state.vals]);
    for (const r of rowsP) if (inScope(r, scopeD)) expect(byKey(rowsD).get(`${r.table}/${r.id}`)).toEqual(r.state.vals);
    // Each station holds exactly its hub's data for its scope, with nothing left to send.
    for (let i = 0; i < 3; i++) {
      const st = stations[i]!;
      expect(st.pending()).toBe(0);
      const scope = await hubOf(i).scopeOf(CODES[i]!);
      for (const r of i === 2 ? rowsP : rowsD) {
        if (inScope(r, scope)) expect([CODES[i], r.table, r.id, st.get(r.table, r.id)]).toEqual([CODES[i], r.table, r.id, r.state.vals]);
      }
      // And everything it wrote reached the province.
      for (const e of st.outbox) expect(atP.has(`${e.t}/${e.id}`)).toBe(true);
    }
  }

  it(
    'every replica converges for its scope',
    async () => {
      await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), scenario), {
        numRuns: RUNS || (backend === 'pg' ? 200 : 60),
        seed: process.env.SYNC_PROPERTY_SEED ? Number(process.env.SYNC_PROPERTY_SEED) : undefined,
      });
    },
    600_000,
  );
});
