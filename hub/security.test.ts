import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from './db.js';
import type { Hub } from './hub.js';
import { buildHubServer } from './server.js';
import { BACKENDS, TestDatabases } from './testing/databases.js';
import { enroll, openTestHub } from './testing/hubs.js';
import { change, postSync, request, stamp } from './testing/wire.js';

const T0 = Date.parse('2026-03-15T08:00:00Z');

describe.each(BACKENDS)('hub security on %s', (backend) => {
  const dbs = new TestDatabases(backend);
  let db: HubDb;
  let hub: Hub;
  let log: Awaited<ReturnType<typeof openTestHub>>['log'];
  let app: FastifyInstance;
  let credA: string;
  let credB: string;
  const snapshot = () => db.query('SELECT table_name, row_id, seq, vals FROM rows ORDER BY table_name, row_id');

  beforeAll(async () => {
    db = await dbs.open();
    ({ hub, log } = await openTestHub(db, '40100', 'district', '40000'));
    credA = await enroll(hub, '01234');
    credB = await enroll(hub, '05678');
    app = await buildHubServer({ hub, adminToken: 'quan-tri-bi-mat', maxBodyBytes: 64 * 1024 });
    await postSync(app, credA, request('nodeA', 0, [change('persons', 'p-a', '01234', stamp(T0, 'nodeA'), { owner_facility: '01234', deleted: 0, full_name: 'Vàng Thị Dế' })]));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await dbs.close();
  });

  it('refuses a missing, malformed, wrong, revoked or expired credential', async () => {
    const wrongSecret = credA.replace(/\.[^.]+$/, `.${'x'.repeat(43)}`);
    const cases: [string | null, string][] = [
      [null, 'CREDENTIAL_MISSING'],
      ['not-a-credential', 'CREDENTIAL_INVALID'],
      [wrongSecret, 'CREDENTIAL_INVALID'],
      [credA.replace('TYTS1.01234.', 'TYTS1.05678.'), 'CREDENTIAL_INVALID'],
    ];
    for (const [cred, code] of cases) {
      const res = await postSync(app, cred, request('nodeX', 0));
      expect([res.status, res.body.error]).toEqual([401, code]);
    }
    const revoked = await enroll(hub, '09999');
    const id = revoked.split('.')[2]!;
    const r1 = await app.inject({ method: 'POST', url: `/admin/credentials/${id}/revoke`, headers: { authorization: 'Bearer quan-tri-bi-mat' } });
    expect(r1.statusCode).toBe(200);
    expect((await postSync(app, revoked, request('nodeR', 0))).body.error).toBe('CREDENTIAL_REVOKED');
    const expired = await enroll(hub, '08888', 'station', '40100', new Date(Date.now() - 1000));
    expect((await postSync(app, expired, request('nodeE', 0))).body.error).toBe('CREDENTIAL_EXPIRED');
  });

  it('refuses (and logs) a push of a row owned by another facility, accepting the rest of the batch', async () => {
    const before = await snapshot();
    const forged = change('persons', 'p-a', '01234', stamp(T0 + 9e6, 'nodeB'), { full_name: 'Bị sửa trộm' });
    const claimed = change('persons', 'p-a', '05678', stamp(T0 + 9e6, 'nodeB', 1), { full_name: 'Bị chiếm' });
    const own = change('persons', 'p-b', '05678', stamp(T0 + 9e6, 'nodeB', 2), { owner_facility: '05678', deleted: 0, full_name: 'Lường Văn Ót' });
    const res = await postSync(app, credB, request('nodeB', 0, [forged, claimed, own], 'b:forge'));
    expect(res.status).toBe(200);
    expect(res.body.ack).toEqual({ id: 'b:forge', accepted: 1, rejected: [{ i: 0, code: 'NOT_OWNER' }, { i: 1, code: 'MOVED' }] });
    const after = await snapshot();
    expect(after.filter((r) => (r as { row_id: string }).row_id === 'p-a')).toEqual(before.filter((r) => (r as { row_id: string }).row_id === 'p-a'));
    const events = await db.query<{ facility: string; kind: string; details: { id: string } }>("SELECT facility, kind, details FROM security_events WHERE kind = 'push-not-owner'");
    expect(events.map((e) => [e.facility, e.details.id])).toEqual([['05678', 'p-a'], ['05678', 'p-a']]);
    expect(log.lines.some((l) => l.event === 'security' && l.kind === 'push-not-owner' && l.level === 'warn')).toBe(true);
    // Nothing of A's reaches B, even when B asks for the row by name.
    const pulled = await postSync(app, credB, { ...request('nodeB2', 0), refetch: [['persons', 'p-a']] });
    expect(pulled.body.rows.map((r) => r.id)).toEqual(['p-b']);
  });

  it('refuses malformed and oversized payloads with a clear 4xx, changing nothing', async () => {
    const before = await snapshot();
    const bomb = zlib.gzipSync(Buffer.alloc(100 * 1024 * 1024, 32));
    const big = { ...request('nodeA', 0, [change('persons', 'p-big', '01234', stamp(T0, 'nodeA', 9), { note: 'x'.repeat(200_000) })]) };
    const cases: [Promise<{ status: number; body: { error?: string } }>, number, string][] = [
      [postSync(app, credA, null, { raw: Buffer.from('{"v":1,') , gzip: false }), 400, 'MALFORMED'],
      [postSync(app, credA, null, { raw: Buffer.from('not gzip at all') }), 400, 'MALFORMED'],
      [postSync(app, credA, { v: 1, node: 'n', cursor: -1 }), 400, 'MALFORMED'],
      [postSync(app, credA, { v: 2, node: 'n', cursor: 0 }), 400, 'PROTOCOL_VERSION'],
      [postSync(app, credA, request('nodeA', 0, [change("persons'; DROP TABLE rows; --", 'x', '01234', stamp(T0, 'a'), {})])), 400, 'MALFORMED'],
      [postSync(app, credA, request('nodeA', 0, [change('persons', 'x', '01234', 'yesterday', {})])), 400, 'MALFORMED'],
      [postSync(app, credA, big, { gzip: false }), 413, 'TOO_LARGE'],
      [postSync(app, credA, null, { raw: bomb }), 413, 'TOO_LARGE'],
    ];
    for (const [p, status, code] of cases) {
      const res = await p;
      expect([res.status, res.body.error]).toEqual([status, code]);
    }
    const wrongType = await app.inject({ method: 'POST', url: '/v1/sync', headers: { 'content-type': 'text/plain', authorization: `Bearer ${credA}` }, payload: 'hi' });
    expect(wrongType.statusCode).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it('stores hostile text as text (parameterised queries only; COPY escapes tab, newline and backslash)', async () => {
    const text = "Robert'); DROP TABLE rows;-- \\ $1 ' \" \t cột\ndòng mới\r\n\\N\n\\.\n";
    const res = await postSync(app, credA, request('nodeA', 0, [change('persons', 'p-sql', '01234', stamp(T0 + 1, 'nodeA'), { owner_facility: '01234', deleted: 0, full_name: text })]));
    expect(res.status).toBe(200);
    const [row] = await db.query<{ vals: { full_name: string } }>("SELECT vals FROM rows WHERE row_id = 'p-sql'");
    expect(row!.vals.full_name).toBe(text);
  });

  it('admin routes need the administrator token', async () => {
    for (const auth of [undefined, 'Bearer sai', `Bearer ${credA}`]) {
      const res = await app.inject({ method: 'GET', url: '/admin/facilities', headers: auth ? { authorization: auth } : {} });
      expect(res.statusCode).toBe(403);
    }
    const ok = await app.inject({ method: 'POST', url: '/admin/facilities', headers: { authorization: 'Bearer quan-tri-bi-mat' }, payload: { code: '07777', name: 'Trạm Y tế xã Mới', level: 'station' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().credential).toMatch(/^TYTS1\.07777\./);
    const [f] = await db.query<{ parent: string }>("SELECT parent FROM facilities WHERE code = '07777'");
    expect(f!.parent).toBe('40100');
    const stored = await db.query<{ secret_hash: string }>("SELECT secret_hash FROM credentials WHERE facility = '07777'");
    expect(JSON.stringify(stored)).not.toContain(ok.json().credential.split('.')[3]);
  });
});
