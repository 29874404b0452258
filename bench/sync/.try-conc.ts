import path from 'node:path';
import { benchDatabase, startBenchHub } from './hub.js';
import { changesFrom } from './ingest.js';
import { measureConcurrent } from './concurrent.js';
import { cpuDuring } from './cpu.js';
const db = await benchDatabase();
const file = '/work/main/.cache/bench/sync-dev/station.sqlite';
const template = changesFrom(file, {}).slice(-297);
console.log(template.length);
const hub = await startBenchHub(db);
try {
  const { result, cpu } = await cpuDuring(hub.pid, () => measureConcurrent(hub, template, Number(process.argv[2] ?? 100)));
  console.log(result, cpu);
} finally { await hub.stop(); }
