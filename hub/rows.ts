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
  meta: StoredMeta;
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
    state: { vals: r.vals, meta: readMeta(r.meta) },
    hlc: r.hlc,
    seq: Number(r.seq),
    scopeSeq: Number(r.scope_seq),
  };
}

/** Keys as two text arrays (tables, ids) for `unnest($1::text[], $2::text[])`: cheaper to read than a JSON parameter. */
const keyArrays = (keys: [string, string][]): [string[], string[]] => [keys.map((k) => k[0]), keys.map((k) => k[1])];

/** Loads the rows with these keys (one query). */
export async function loadRows(q: Sql, keys: [string, string][], forUpdate = false): Promise<Map<string, HubRow>> {
  const out = new Map<string, HubRow>();
  if (keys.length === 0) return out;
  const rows = await q.query<DbRow>(
    `SELECT r.table_name, r.row_id, r.owner, r.kind, r.subject, r.resident_of, r.vals, r.meta, r.hlc, r.seq, r.scope_seq
       FROM rows r JOIN unnest($1::text[], $2::text[]) AS x(t, id) ON r.table_name = x.t AND r.row_id = x.id
       ${forUpdate ? 'ORDER BY r.table_name, r.row_id FOR UPDATE OF r' : ''}`,
    keyArrays(keys),
  );
  for (const r of rows) out.set(keyOf(r.table_name, r.row_id), fromDb(r));
  return out;
}

/** Owner and subject of the rows with these keys (one query, without their values). */
export async function loadOwners(q: Sql, keys: [string, string][]): Promise<Map<string, { owner: string; subject: string | null }>> {
  const out = new Map<string, { owner: string; subject: string | null }>();
  if (keys.length === 0) return out;
  const rows = await q.query<{ table_name: string; row_id: string; owner: string; subject: string | null }>(
    `SELECT r.table_name, r.row_id, r.owner, r.subject FROM rows r JOIN unnest($1::text[], $2::text[]) AS x(t, id) ON r.table_name = x.t AND r.row_id = x.id`,
    keyArrays(keys),
  );
  for (const r of rows) out.set(keyOf(r.table_name, r.row_id), { owner: r.owner, subject: r.subject });
  return out;
}

/** The default entry when it is a row's only one (every field set by one change: most rows of an upload), else undefined. */
export function soleEntry(meta: Record<string, FieldMeta>): FieldMeta | undefined {
  for (const k in meta) if (k !== '') return undefined;
  return meta[''];
}

function hasFields(vals: Record<string, Scalar>): boolean {
  for (const k in vals) if (Object.prototype.hasOwnProperty.call(vals, k)) return true;
  return false;
}

/** The replica every field's newest value came from, or null when several did (`rows.origin`). */
export function singleOrigin(state: RowState): string | null {
  const sole = soleEntry(state.meta);
  if (sole) return hasFields(state.vals) ? sole[2] : null;
  let origin: string | null = null;
  for (const col in state.vals) {
    const m = fieldMeta(state, col);
    if (!m) return null;
    if (origin === null) origin = m[2];
    else if (origin !== m[2]) return null;
  }
  return origin;
}

/** One received batch as logged in `received` (hub/received.ts). */
export interface ReceivedBatch {
  seq: number;
  batch_id: string;
  from_facility: string;
  origin: string;
  upstream: boolean;
  changes: number;
  rejected: number[];
  /** gzip JSON of the batch as it came. */
  body: Uint8Array;
}

/** `meta` as stored: a field's entry, or the key (`@1`, `@2`…) of an entry several fields share. */
export type StoredMeta = Record<string, FieldMeta | string>;

const sameEntry = (a: FieldMeta, b: FieldMeta) => a === b || (a[0] === b[0] && a[1] === b[1] && a[2] === b[2]);

/** Index of an entry equal to `m` in `entries`, or -1 (a row has a handful of distinct clocks: a scan beats hashing). */
function entryIndex(entries: FieldMeta[], m: FieldMeta): number {
  for (let i = 0; i < entries.length; i++) if (sameEntry(entries[i]!, m)) return i;
  return -1;
}

/**
 * `meta` for storage: an entry that several fields share besides the default (a visit received, then examined: a
 * dozen fields with the examination's clock) is written once under a key `@n`, and each of those fields names it.
 * Field names are table columns, never starting with '@'. Half of a twice-changed row's JSON was its clocks.
 */
export function storedMeta(meta: Record<string, FieldMeta>): StoredMeta {
  const entries: FieldMeta[] = [];
  const uses: number[] = [];
  let shared = false;
  for (const k in meta) {
    if (k === '') continue;
    const i = entryIndex(entries, meta[k]!);
    if (i < 0) {
      entries.push(meta[k]!);
      uses.push(1);
    } else {
      uses[i]!++;
      shared = true;
    }
  }
  if (!shared) return meta;
  const out: StoredMeta = {};
  const refs: string[] = [];
  let next = 1;
  for (const k in meta) {
    const m = meta[k]!;
    const i = k === '' ? -1 : entryIndex(entries, m);
    if (i < 0 || uses[i]! < 2) {
      out[k] = m;
      continue;
    }
    let ref = refs[i];
    if (!ref) {
      refs[i] = ref = `@${next++}`;
      out[ref] = m;
    }
    out[k] = ref;
  }
  return out;
}

/** `meta` as read back: every field with its own entry again (rows stored before `@` keys read as they are). */
export function readMeta(stored: StoredMeta): Record<string, FieldMeta> {
  let shared = false;
  for (const k in stored) if (typeof stored[k] === 'string') shared = true;
  if (!shared) return stored as Record<string, FieldMeta>;
  const out: Record<string, FieldMeta> = {};
  for (const k in stored) {
    if (k.startsWith('@')) continue;
    const v = stored[k]!;
    const m = typeof v === 'string' ? stored[v] : v;
    if (Array.isArray(m)) out[k] = m;
  }
  return out;
}

/**
 * The same per-field clocks with the most common one as the default entry (`meta['']`): a row changed field by
 * field (a visit received, then examined) otherwise keeps an entry per field. Every field keeps its clock.
 */
export function compactMeta(state: RowState): Record<string, FieldMeta> {
  // Already one default entry (a row made by one change, most rows of an upload): nothing to compact.
  if (soleEntry(state.meta)) return state.meta;
  const entries: FieldMeta[] = [];
  const cols: string[][] = [];
  for (const col in state.vals) {
    const m = fieldMeta(state, col);
    if (!m) return state.meta;
    const i = entryIndex(entries, m);
    if (i < 0) {
      entries.push(m);
      cols.push([col]);
    } else cols[i]!.push(col);
  }
  if (entries.length === 0) return state.meta;
  let best = 0;
  for (let i = 1; i < entries.length; i++) if (cols[i]!.length > cols[best]!.length) best = i;
  const meta: Record<string, FieldMeta> = { '': entries[best]! };
  for (let i = 0; i < entries.length; i++) if (i !== best) for (const col of cols[i]!) meta[col] = entries[i]!;
  return meta;
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v;
}

/** Rows as COPY text lines, in the order of ROW_COLUMNS then origin. */
function copyRows(rows: HubRow[]): string {
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const meta = JSON.stringify(storedMeta(compactMeta(r.state)));
    lines[i] = `${copyField(r.table)}\t${copyField(r.id)}\t${copyField(r.owner)}\t${copyField(r.kind)}\t${copyField(r.subject)}\t${copyField(r.residentOf)}\t${copyField(JSON.stringify(r.state.vals))}\t${copyField(meta)}\t${copyField(r.hlc)}\t${r.seq}\t${r.scopeSeq}\t${copyField(singleOrigin(r.state))}\n`;
  }
  return lines.join('');
}

/**
 * Writes changed rows. `known` rows (read, and locked when ingests run side by side) are replaced; `fresh` ones are
 * inserted, and one that exists by then (written meanwhile by another ingest) fails the statement with a unique
 * violation (23505: `isRetryable`, the ingest runs again alone).
 */
export async function saveRows(q: Sql, rows: { fresh: HubRow[]; known: HubRow[] }): Promise<void> {
  const json = (list: HubRow[]) =>
    JSON.stringify(
      list.map((r) => ({
        table_name: r.table,
        row_id: r.id,
        owner: r.owner,
        kind: r.kind,
        subject: r.subject,
        resident_of: r.residentOf,
        vals: r.state.vals,
        meta: storedMeta(compactMeta(r.state)),
        hlc: r.hlc,
        seq: r.seq,
        scope_seq: r.scopeSeq,
        origin: singleOrigin(r.state),
      })),
    );
  // json, not jsonb: the document is only checked and cut into its rows, values kept as text (migration 0005).
  const recordset = `json_to_recordset($1::json) AS x(table_name text, row_id text, owner text, kind text, subject text, resident_of text,
              vals json, meta json, hlc text, seq bigint, scope_seq bigint, origin text)`;
  const { fresh, known } = rows;
  if (fresh.length > 0 && q.copyIn) await q.copyIn(`COPY rows (${ROW_COLUMNS}, origin) FROM STDIN`, copyRows(fresh));
  else if (fresh.length > 0) await q.query(`INSERT INTO rows (${ROW_COLUMNS}, origin) SELECT * FROM ${recordset}`, [json(fresh)]);
  if (known.length > 0) {
    await q.query(
      `UPDATE rows r SET owner = x.owner, kind = x.kind, subject = x.subject, resident_of = x.resident_of, vals = x.vals, meta = x.meta,
              hlc = x.hlc, seq = x.seq, scope_seq = x.scope_seq, origin = x.origin
         FROM ${recordset} WHERE r.table_name = x.table_name AND r.row_id = x.row_id`,
      [json(known)],
    );
  }
}

/** Logs received batches in `received` (hub/received.ts). */
export async function logReceived(q: Sql, received: ReceivedBatch[]): Promise<void> {
  // One row of parameters per batch: the bodies go as binary bytea parameters, with no escaping or parsing.
  for (let from = 0; from < received.length; from += 1000) {
    const chunk = received.slice(from, from + 1000);
    const values = chunk.map((_, i) => `(${Array.from({ length: 8 }, (_, k) => `$${i * 8 + k + 1}`).join(', ')})`);
    await q.query(
      `INSERT INTO received (seq, batch_id, from_facility, origin, upstream, changes, rejected, body) VALUES ${values.join(', ')}`,
      chunk.flatMap((b) => [b.seq, b.batch_id, b.from_facility, b.origin, b.upstream, b.changes, b.rejected, Buffer.from(b.body.buffer, b.body.byteOffset, b.body.byteLength)]),
    );
  }
}
