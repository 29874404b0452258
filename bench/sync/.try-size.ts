import zlib from 'node:zlib';
import Database from 'better-sqlite3';
const db = new Database('/work/main/.cache/bench/sync-10000-1/station.sqlite', { readonly: true });
const rows = db.prepare('SELECT table_name, row_id, hlc, owner_facility, fields FROM change_log WHERE seq > (SELECT max(seq) - 296 FROM change_log) ORDER BY seq').all() as any[];
const changes = rows.map((e) => { const raw = JSON.parse(e.fields); const f: any = {}; for (const [k, v] of Object.entries(raw)) if (k !== 'id' && k !== 'hlc') f[k] = v; return { t: e.table_name, id: e.row_id, o: e.owner_facility, h: e.hlc, f }; });
const req = JSON.stringify({ v: 1, node: '3dd98303dd4c28d9', cursor: 123456, push: { id: '3dd98303dd4c28d9:106383-106678', changes } });
console.log('raw', req.length, 'gzip6', zlib.gzipSync(req).length, 'gzip9', zlib.gzipSync(req, { level: 9 }).length, 'brotli', zlib.brotliCompressSync(req).length, 'deflateRaw9', zlib.deflateRawSync(req, {level:9}).length);
console.log(JSON.stringify(changes.slice(-8), null, 0).slice(0, 3000));
