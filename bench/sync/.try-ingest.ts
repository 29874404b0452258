import { benchDatabase } from './hub.js';
import { cachedStation } from './station.js';
import { measureIngest } from './ingest.js';
const db = await benchDatabase();
console.log(db.label);
const cache = cachedStation(10000, '1', process.env.STATION_DIR)!;
for (const batchSize of [5000, 1000]) {
  const f = await measureIngest(cache, db, { changes: Number(process.argv[2] ?? 50000), batchSize, profile: true });
  console.log(batchSize, f.changes, f.seconds.toFixed(2), f.rowsPerSecond.toFixed(0), f.cpu);
  for (const s of f.statements.slice(0, 8)) console.log(s.ms.toFixed(0).padStart(7), String(s.calls).padStart(5), s.sql);
}
