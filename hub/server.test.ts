import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './hub.js';
import { buildHubServer } from './server.js';
import { TestDatabases } from './testing/databases.js';
import { enroll, openTestHub } from './testing/hubs.js';
import { change, postSync, request, stamp } from './testing/wire.js';

const T0 = Date.parse('2026-03-15T08:00:00Z');

/** Sync answers on the wire: an acknowledgement or an empty pull goes as it is; a page of rows is gzip-compressed. */
describe('sync answers', () => {
  const dbs = new TestDatabases('pglite');
  let hub: Hub;
  let app: FastifyInstance;
  let station: string;
  let other: string;
  beforeAll(async () => {
    ({ hub } = await openTestHub(await dbs.open(), '40100', 'district', '40000'));
    station = await enroll(hub, '01234');
    other = await enroll(hub, '01235');
    app = await buildHubServer({ hub, adminToken: 'quan-tri-bi-mat' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await dbs.close();
  });

  it('are plain when small and gzip when large, and read the same either way', async () => {
    const persons = Array.from({ length: 40 }, (_, i) => change('persons', `p-${i}`, '01234', stamp(T0 + i, 'nodeA'), { owner_facility: '01234', deleted: 0, full_name: `Lò Thị Người ${i}` }));
    const push = await postSync(app, station, request('nodeA', 0, persons));
    expect([push.status, push.body.ack?.accepted, push.encoding]).toEqual([200, 40, null]);
    expect(push.bytes).toBeLessThan(1024);
    // Another device of the same station restoring: a page of 40 rows.
    const page = await postSync(app, station, request('nodeB', 0));
    expect([page.status, page.body.rows.length, page.encoding]).toEqual([200, 40, 'gzip']);
    expect(page.body.rows.map((r) => r.f.full_name)).toContain('Lò Thị Người 39');
    const empty = await postSync(app, other, request('nodeC', 0));
    expect([empty.status, empty.body.rows.length, empty.encoding]).toEqual([200, 0, null]);
  });
});
