import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME } from '../../main/core/station.js';
import { withStatus, type BenchResult } from '../harness/report.js';
import { measureConcurrent, type ConcurrentFigures } from '../sync/concurrent.js';
import { measureCouch, type CouchFigures } from '../sync/couch.js';
import { dayOfWork, type DayOfWork } from '../sync/day.js';
import { benchDatabase, settleHubDatabase, startBenchHub, type BenchDatabase } from '../sync/hub.js';
import { changesFrom, measureIngest, type IngestFigures } from '../sync/ingest.js';
import { linkProxy, RURAL_LINK_TEXT, syncOverLink, type LinkFigures } from '../sync/link.js';
import { cachedStation, configureSync, snapshotStation } from '../sync/station.js';
import { measureUpload, type UploadFigures } from '../sync/upload.js';

/**
 * The sync benchmarks of issue 6 §6 (docs/benchmarks.md, "Sync"), in the order a hub sees them: a station's
 * initial upload, then that station's day's work over an emulated rural link (and an empty sync), the same day
 * replicated CouchDB-style for the bytes on the wire, the hub's raw ingest rate, and 100 stations syncing at once.
 */
export const SYNC_BUDGETS = {
  uploadSeconds: 180,
  daySeconds: 10,
  dayRoundTrips: 2,
  emptyRoundTrips: 1,
  emptyBytes: 1023,
  couchRatio: 0.1,
  ingestRowsPerSecond: 10_000,
  concurrentP95Ms: 2000,
} as const;

export interface SyncRunFigures {
  database: string;
  /** The generated station's counts (seed.json) at the time of the run. */
  counts: Record<string, number>;
  upload: UploadFigures;
  day: DayOfWork;
  dayLink: LinkFigures;
  emptyLink: LinkFigures;
  couch: CouchFigures;
  ingest: IngestFigures[];
  concurrent: ConcurrentFigures & { settled: string };
}

export interface SyncOptions {
  persons: number;
  seed: string;
  quick: boolean;
  stations?: number;
  /** A generated station folder to use instead of .cache/bench/<persons>-<seed>. */
  stationDir?: string;
  log?: (m: string) => void;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runSyncBenchmarks(opts: SyncOptions): Promise<{ results: BenchResult[]; notes: string[]; figures: SyncRunFigures }> {
  const log = opts.log ?? ((m: string) => console.log(`[sync] ${m}`));
  const cached = cachedStation(opts.persons, opts.seed, opts.stationDir);
  if (!cached) throw new Error(`no generated ${opts.persons}-person station in .cache/bench: run \`npm run bench\` (or npm run seed) first`);
  const cache = snapshotStation(cached);
  const db: BenchDatabase = await benchDatabase();
  log(`hub database: ${db.label}`);
  const hub = await startBenchHub(db);
  try {
    // 1. Initial upload, loopback.
    const { figures: upload, station } = await measureUpload(cache, hub, db, log);
    log(`upload: ${upload.changes.toLocaleString('en-US')} changes in ${upload.seconds.toFixed(1)} s${upload.error ? ` (${upload.error})` : ''}`);
    try {
      // 2. A day's work over the rural link, then an empty sync.
      const proxy = await linkProxy(Number(new URL(hub.url).port));
      let day: DayOfWork;
      let dayLink: LinkFigures;
      let emptyLink: LinkFigures;
      try {
        const credential = station.backend.station.sqlite.prepare("SELECT value FROM meta WHERE key = 'sync.credential'").pluck().get() as string;
        await configureSync(station, proxy.url, credential);
        day = await dayOfWork(station);
        log(`day's work: ${day.changes} changed rows (${day.summary})`);
        dayLink = await syncOverLink(station, proxy);
        emptyLink = await syncOverLink(station, proxy);
        log(`over the link: day ${dayLink.seconds.toFixed(1)} s, ${kb(dayLink.bytesUp + dayLink.bytesDown)}; empty ${emptyLink.bytesUp + emptyLink.bytesDown} B`);
      } finally {
        await proxy.close();
      }
      // 3. The same day, CouchDB-style.
      const couch = await measureCouch(station.backend.station.sqlite, day);
      log(`CouchDB replication: ${kb(couch.bytesUp + couch.bytesDown)} in ${couch.seconds.toFixed(1)} s, ${couch.turns} requests`);
      const template = changesFrom(path.join(station.dir, DB_FILE_NAME), { fromSeq: day.fromSeq, toSeq: day.toSeq });
      station.close();

      // 4. Ingest rate, in process, on a fresh schema.
      const ingestChanges = 50_000;
      const ingest: IngestFigures[] = [];
      for (const stations of [0, 10]) {
        const f = await measureIngest(cache, db, { changes: ingestChanges, batchSize: 5000, stations });
        ingest.push(f);
        log(`ingest, batches of 5,000 from ${f.stations} station(s): ${f.rowsPerSecond.toFixed(0)} rows/s`);
      }
      // 5. Many stations at once, on the hub that holds the uploaded station.
      const settled = await settleHubDatabase(db, hub);
      log(settled);
      const concurrent = { ...(await measureConcurrent(hub, template, opts.stations ?? 100)), settled };
      log(`${concurrent.stations} stations at once: p95 ${concurrent.latency.p95.toFixed(0)} ms${concurrent.failures.length ? `, ${concurrent.failures.length} failed` : ''}`);

      const figures: SyncRunFigures = { database: db.label, counts: cache.counts, upload, day, dayLink, emptyLink, couch, ingest, concurrent };
      return { results: toResults(figures, opts.persons), notes: [syncNote(figures)], figures };
    } catch (e) {
      station.close();
      throw e;
    }
  } finally {
    await hub.stop();
    fs.rmSync(cache.dir, { recursive: true, force: true });
  }
}

function toResults(f: SyncRunFigures, persons: number): BenchResult[] {
  const { upload, dayLink, emptyLink, couch, concurrent } = f;
  const ours = dayLink.bytesUp + dayLink.bytesDown;
  const theirs = couch.bytesUp + couch.bytesDown;
  const db = f.database.startsWith('PostgreSQL') ? 'PostgreSQL' : 'PGlite';
  const cpu = upload.cpu;
  const best = f.ingest.reduce((a, b) => (b.rowsPerSecond > a.rowsPerSecond ? b : a));
  return [
    withStatus({
      id: 'sync-upload',
      title: 'Sync: initial upload of the station to a hub (loopback)',
      persons,
      level: 'http',
      unit: 's',
      value: upload.seconds,
      budget: { metric: 'value', limit: SYNC_BUDGETS.uploadSeconds, persons: 100_000 },
      ...(upload.ok ? {} : { status: 'FAIL' as const }),
      note: `${upload.changes.toLocaleString('en-US')} rows changed (${upload.hubRows?.toLocaleString('en-US') ?? '?'} rows at the hub), ${(upload.bytesUp / 1024 ** 2).toFixed(1)} MB up, ${(upload.changes / upload.seconds).toFixed(0)} rows/s, ${upload.roundTrips} round trips, ${db}; CPU s station ${cpu.station.toFixed(0)} / hub ${cpu.hub?.toFixed(0) ?? '?'} / PostgreSQL ${cpu.postgres?.toFixed(0) ?? '?'}${upload.error ? `; ${upload.error}` : ''}`,
    }),
    withStatus({
      id: 'sync-day-link',
      title: `Sync: a day's work (${f.day.changes} rows) over ${RURAL_LINK_TEXT}`,
      persons,
      level: 'http',
      unit: 's',
      value: dayLink.seconds,
      budget: { metric: 'value', limit: SYNC_BUDGETS.daySeconds, persons },
      ...(dayLink.ok && dayLink.pushed === f.day.changes ? {} : { status: 'FAIL' as const }),
      note: `${kb(dayLink.bytesUp)} up, ${kb(dayLink.bytesDown)} down on the wire; ${dayLink.connections} TCP connection${dayLink.error ? `; ${dayLink.error}` : ''}`,
    }),
    withStatus({ id: 'sync-day-rt', title: "Sync: a day's work, HTTP round trips", persons, level: 'http', unit: 'count', value: dayLink.roundTrips, budget: { metric: 'value', limit: SYNC_BUDGETS.dayRoundTrips, persons } }),
    withStatus({
      id: 'sync-empty-rt',
      title: 'Sync: empty sync, HTTP round trips',
      persons,
      level: 'http',
      unit: 'count',
      value: emptyLink.roundTrips,
      budget: { metric: 'value', limit: SYNC_BUDGETS.emptyRoundTrips, persons },
      note: `${emptyLink.seconds.toFixed(2)} s over the link (with the TCP handshake)`,
    }),
    withStatus({
      id: 'sync-empty-bytes',
      title: 'Sync: empty sync, bytes on the wire (both ways, headers included)',
      persons,
      level: 'http',
      unit: 'B',
      value: emptyLink.bytesUp + emptyLink.bytesDown,
      budget: { metric: 'value', limit: SYNC_BUDGETS.emptyBytes, persons },
      note: `${emptyLink.bytesUp} B up, ${emptyLink.bytesDown} B down`,
    }),
    withStatus({
      id: 'sync-vs-couch',
      title: "Sync: day's work bytes ÷ CouchDB replication of the same changes",
      persons,
      level: 'http',
      unit: 'ratio',
      value: ours / theirs,
      budget: { metric: 'value', limit: SYNC_BUDGETS.couchRatio, persons },
      note: `ours ${kb(ours)} in ${dayLink.roundTrips} round trip(s), ${dayLink.seconds.toFixed(1)} s; PouchDB → express-pouchdb ${kb(theirs)} in ${couch.turns} requests, ${couch.connections} connections, ${couch.seconds.toFixed(1)} s (×${(theirs / ours).toFixed(1)})`,
    }),
    withStatus({
      id: 'sync-ingest',
      title: 'Hub ingest into the database (Hub.sync, in process)',
      persons,
      level: 'sql',
      unit: 'rows/s',
      value: best.rowsPerSecond,
      budget: { metric: 'value', limit: SYNC_BUDGETS.ingestRowsPerSecond, persons, atLeast: true },
      note: `${db}; ${best.changes.toLocaleString('en-US')} change-log entries in batches of 5,000: ${f.ingest.map((i) => `${i.stations === 1 ? 'one station, two batches in flight' : `${i.stations} stations at once`} ${i.rowsPerSecond.toFixed(0)} rows/s (CPU s hub ${i.cpu.hub.toFixed(1)}, PostgreSQL ${i.cpu.postgres?.toFixed(1) ?? '?'})`).join('; ')}`,
    }),
    withStatus({
      id: 'sync-concurrent',
      title: `Sync: ${concurrent.stations} stations at once, ${concurrent.rowsPerStation} rows each`,
      persons,
      level: 'http',
      unit: 'ms',
      stats: concurrent.latency,
      budget: { metric: 'p95', limit: SYNC_BUDGETS.concurrentP95Ms, persons },
      ...(concurrent.failures.length ? { status: 'FAIL' as const } : {}),
      note: `all done in ${concurrent.wall.toFixed(1)} s (${concurrent.hubRowsPerSecond.toFixed(0)} rows/s through the hub); ${concurrent.settled}${concurrent.failures.length ? `; failed: ${concurrent.failures.slice(0, 3).join(', ')}` : ''}`,
    }),
  ];
}

/** The detail docs/benchmarks.md keeps next to the table. */
export function syncNote(f: SyncRunFigures): string {
  const ours = f.dayLink.bytesUp + f.dayLink.bytesDown;
  const theirs = f.couch.bytesUp + f.couch.bytesDown;
  const lines = [
    `**Sync** — hub on ${f.database}; link ${RURAL_LINK_TEXT} emulated by hub/testing/fault-proxy.ts (a TCP handshake costs a round trip). The day: ${f.day.summary}.`,
    '',
    '| day\'s work | rows / docs | bytes up | bytes down | total | HTTP requests | TCP connections | time |',
    '|---|---|---|---|---|---|---|---|',
    `| this protocol (POST /v1/sync, gzip JSON) | ${f.day.changes} rows | ${kb(f.dayLink.bytesUp)} | ${kb(f.dayLink.bytesDown)} | ${kb(ours)} | ${f.dayLink.roundTrips} | ${f.dayLink.connections} | ${f.dayLink.seconds.toFixed(1)} s |`,
    `| CouchDB replication (PouchDB → express-pouchdb) | ${f.couch.docs} docs, ${f.couch.revisions} revisions | ${kb(f.couch.bytesUp)} | ${kb(f.couch.bytesDown)} | ${kb(theirs)} | ${f.couch.turns} | ${f.couch.connections} | ${f.couch.seconds.toFixed(1)} s |`,
    `| ratio (ours ÷ CouchDB) | | ${(f.dayLink.bytesUp / f.couch.bytesUp).toFixed(3)} | ${(f.dayLink.bytesDown / f.couch.bytesDown).toFixed(3)} | ${(ours / theirs).toFixed(3)} | ${(f.dayLink.roundTrips / f.couch.turns).toFixed(2)} | | ${(f.dayLink.seconds / f.couch.seconds).toFixed(2)} |`,
    '',
    `Empty sync: ${f.emptyLink.roundTrips} round trip, ${f.emptyLink.bytesUp} B up + ${f.emptyLink.bytesDown} B down, ${f.emptyLink.seconds.toFixed(2)} s over the link.`,
  ];
  return lines.join('\n');
}
