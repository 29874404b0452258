import crypto from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPglite, openHubDb, type HubDb, type Sql } from '../../hub/db.js';
import { issueCredential, registerFacility } from '../../hub/facilities.js';
import { Hub } from '../../hub/hub.js';
import { silentLogger } from '../../hub/log.js';
import { DB_FILE_NAME } from '../../main/core/station.js';
import { PROTOCOL_VERSION, type Scalar, type SyncRequest, type WireChange } from '../../shared/sync/protocol.js';
import { commandCpuSeconds } from './cpu.js';
import { asStation } from './concurrent.js';
import type { BenchDatabase } from './hub.js';
import type { CachedStation } from './station.js';

/**
 * Hub ingest rate: the hub's own code (`Hub.sync` with a pushed batch and no pull: authorisation, per-field merge,
 * current rows, sequence numbers, scope, the batch logged) on the benchmark database, in this process — no HTTP, no
 * zod — fed with the change-log entries of a generated station (real row shapes and sizes), in batches of
 * the protocol's largest size (5,000) and of the size a station sends (1,000).
 */
export interface IngestFigures {
  batchSize: number;
  /** Stations pushing at once (1: one stream of batches). */
  stations: number;
  changes: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU seconds of the hub code (this process) and of PostgreSQL (all its processes) during the ingest. */
  cpu: { hub: number; postgres: number | null };
  /** Per statement (first 70 characters): total ms and calls, when profiling. */
  statements: { sql: string; ms: number; calls: number }[];
}

/** Change-log entries as a station pushes them (fields without id and hlc), from a station database file. */
export function changesFrom(file: string, where: { fromSeq?: number; toSeq?: number; limit?: number }): WireChange[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT table_name, row_id, hlc, owner_facility, fields FROM change_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?')
      .all(where.fromSeq ?? 0, where.toSeq ?? Number.MAX_SAFE_INTEGER, where.limit ?? -1) as { table_name: string; row_id: string; hlc: string; owner_facility: string; fields: string }[];
    return rows.map((e) => {
      const raw = JSON.parse(e.fields) as Record<string, unknown>;
      const f: Record<string, Scalar> = {};
      for (const [k, v] of Object.entries(raw)) if (k !== 'id' && k !== 'hlc') f[k] = v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as Scalar);
      return { t: e.table_name, id: e.row_id, o: e.owner_facility, h: e.hlc, f };
    });
  } finally {
    db.close();
  }
}

export const stationChanges = (cache: CachedStation, limit: number): WireChange[] => changesFrom(path.join(cache.dir, DB_FILE_NAME), { limit });

/** A fresh hub database in this process: a new schema on the PostgreSQL server, or an in-memory PGlite. */
export async function openBenchHubDb(db: BenchDatabase): Promise<{ db: HubDb; drop: () => Promise<void> }> {
  if (!db.usePg) {
    const lite = await createPglite();
    const hubDb = await openHubDb({ pglite: lite });
    return { db: hubDb, drop: () => lite.close() };
  }
  const schema = `bench_${crypto.randomBytes(5).toString('hex')}`;
  const hubDb = await openHubDb({ databaseUrl: db.url!, schema });
  return {
    db: hubDb,
    drop: async () => {
      await hubDb.close();
      const c = new pg.Client({ connectionString: db.url! });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Wraps a hub database so every statement's time is summed by its first 70 characters. */
export function timedDb(db: HubDb): { db: HubDb; report: () => IngestFigures['statements'] } {
  const times = new Map<string, { ms: number; calls: number }>();
  const timed =
    (q: Sql) =>
    async <T>(text: string, params?: unknown[]): Promise<T[]> => {
      const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
      const t0 = performance.now();
      try {
        return await q.query<T>(text, params);
      } finally {
        const e = times.get(key) ?? { ms: 0, calls: 0 };
        e.ms += performance.now() - t0;
        e.calls++;
        times.set(key, e);
      }
    };
  const wrapped: HubDb = { ...db, query: timed(db), tx: (fn) => db.tx((q) => fn({ query: timed(q) })) };
  return { db: wrapped, report: () => [...times].map(([sql, e]) => ({ sql, ...e })).sort((a, b) => b.ms - a.ms) };
}

/**
 * `batchSize` changes per push, two in flight at a time (one station's stream, pipelined as the station client
 * does); with `stations`, that many stations' streams (the same entries under each station's identity, see
 * concurrent.ts) at once, and the hub ingests waiting pushes in groups.
 */
export async function measureIngest(cache: CachedStation, bench: BenchDatabase, opts: { changes: number; batchSize: number; stations?: number; profile?: boolean }): Promise<IngestFigures> {
  const changes = stationChanges(cache, opts.changes);
  const { db: raw, drop } = await openBenchHubDb(bench);
  try {
    const { db, report } = opts.profile ? timedDb(raw) : { db: raw, report: () => [] };
    const hub = await Hub.open(db, { code: '38000', name: 'Sở Y tế (benchmark)', level: 'province', parent: null }, silentLogger);
    const codes = opts.stations ? Array.from({ length: opts.stations }, (_, i) => String(70000 + i)) : [cache.facility.code];
    await db.tx(async (q) => {
      for (const code of codes) {
        await registerFacility(q, { code, name: `Trạm ${code}`, level: 'station', parent: '38000' });
        await issueCredential(q, code, null);
      }
    });
    // Each station pushes its share of the entries under its own identity (owner, node, row ids).
    const share = Math.ceil(changes.length / codes.length);
    const streams = codes.map((code, k) => {
      const node = `bench${code}`;
      const mine = changes.slice(k * share, (k + 1) * share);
      const own = opts.stations ? asStation(mine, code, node) : mine;
      // Each push's request body, gzip-compressed as the station sends it (by the station's CPU, before the clock
      // starts): the hub logs it as it came (hub/received.ts).
      const requests = [];
      for (let i = 0; i < own.length; i += opts.batchSize) {
        const req: SyncRequest = { v: PROTOCOL_VERSION, node, cursor: 0, pull: false, push: { id: `${node}:${i + 1}-${Math.min(own.length, i + opts.batchSize)}`, changes: own.slice(i, i + opts.batchSize) } };
        requests.push({ req, body: zlib.gzipSync(JSON.stringify(req), { level: 6 }) });
      }
      return { code, requests };
    });
    const t0 = performance.now();
    const own = process.cpuUsage();
    const pg0 = bench.usePg ? commandCpuSeconds('postgres') : null;
    // Each station keeps two pushes in flight, as the station client does with a long backlog (docs/sync.md,
    // "Pipelining"): the hub merges the next batch while the previous one is written.
    await Promise.all(
      streams.map(async ({ code, requests }) => {
        const push = async (k: number) => {
          const res = await hub.sync(code, requests[k]!.req, requests[k]!.body);
          if (res.ack?.rejected.length) throw new Error(`ingest refused ${res.ack.rejected.length} changes`);
        };
        let previous: Promise<void> = Promise.resolve();
        for (let k = 0; k < requests.length; k++) {
          const current = push(k);
          await previous;
          previous = current;
        }
        await previous;
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const d = process.cpuUsage(own);
    const pg1 = bench.usePg ? commandCpuSeconds('postgres') : null;
    const cpu = { hub: (d.user + d.system) / 1e6, postgres: pg0 !== null && pg1 !== null ? pg1 - pg0 : null };
    return { batchSize: opts.batchSize, stations: codes.length, changes: changes.length, seconds, rowsPerSecond: changes.length / seconds, cpu, statements: report() };
  } finally {
    await drop();
  }
}
