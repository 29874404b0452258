import http from 'node:http';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import type { FaultProxy } from '../../hub/testing/fault-proxy.js';
import type { DayOfWork } from './day.js';
import { linkProxy, RURAL_LINK } from './link.js';

/**
 * The same day's work replicated the CouchDB way, for the bytes-on-the-wire comparison of issue 6 §6: PouchDB
 * (pouchdb-core + memory adapter + http adapter + replication) pushes to express-pouchdb on an in-memory PouchDB,
 * through the same emulated link. One document per row (`<table>:<id>`, the row's columns as the station stores
 * them, like our wire format); each change-log entry of the day is one revision of its document.
 *
 * Fair start: the target already holds every document the day touches in its state before the day (replicated
 * first, unmeasured), and the replication checkpoint is in place, so only the day's changes are measured. Documents
 * the day does not touch are left out of both sides: CouchDB replication from a checkpoint reads the changes feed
 * after it and asks `_revs_diff` only about changed documents, so untouched ones cost no bytes.
 */
export interface CouchFigures {
  docs: number;
  revisions: number;
  seconds: number;
  bytesUp: number;
  bytesDown: number;
  /** HTTP requests seen as request/answer turns by the proxy, and TCP connections opened. */
  turns: number;
  connections: number;
  docsWritten: number;
}

interface PouchDb {
  bulkDocs(docs: object[], opts?: object): Promise<unknown>;
  get(id: string): Promise<Record<string, unknown> & { _rev: string }>;
  put(doc: object): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  replicate: { to(url: string, opts?: object): Promise<{ ok: boolean; docs_written: number }> };
  destroy(): Promise<unknown>;
}
type PouchStatic = {
  new (name: string, opts?: object): PouchDb;
  plugin(p: unknown): PouchStatic;
  defaults(o: object): PouchStatic;
};

const require = createRequire(import.meta.url);

function pouch(): PouchStatic {
  return (require('pouchdb-core') as PouchStatic).plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-replication'));
}

type Fields = Record<string, unknown>;

/** A row's columns as a document (id and hlc are the document's identity and revision there). */
function toDoc(fields: Fields): Fields {
  const { id: _id, hlc: _hlc, ...rest } = fields;
  return rest;
}

export async function measureCouch(sqlite: Database.Database, day: DayOfWork): Promise<CouchFigures> {
  const entries = sqlite.prepare('SELECT table_name, row_id, fields FROM change_log WHERE seq > ? AND seq <= ? ORDER BY seq').all(day.fromSeq, day.toSeq) as {
    table_name: string;
    row_id: string;
    fields: string;
  }[];
  const touched = new Map<string, { table: string; id: string }>();
  for (const e of entries) touched.set(`${e.table_name}:${e.row_id}`, { table: e.table_name, id: e.row_id });
  // Each touched row before the day: its earlier change-log entries folded together.
  const history = sqlite.prepare('SELECT fields FROM change_log WHERE table_name = ? AND row_id = ? AND seq <= ? ORDER BY seq');
  const baseline: Fields[] = [];
  for (const [docId, { table, id }] of touched) {
    const before = history.all(table, id, day.fromSeq) as { fields: string }[];
    if (before.length === 0) continue;
    baseline.push({ _id: docId, ...toDoc(Object.assign({}, ...before.map((b) => JSON.parse(b.fields) as Fields))) });
  }

  const PouchDB = pouch();
  const expressPouch = require('express-pouchdb') as (p: PouchStatic, o: object) => http.RequestListener;
  const server = http.createServer(expressPouch(PouchDB.defaults({ adapter: 'memory' }), { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let proxy: FaultProxy | null = null;
  const source = new PouchDB(`source-${Date.now()}`, { adapter: 'memory' });
  try {
    proxy = await linkProxy((server.address() as { port: number }).port);
    const target = `${proxy.url}/station`;
    proxy.shape(null);
    if (baseline.length > 0) await source.bulkDocs(baseline);
    await source.replicate.to(target);

    for (const e of entries) {
      const docId = `${e.table_name}:${e.row_id}`;
      const fields = toDoc(JSON.parse(e.fields) as Fields);
      const current = await source.get(docId).catch(() => null);
      await source.put(current ? { ...current, ...fields } : { _id: docId, ...fields });
    }
    proxy.shape(RURAL_LINK);
    proxy.resetStats();
    const t0 = performance.now();
    const result = await source.replicate.to(target);
    const seconds = (performance.now() - t0) / 1000;
    return {
      docs: touched.size,
      revisions: entries.length,
      seconds,
      bytesUp: proxy.stats.bytesUp,
      bytesDown: proxy.stats.bytesDown,
      turns: proxy.stats.turns,
      connections: proxy.stats.connections,
      docsWritten: result.docs_written,
    };
  } finally {
    await source.destroy().catch(() => undefined);
    await proxy?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
