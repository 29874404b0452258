import type { FieldMeta, RowState } from '../shared/sync/merge.js';
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

/** Writes rows (insert or replace), one statement. */
export async function saveRows(q: Sql, rows: HubRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = rows.map((r) => ({
    table_name: r.table,
    row_id: r.id,
    owner: r.owner,
    kind: r.kind,
    subject: r.subject,
    resident_of: r.residentOf,
    vals: r.state.vals,
    meta: r.state.meta,
    hlc: r.hlc,
    seq: r.seq,
    scope_seq: r.scopeSeq,
  }));
  await q.query(
    `INSERT INTO rows (${ROW_COLUMNS})
     SELECT ${ROW_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS x(table_name text, row_id text, owner text, kind text,
       subject text, resident_of text, vals jsonb, meta jsonb, hlc text, seq bigint, scope_seq bigint)
     ON CONFLICT (table_name, row_id) DO UPDATE SET owner = excluded.owner, kind = excluded.kind, subject = excluded.subject,
       resident_of = excluded.resident_of, vals = excluded.vals, meta = excluded.meta, hlc = excluded.hlc, seq = excluded.seq,
       scope_seq = excluded.scope_seq`,
    [JSON.stringify(payload)],
  );
}

/** Next n values of the hub's change sequence, in order. */
export async function nextSeqs(q: Sql, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await q.query<{ n: number }>("SELECT nextval('change_seq') AS n FROM generate_series(1, $1::int)", [n]);
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}
