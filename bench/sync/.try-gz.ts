import zlib from 'node:zlib';
import { changesFrom } from './ingest.js';
for (const n of [300, 1000, 5000]) {
  const changes = changesFrom('/work/main/.cache/bench/sync-prof/station.sqlite', { limit: n, fromSeq: 50000 });
  const text = JSON.stringify({ v: 1, node: 'abcdef0123456789', cursor: 0, push: { id: 'x:1-1000', changes } });
  const out: string[] = [`${n} changes raw ${text.length}`];
  for (const level of [1, 4, 6, 9]) {
    let best = 1e9; let size = 0;
    for (let r = 0; r < 5; r++) { const t = performance.now(); size = zlib.gzipSync(text, { level }).length; best = Math.min(best, performance.now() - t); }
    out.push(`L${level}: ${size} B ${best.toFixed(1)} ms`);
  }
  console.log(out.join(' | '));
}
