import { fieldMeta, type FieldMeta, type RowState } from '../shared/sync/merge.js';
import type { Scalar } from '../shared/sync/protocol.js';
import type { Sql } from './db.js';

/** A row of the hub's `rows` table (current state of one synced row). */
export interface HubRow {
  table: string;
  id: string;
  owner: string;
  kind: string;
  subject: string | null;
  residentOf: string | null;
  state: RowState;
  hlc: string;
  seq: number;
  scopeSeq: number;
}

interface DbRow {
  table_name: string;
  row_id: string;
  owner: string;
  kind: string;
  subject: string | null;
  resident_of: string | null;
  vals: Record<string, Scalar>;
  meta: Record<string, FieldMeta>;
  hlc: string;
  seq: number;
  scope_seq: number;
}

export const ROW_COLUMNS = 'table_name, row_id, owner, kind, subject, resident_of, vals, meta, hlc, seq, scope_seq';

export const keyOf = (table: string, id: string) => `${table}\u0000${id}`;

export function fromDb(r: DbRow): HubRow {
  return {
    table: r.table_name,
    id: r.row_id,
    owner: r.owner,
    kind: r.kind,
    subject: r.subject,
    residentOf: r.resident_of,
    state: { vals: r.vals, meta: r.meta },
    hlc: r.hlc,
    seq: Number(r.seq),
    scopeSeq: Number(r.scope_seq),
  };
}

/** Loads the rows with these keys (one query). */
export async function loadRows(q: Sql, keys: [string, string][], forUpdate = false): Promise<Map<string, HubRow>> {
  const out = new Map<string, HubRow>();
  if (keys.length === 0) return out;
  const rows = await q.query<DbRow>(
    `SELECT r.table_name, r.row_id, r.owner, r.kind, r.subject, r.resident_of, r.vals, r.meta, r.hlc, r.seq, r.scope_seq
       FROM rows r JOIN jsonb_to_recordset($1::jsonb) AS x(t text, id text) ON r.table_name = x.t AND r.row_id = x.id
       ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [JSON.stringify(keys.map(([t, id]) => ({ t, id })))],
  );
  for (const r of rows) out.set(keyOf(r.table_name, r.row_id), fromDb(r));
  return out;
}

/** Owner and subject of the rows with these keys (one query, without their values). */
export async function loadOwners(q: Sql, keys: [string, string][]): Promise<Map<string, { owner: string; subject: string | null }>> {
  const out = new Map<string, { owner: string; subject: string | null }>();
  if (keys.length === 0) return out;
  const rows = await q.query<{ table_name: string; row_id: string; owner: string; subject: string | null }>(
    `SELECT r.table_name, r.row_id, r.owner, r.subject FROM rows r JOIN jsonb_to_recordset($1::jsonb) AS x(t text, id text) ON r.table_name = x.t AND r.row_id = x.id`,
    [JSON.stringify(keys.map(([t, id]) => ({ t, id })))],
  );
  for (const r of rows) out.set(keyOf(r.table_name, r.row_id), { owner: r.owner, subject: r.subject });
  return out;
}

/** The default entry when it is a row's only one (every field set by one change: most rows of an upload), else undefined. */
export function soleEntry(meta: Record<string, FieldMeta>): FieldMeta | undefined {
  for (const k in meta) if (k !== '') return undefined;
  return meta[''];
}

/** The replica every field's newest value came from, or null when several did (`rows.origin`). */
export function singleOrigin(state: RowState): string | null {
  const sole = soleEntry(state.meta);
  if (sole) return Object.keys(state.vals).length > 0 ? sole[2] : null;
  let origin: string | null = null;
  for (const col of Object.keys(state.vals)) {
    const m = fieldMeta(state, col);
    if (!m) return null;
    if (origin === null) origin = m[2];
    else if (origin !== m[2]) return null;
  }
  return origin;
}

/** One accepted change as stored in `versions` (n: its order; g: its batch in `VersionBatch.groups`). */
export interface VersionRow {
  n: number;
  g: number;
  t: string;
  id: string;
  o: string;
  h: string;
  f: unknown;
}

export interface VersionBatch {
  /** Where each batch of versions came from (batch id, delivering facility, replica, from upstream). */
  groups: { batch_id: string; from_facility: string; origin: string; upstream: boolean }[];
  versions: VersionRow[];
  /** Rows whose values are exactly one version's fields (a row made by one change): by key, that version's n. */
  fromVersion: Map<string, number>;
}

/**
 * The same per-field clocks with the most common one as the default entry (`meta['']`): a row changed field by
 * field (a visit received, then examined) otherwise keeps an entry per field. Every field keeps its clock.
 */
export function compactMeta(state: RowState): Record<string, FieldMeta> {
  // Already one default entry (a row made by one change, most rows of an upload): nothing to compact.
  if (soleEntry(state.meta)) return state.meta;
  const byEntry = new Map<string, { m: FieldMeta; cols: string[] }>();
  for (const col of Object.keys(state.vals)) {
    const m = fieldMeta(state, col);
    if (!m) return state.meta;
    const k = `${m[0]}\u0000${m[1]}\u0000${m[2]}`;
    const e = byEntry.get(k);
    if (e) e.cols.push(col);
    else byEntry.set(k, { m, cols: [col] });
  }
  let best: { m: FieldMeta; cols: string[] } | null = null;
  for (const e of byEntry.values()) if (!best || e.cols.length > best.cols.length) best = e;
  if (!best) return state.meta;
  const meta: Record<string, FieldMeta> = { '': best.m };
  for (const e of byEntry.values()) if (e !== best) for (const col of e.cols) meta[col] = e.m;
  return meta;
}

/**
 * Writes the batch's versions (audit) and its changed rows (insert or replace) in one statement. A row made by a
 * single change takes its values from that version's fields in the database instead of a second copy in the
 * payload: on an initial upload that halves the JSON the hub builds and PostgreSQL parses.
 */
export async function saveRows(q: Sql, rows: HubRow[], batch: VersionBatch): Promise<void> {
  const payload = rows.map((r) => {
    const v = batch.fromVersion.get(keyOf(r.table, r.id));
    // Made by one change (most rows of an upload): table, id, clock, values and meta ({'': [clock, seq, origin]})
    // are that version's, filled in by the statement; only what the hub derived is sent.
    if (v !== undefined) return { owner: r.owner, kind: r.kind, subject: r.subject, resident_of: r.residentOf, seq: r.seq, scope_seq: r.scopeSeq, v };
    return {
      table_name: r.table,
      row_id: r.id,
      owner: r.owner,
      kind: r.kind,
      subject: r.subject,
      resident_of: r.residentOf,
      vals: r.state.vals,
      meta: compactMeta(r.state),
      hlc: r.hlc,
      seq: r.seq,
      scope_seq: r.scopeSeq,
      origin: singleOrigin(r.state),
    };
  });
  // The batch's versions are held in memory by this statement: a group of many stations' pushes is tens of MB,
  // beyond the default 4 MB of work_mem, and would spill to temporary files (ingest runs in a transaction).
  await q.query("SET LOCAL work_mem = '128MB'");
  await q.query(
    `WITH v AS MATERIALIZED (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, g int, t text, id text, o text, h text, f jsonb)
     ), b AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(g int, batch_id text, from_facility text, origin text, upstream boolean)
     ), stored AS (
       INSERT INTO versions (batch_id, from_facility, origin, upstream, table_name, row_id, owner, hlc, fields)
       SELECT b.batch_id, b.from_facility, b.origin, b.upstream, v.t, v.id, v.o, v.h, v.f FROM v JOIN b ON b.g = v.g ORDER BY v.n
       ON CONFLICT (table_name, row_id, hlc) DO NOTHING
     )
     INSERT INTO rows (${ROW_COLUMNS}, origin)
     SELECT coalesce(x.table_name, v.t), coalesce(x.row_id, v.id), x.owner, x.kind, x.subject, x.resident_of, coalesce(x.vals, v.f),
            coalesce(x.meta, jsonb_build_object('', jsonb_build_array(v.h, x.seq, vb.origin))), coalesce(x.hlc, v.h), x.seq, x.scope_seq,
            coalesce(x.origin, vb.origin)
       FROM jsonb_to_recordset($3::jsonb) AS x(table_name text, row_id text, owner text, kind text, subject text, resident_of text,
            vals jsonb, meta jsonb, hlc text, seq bigint, scope_seq bigint, origin text, v int)
       LEFT JOIN v ON v.n = x.v
       LEFT JOIN b AS vb ON vb.g = v.g
     ON CONFLICT (table_name, row_id) DO UPDATE SET owner = excluded.owner, kind = excluded.kind, subject = excluded.subject,
       resident_of = excluded.resident_of, vals = excluded.vals, meta = excluded.meta, hlc = excluded.hlc, seq = excluded.seq,
       scope_seq = excluded.scope_seq, origin = excluded.origin`,
    [JSON.stringify(batch.versions), JSON.stringify(batch.groups.map((b, g) => ({ g, ...b }))), JSON.stringify(payload)],
  );
}

/** Next n values of the hub's change sequence, in order. */
export async function nextSeqs(q: Sql, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await q.query<{ n: number }>("SELECT nextval('change_seq') AS n FROM generate_series(1, $1::int)", [n]);
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}
