import { benchDatabase } from './hub.js';
import { cachedStation } from './station.js';
import { changesFrom, openBenchHubDb } from './ingest.js';
import { commandCpuSeconds } from './cpu.js';
import { Hub } from '../../hub/hub.js';
import { silentLogger } from '../../hub/log.js';
import { issueCredential, registerFacility } from '../../hub/facilities.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
import path from 'node:path';
const db = await benchDatabase();
const cache = cachedStation(10000, '1', process.env.STATION_DIR)!;
const changes = changesFrom(path.join(cache.dir, 'station.sqlite'), { limit: 30000 });
const variants: Record<string, string[]> = { base: [], noOwnerSeq: ['DROP INDEX rows_owner_seq'], noSeq: ['DROP INDEX rows_seq'], noSubject: ['DROP INDEX rows_subject'], noVersionsUnique: ['DROP INDEX versions_change'] };
const res: Record<string, number[]> = {};
for (let r = 0; r < 3; r++) for (const [name, ddl] of Object.entries(variants)) {
  const { db: hubDb, drop } = await openBenchHubDb(db);
  const hub = await Hub.open(hubDb, { code: '38000', name: 'x', level: 'province', parent: null }, silentLogger);
  for (const d of ddl) await hubDb.query(d);
  if (name === 'noVersionsUnique') await hubDb.query('CREATE INDEX vx ON versions (hlc)');
  await hubDb.tx(async (q) => { await registerFacility(q, { code: cache.facility.code, name: 'x', level: 'station', parent: '38000' }); await issueCredential(q, cache.facility.code, null); });
  const own = process.cpuUsage(); const pg0 = commandCpuSeconds('postgres')!; const t0 = performance.now();
  for (let i = 0; i < changes.length; i += 5000) {
    try { await hub.sync(cache.facility.code, { v: PROTOCOL_VERSION, node: 'n1', cursor: 0, pull: false, push: { id: `n1:${i}`, changes: changes.slice(i, i + 5000) } }); } catch (e) { console.log(name, (e as Error).message); break; }
  }
  const wall = performance.now() - t0; const d = process.cpuUsage(own); const pg = commandCpuSeconds('postgres')! - pg0;
  (res[name] ??= []).push(pg);
  console.log(name.padEnd(18), 'wall', wall.toFixed(0), 'hub', ((d.user + d.system) / 1000).toFixed(0), 'pg', (pg * 1000).toFixed(0));
  await drop();
}
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(18), 'pg cpu min', (Math.min(...v) * 1000).toFixed(0));
