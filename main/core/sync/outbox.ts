import type Database from 'better-sqlite3';
import { SYNC_LIMITS, type Scalar, type WireChange } from '../../../shared/sync/protocol.js';
import type { PendingBatch, SyncState } from './state.js';

interface LogEntry {
  seq: number;
  table_name: string;
  row_id: string;
  hlc: string;
  owner_facility: string;
  fields: string;
}

export function unackedCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE acked_at IS NULL').get() as { n: number }).n;
}

function toScalar(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function toWire(e: LogEntry): WireChange {
  const raw = JSON.parse(e.fields) as Record<string, unknown>;
  const f: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(raw)) if (k !== 'id' && k !== 'hlc') f[k] = toScalar(v);
  return { t: e.table_name, id: e.row_id, o: e.owner_facility, h: e.hlc, f };
}

/**
 * The next batch to push: the batch already in flight (same id and entries, so a retry after a cut link or a
 * crash is recognised by the hub), else the oldest unacknowledged change-log entries. Call inside a transaction:
 * the batch is remembered before it is sent.
 */
export function nextBatch(sqlite: Database.Database, state: SyncState, nodeId: string, max: number = SYNC_LIMITS.pushBatch): { batch: PendingBatch; changes: WireChange[] } | null {
  const pending = state.batch;
  if (pending) {
    const entries = sqlite
      .prepare('SELECT seq, table_name, row_id, hlc, owner_facility, fields FROM change_log WHERE seq BETWEEN ? AND ? AND acked_at IS NULL ORDER BY seq')
      .all(pending.first, pending.last) as LogEntry[];
    if (entries.length > 0) return { batch: pending, changes: entries.map(toWire) };
    state.batch = null;
  }
  const entries = sqlite
    .prepare('SELECT seq, table_name, row_id, hlc, owner_facility, fields FROM change_log WHERE acked_at IS NULL ORDER BY seq LIMIT ?')
    .all(max) as LogEntry[];
  if (entries.length === 0) return null;
  const first = entries[0]!.seq;
  const last = entries[entries.length - 1]!.seq;
  const batch = { id: `${nodeId}:${first}-${last}`, first, last };
  state.batch = batch;
  return { batch, changes: entries.map(toWire) };
}

/** Marks the batch's entries acknowledged (the hub has them, accepted or refused). */
export function markAcked(sqlite: Database.Database, batch: PendingBatch, at: string): number {
  return sqlite.prepare('UPDATE change_log SET acked_at = ? WHERE seq BETWEEN ? AND ? AND acked_at IS NULL').run(at, batch.first, batch.last).changes;
}

/** Columns of a row that have a change not yet acknowledged by the hub: pulled data never overwrites them. */
export function unsentColumns(sqlite: Database.Database): (table: string, id: string) => Set<string> {
  const stmt = sqlite.prepare('SELECT fields FROM change_log WHERE table_name = ? AND row_id = ? AND acked_at IS NULL');
  return (table, id) => {
    const cols = new Set<string>();
    for (const r of stmt.all(table, id) as { fields: string }[]) for (const k of Object.keys(JSON.parse(r.fields) as object)) cols.add(k);
    return cols;
  };
}
