import { benchDatabase, startBenchHub } from './hub.js';
import { cachedStation, configureSync } from './station.js';
import { measureUpload } from './upload.js';
import { dayOfWork } from './day.js';
import { linkProxy, syncOverLink } from './link.js';
import { measureCouch } from './couch.js';
const db = await benchDatabase();
console.log(db.label);
const hub = await startBenchHub(db);
try {
  const cache = cachedStation(10000, '1')!;
  const { figures, station } = await measureUpload(cache, hub, db, console.log);
  console.log(figures);
  const proxy = await linkProxy(Number(new URL(hub.url).port));
  const state = station.backend.station.sqlite.prepare("SELECT value FROM meta WHERE key='sync.credential'").pluck().get() as string;
  await configureSync(station, proxy.url, state);
  console.log('empty', await syncOverLink(station, proxy));
  const day = await dayOfWork(station);
  console.log(day);
  console.log('day', await syncOverLink(station, proxy));
  console.log('empty', await syncOverLink(station, proxy));
  await proxy.close();
  console.log('couch', await measureCouch(station.backend.station.sqlite, day));
  station.close();
} finally { await hub.stop(); }
