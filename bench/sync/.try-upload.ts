import { benchDatabase, startBenchHub } from '/work/main/bench/sync/hub.js';
import { cachedStation } from '/work/main/bench/sync/station.js';
import { measureUpload } from '/work/main/bench/sync/upload.js';
const db = await benchDatabase();
console.log(db.label);
const hub = await startBenchHub(db);
try {
  const cache = cachedStation(Number(process.argv[2] ?? 10000), '1', process.env.STATION_DIR)!;
  const { figures, station } = await measureUpload(cache, hub, db, console.log);
  console.log(figures, (figures.changes / figures.seconds).toFixed(0), 'changes/s');
  station.close();
} finally { await hub.stop(); }
