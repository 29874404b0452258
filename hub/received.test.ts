import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR } from './migrate.js';
import { acceptedChanges, decodeChanges, encodeChanges, receivedChanges } from './received.js';
import { BACKENDS, TestDatabases } from './testing/databases.js';
import { change, stamp } from './testing/wire.js';

const T0 = Date.parse('2026-03-15T08:00:00Z');
const a1 = change('persons', 'p-1', '01000', stamp(T0, 'nodeA'), { owner_facility: '01000', deleted: 0, full_name: 'Lò Văn Páo' });
const a2 = change('visits', 'v-1', '01000', stamp(T0 + 1, 'nodeA'), { person_id: 'p-1', reason: 'Sốt' });
const a3 = change('persons', 'p-2', '01001', stamp(T0 + 2, 'nodeA'), { full_name: 'Hàng Thị Dợ' });
const fromAbove = change('medicines', 'm-1', '40000', stamp(T0 + 3, 'hub40000'), { code: 'PARA500', name: 'Paracetamol 500 mg' });

describe('the log of batches received (hub/received.ts)', () => {
  it('reads back a batch stored as its changes or as the gzip request body a station sent', () => {
    expect(decodeChanges(encodeChanges([a1, a2]))).toEqual([a1, a2]);
    const body = zlib.gzipSync(JSON.stringify({ v: 1, node: 'nodeA', cursor: 0, push: { id: 'nodeA:1-3', changes: [a1, a3, a2] } }));
    expect(decodeChanges(body)).toEqual([a1, a3, a2]);
    // The refused change (position 1) stays in the log for the audit but is not read as accepted.
    expect(acceptedChanges(body, [1])).toEqual([a1, a2]);
    // Bodies moved from the old per-change table are plain JSON.
    expect(decodeChanges(Buffer.from(JSON.stringify([a2])))).toEqual([a2]);
  });

  it('never throws on bytes that are not a batch, and gives no changes for them', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.string().map((s) => Buffer.from(s)), fc.json().map((j) => zlib.gzipSync(j))), (bytes) => {
        const out = decodeChanges(bytes);
        expect(Array.isArray(out)).toBe(true);
        for (const c of out) expect(typeof c.t).toBe('string');
      }),
      { numRuns: 300 },
    );
    expect(decodeChanges(zlib.gzipSync('{"push":{"changes":[1,{"t":"x"}]}}'))).toEqual([]);
  });
});

describe.each(BACKENDS)('migration 0003 on %s: per-change versions become the batch log', (backend) => {
  const dbs = new TestDatabases(backend);
  afterAll(() => dbs.close());

  it('moves every version into one row per batch, in order, and keeps the outbox position', async () => {
    const db = await dbs.open();
    // A hub as it was before the log: migrations 0001 and 0002 only.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-mig-'));
    for (const f of ['0001_init.sql', '0002_ingest_speed.sql']) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
    await migrate(db, before);
    fs.rmSync(before, { recursive: true, force: true });
    const version = (batch: string, c: typeof a1, upstream = false) =>
      db.query('INSERT INTO versions (batch_id, from_facility, origin, upstream, table_name, row_id, owner, hlc, fields) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)', [
        batch,
        '01000',
        'nodeA',
        upstream,
        c.t,
        c.id,
        c.o,
        c.h,
        JSON.stringify(c.f),
      ]);
    await version('nodeA:1-2', a1);
    await version('nodeA:1-2', a2);
    await version('up:40000:0-9', fromAbove, true);
    await version('nodeA:3-3', a3);
    // The district had forwarded the first batch and not the last.
    const [acked] = await db.query<{ vseq: number }>("SELECT max(vseq) AS vseq FROM versions WHERE batch_id = 'nodeA:1-2'");
    await db.query("INSERT INTO hub_meta (key, value) VALUES ('up.acked', $1)", [String(acked!.vseq)]);

    expect(await migrate(db)).toEqual(expect.arrayContaining(['0003_received_log.sql']));
    const log = await receivedChanges(db);
    expect(log.map((c) => [c.batchId, c.upstream, c.t, c.id, c.h, c.f])).toEqual([
      ['nodeA:1-2', false, a1.t, a1.id, a1.h, a1.f],
      ['nodeA:1-2', false, a2.t, a2.id, a2.h, a2.f],
      ['up:40000:0-9', true, fromAbove.t, fromAbove.id, fromAbove.h, fromAbove.f],
      ['nodeA:3-3', false, a3.t, a3.id, a3.h, a3.f],
    ]);
    const meta = new Map((await db.query<{ key: string; value: string }>("SELECT key, value FROM hub_meta WHERE key LIKE 'up.%'")).map((r) => [r.key, r.value]));
    expect(meta.get('up.acked')).toBeUndefined();
    // Forwarded up to the first batch: the next forward starts with nodeA:3-3.
    expect(Number(meta.get('up.sent'))).toBe(log[0]!.seq);
    expect(await db.query("SELECT to_regclass('versions') AS t")).toEqual([{ t: null }]);
  });
});
