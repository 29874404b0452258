import zlib from 'node:zlib';
import { changesFrom } from './ingest.js';
import { syncRequestSchema } from '../../shared/sync/protocol.js';
const changes = changesFrom('/work/main/.cache/bench/100000-1/station.sqlite', { limit: 5000 });
const req = { v: 1, node: 'abcdef0123456789', cursor: 0, push: { id: 'x:1-1000', changes } };
const text = JSON.stringify(req);
const gz = zlib.gzipSync(text);
for (let r = 0; r < 3; r++) {
  let t = performance.now(); const g = zlib.gunzipSync(gz); const tg = performance.now() - t;
  t = performance.now(); const parsed = JSON.parse(g.toString('utf8')); const tp = performance.now() - t;
  t = performance.now(); const z = syncRequestSchema.safeParse(parsed); const tz = performance.now() - t;
  t = performance.now(); const out = JSON.stringify(parsed); const ts = performance.now() - t;
  t = performance.now(); zlib.gzipSync(text); const tgz = performance.now() - t;
  t = performance.now(); zlib.gzipSync(text, { level: 1 }); const tgz1 = performance.now() - t;
  console.log({ bytes: text.length, gz: gz.length, gunzip: tg.toFixed(1), parse: tp.toFixed(1), zod: tz.toFixed(1), ok: z.success, stringify: ts.toFixed(1), gzip6: tgz.toFixed(1), gzip1: tgz1.toFixed(1) });
}
