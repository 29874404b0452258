import crypto from 'node:crypto';
import pg from 'pg';
import { openHubDb, type HubDb } from '../../hub/db.js';
import { Hub } from '../../hub/hub.js';
import { silentLogger } from '../../hub/log.js';
import { issueCredential, registerFacility } from '../../hub/facilities.js';
import { changesFrom } from './ingest.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
const url = 'postgres://hub:hub@127.0.0.1:5432/hub_test';
const schema = `e_${crypto.randomBytes(4).toString('hex')}`;
const raw = await openHubDb({ databaseUrl: url, schema });
let captured: { text: string; params: unknown[] } | null = null;
let capture = false;
const db: HubDb = { ...raw, tx: (fn) => raw.tx((q) => fn({ query: async (t, p) => { if (capture && t.includes('MATERIALIZED')) { captured = { text: t, params: p! }; throw new Error('captured'); } return q.query(t, p); } })) };
const hub = await Hub.open(db, { code: '38000', name: 'SYT', level: 'province', parent: null }, silentLogger);
await db.tx(async (q) => { await registerFacility(q, { code: '38150', name: 'x', level: 'station', parent: '38000' }); await issueCredential(q, '38150', null); });
const base = changesFrom('/work/main/.cache/bench/10000-1/station.sqlite', { limit: 45000 });
for (let i = 0; i < 40000; i += 5000) await hub.sync('38150', { v: PROTOCOL_VERSION, node: 'st38150', cursor: 0, pull: false, push: { id: `st:${i}`, changes: base.slice(i, i + 5000) } });
capture = true;
await hub.sync('38150', { v: PROTOCOL_VERSION, node: 'st38150', cursor: 0, pull: false, push: { id: `st:x`, changes: base.slice(40000, 45000) } }).catch(() => undefined);
const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` }); await c.connect();
const cap = captured!;
console.log('payload bytes', (cap.params[0] as string).length, (cap.params[2] as string).length);
const variants: [string, string[]][] = [
  ['all indexes', []],
  ['no rows_owner_seq', ['DROP INDEX rows_owner_seq']],
  ['no rows_subject', ['DROP INDEX rows_subject']],
  ['no rows_seq', ['DROP INDEX rows_seq']],
  ['no versions unique', ['ALTER TABLE versions DROP CONSTRAINT versions_table_name_row_id_hlc_key']],
  ['versions unique hlc first', ['ALTER TABLE versions DROP CONSTRAINT versions_table_name_row_id_hlc_key', 'CREATE UNIQUE INDEX vx ON versions (hlc, table_name, row_id)']],
  ['all indexes again', []],
];
const best = new Map<string, number[]>();
for (let r = 0; r < 8; r++) for (const [name, ddl] of variants) {
  await c.query('BEGIN');
  for (const d of ddl) await c.query(d);
  const text = ddl.some((d) => d.includes('versions') && !ddl.some((x) => x.includes('vx'))) ? cap.text.replace('ON CONFLICT (table_name, row_id, hlc) DO NOTHING', '') : cap.text;
  const res = await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, cap.params);
  const plan = (res.rows[0] as any)['QUERY PLAN'][0];
  const total = plan['Execution Time'];
  const versions = plan.Plan.Plans.find((p: any) => p['Subplan Name'] === 'CTE stored')?.['Actual Total Time'];
  const b = best.get(name) ?? [1e9, 1e9];
  best.set(name, [Math.min(b[0]!, total), Math.min(b[1]!, versions)]);
  await c.query('ROLLBACK');
}
for (const [k, [t, v]] of best) console.log(k.padEnd(24), t!.toFixed(0), 'versions', v!.toFixed(0));
process.exit(0);
// parse-only costs
await c.query('BEGIN');
let t = performance.now(); await c.query(`SELECT count(*) FROM jsonb_to_recordset($1::jsonb) AS x(n int, t text, id text, o text, h text, f jsonb)`, [cap.params[4]]); console.log('parse versions', performance.now() - t);
t = performance.now(); await c.query(`SELECT count(*) FROM jsonb_to_recordset($1::jsonb) AS x(table_name text, meta jsonb, vals jsonb)`, [cap.params[5]]); console.log('parse rows', performance.now() - t);
t = performance.now(); await c.query(`SELECT length($1::text)`, [cap.params[4]]); console.log('send text', performance.now() - t);
await c.query('ROLLBACK');
await c.end(); await raw.close();
const d = new pg.Client({ connectionString: url }); await d.connect(); await d.query(`DROP SCHEMA ${schema} CASCADE`); await d.end();
