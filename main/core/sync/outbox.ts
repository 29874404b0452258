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

/** Whether anything waits to be sent: one index probe, where counting reads every waiting entry (1.5 M on a big upload). */
export function hasUnacked(sqlite: Database.Database): boolean {
  return sqlite.prepare('SELECT 1 FROM change_log WHERE acked_at IS NULL LIMIT 1').get() !== undefined;
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

/** A batch's fields stay under this many bytes of JSON, whatever the count (the hub takes 64 MB inflated). */
const MAX_BATCH_JSON = 16 * 1024 * 1024;

/** Entries read ahead for the next batch (`peekBatch`), with their seq. */
export interface Prefetched {
  seqs: number[];
  changes: WireChange[];
}

function readUnacked(sqlite: Database.Database, afterSeq: number, max: number): LogEntry[] {
  const entries = sqlite
    .prepare('SELECT seq, table_name, row_id, hlc, owner_facility, fields FROM change_log WHERE acked_at IS NULL AND seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, Math.min(max, SYNC_LIMITS.maxChangesPerBatch)) as LogEntry[];
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    bytes += entries[i]!.fields.length;
    if (bytes > MAX_BATCH_JSON && i > 0) {
      entries.length = i;
      break;
    }
  }
  return entries;
}

/**
 * The entries a next batch would take after the batch in flight, read (and converted) while the hub works on that
 * batch, so the station's share of each round of a long upload overlaps the hub's. Changes nothing.
 */
export function peekBatch(sqlite: Database.Database, afterSeq: number, max: number): Prefetched | null {
  const entries = readUnacked(sqlite, afterSeq, max);
  return entries.length > 0 ? { seqs: entries.map((e) => e.seq), changes: entries.map(toWire) } : null;
}

/**
 * The next batch to push: a remembered batch not yet acknowledged (same id and entries, so a retry after a cut
 * link or a crash is recognised by the hub), else the oldest unacknowledged change-log entries — taken from `ahead`
 * when it starts with them (change-log entries never change; only acknowledgement moves). With `after` (the batch
 * already in flight, when a long backlog is pipelined), the batch that follows it. Call inside a transaction: the
 * batch is remembered before it is sent.
 */
export function nextBatch(
  sqlite: Database.Database,
  state: SyncState,
  nodeId: string,
  max: number = SYNC_LIMITS.pushBatch,
  ahead: Prefetched | null = null,
  after: PendingBatch | null = null,
): { batch: PendingBatch; changes: WireChange[] } | null {
  const from = after ? after.last : 0;
  const stillPending: PendingBatch[] = [];
  let resend: { batch: PendingBatch; changes: WireChange[] } | null = null;
  for (const pending of state.batches) {
    if (pending.first <= from) {
      stillPending.push(pending);
      continue;
    }
    if (resend) {
      stillPending.push(pending);
      continue;
    }
    const entries = sqlite
      .prepare('SELECT seq, table_name, row_id, hlc, owner_facility, fields FROM change_log WHERE seq BETWEEN ? AND ? AND acked_at IS NULL ORDER BY seq')
      .all(pending.first, pending.last) as LogEntry[];
    if (entries.length === 0) continue; // acknowledged meanwhile: forgotten
    resend = { batch: pending, changes: entries.map(toWire) };
    stillPending.push(pending);
  }
  if (resend) {
    state.batches = stillPending;
    return resend;
  }
  let seqs: number[];
  let changes: WireChange[];
  const head = sqlite.prepare('SELECT seq FROM change_log WHERE acked_at IS NULL AND seq > ? ORDER BY seq LIMIT 1').pluck().get(from) as number | undefined;
  if (head === undefined) {
    state.batches = stillPending;
    return null;
  }
  if (ahead && ahead.seqs[0] === head) {
    const n = Math.min(max, ahead.seqs.length);
    seqs = ahead.seqs.slice(0, n);
    changes = ahead.changes.slice(0, n);
  } else {
    const entries = readUnacked(sqlite, from, max);
    seqs = entries.map((e) => e.seq);
    changes = entries.map(toWire);
  }
  const first = seqs[0]!;
  const last = seqs[seqs.length - 1]!;
  const batch = { id: `${nodeId}:${first}-${last}`, first, last };
  state.batches = [...stillPending, batch];
  return { batch, changes };
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
