import { fieldMeta, toWireRow } from '../shared/sync/merge.js';
import { SYNC_LIMITS, type WireRow } from '../shared/sync/protocol.js';
import type { Sql } from './db.js';
import { fromDb, loadRows, ROW_COLUMNS, type HubRow } from './rows.js';

/**
 * What a facility may pull (docs/sync.md, "Scope"): rows owned by it or a facility it serves, rows about the
 * residents of those facilities wherever they were made, and reference data published by a facility above it.
 */
export interface Scope {
  /** The caller and the facilities it serves. */
  subtree: Set<string>;
  /** Facilities above the caller. */
  ancestors: string[];
}

export function inScope(row: HubRow, scope: Scope): boolean {
  return (
    scope.subtree.has(row.owner) ||
    (row.residentOf !== null && scope.subtree.has(row.residentOf)) ||
    (row.kind === 'reference' && scope.ancestors.includes(row.owner))
  );
}

export interface PullInput {
  scope: Scope;
  cursor: number;
  /** The watermark (hub/watermark.ts): rows numbered above it may still have gaps below them. */
  upTo: number;
  limit: number;
  /** The caller's node: fields whose newest value came from it are not sent back. */
  node: string;
  refetch: [string, string][];
}

export interface PullOutput {
  rows: WireRow[];
  to: number;
  more: boolean;
}

/**
 * One page of changes after the cursor, in sequence order. A row new to the caller's scope (or any row on a first
 * pull) is sent whole; otherwise only the fields set after the cursor by another replica.
 */
export async function pull(q: Sql, input: PullInput): Promise<PullOutput> {
  const { scope, cursor } = input;
  const max = input.upTo;
  const subtree = [...scope.subtree];
  const out: WireRow[] = [];
  let bytes = 0;

  if (input.refetch.length > 0) {
    for (const row of (await loadRows(q, input.refetch)).values()) if (inScope(row, scope)) out.push(toWireRow(row.table, row.id, row.state, null));
  }
  if (max <= cursor) return { rows: out, to: Math.max(cursor, max), more: false };

  const found = await q.query<Parameters<typeof fromDb>[0]>(
    `SELECT ${ROW_COLUMNS} FROM rows
      WHERE seq > $1 AND seq <= $2
        AND (owner = ANY($3::text[]) OR (resident_of = ANY($3::text[]) AND resident_of <> owner) OR (kind = 'reference' AND owner = ANY($4::text[])))
        AND (origin IS NULL OR origin <> $6)
      ORDER BY seq LIMIT $5`,
    // Rows entirely the caller's own are never sent back (changedSince): skipped here without loading them.
    [cursor, max, subtree, scope.ancestors, input.limit + 1, input.node],
  );
  let to = max;
  let more = false;
  for (let i = 0; i < found.length; i++) {
    const row = fromDb(found[i]!);
    if (i === input.limit || bytes > SYNC_LIMITS.pullPageBytes) {
      more = true;
      to = Number(found[i - 1]!.seq);
      break;
    }
    const wire = changedSince(row, cursor, input.node);
    if (!wire) continue;
    out.push(wire);
    bytes += JSON.stringify(wire).length;
  }
  return { rows: out, to, more };
}

function changedSince(row: HubRow, cursor: number, node: string): WireRow | null {
  const full = cursor === 0 || row.scopeSeq > cursor;
  const cols: string[] = [];
  let foreign = false;
  for (const col of Object.keys(row.state.vals)) {
    const m = fieldMeta(row.state, col);
    if (!m || m[2] === node) continue;
    foreign = true;
    if (m[1] > cursor) cols.push(col);
  }
  // A row made entirely by the caller is never echoed back, even whole.
  if (full) return foreign ? toWireRow(row.table, row.id, row.state, null) : null;
  return cols.length > 0 ? toWireRow(row.table, row.id, row.state, cols) : null;
}
