import zlib from 'node:zlib';
import { SYNC_LIMITS, type WireChange } from '../shared/sync/protocol.js';
import type { Sql } from './db.js';

/**
 * The hub's log of every batch received (table `received`, docs/sync.md "Hub storage"): one row per batch with the
 * batch as it came, gzip JSON. A push over HTTP is stored as its request body, still compressed by the station, so
 * keeping the audit costs the hub no encoding and PostgreSQL no parsing.
 */

/** A batch's changes for the log: gzip JSON of the array (level 1: the log is written once, read rarely). */
export const encodeChanges = (changes: readonly WireChange[]): Buffer => zlib.gzipSync(JSON.stringify(changes), { level: 1 });

/**
 * The changes of a stored body, in their order: a gzip or plain JSON sync request (`push.changes`) or array of
 * changes. Entries that are not valid changes are dropped (the hub refused them when the batch came); a body that
 * cannot be read gives none. Never throws.
 */
export const decodeChanges = (body: Uint8Array): WireChange[] => bodyEntries(body).filter((c): c is WireChange => c !== null);

/** The changes of a stored batch that the hub accepted (the refused ones are in the log for the audit only). */
export function acceptedChanges(body: Uint8Array, rejected: readonly number[]): WireChange[] {
  const refused = new Set(rejected);
  return bodyEntries(body).filter((c, i): c is WireChange => c !== null && !refused.has(i));
}

/**
 * The shape of a change. What was stored was accepted by the ingest (a push is validated on arrival, the hub's own
 * writes are its own), so only the shape is checked here; the upstream hub validates again what it is forwarded.
 */
function isChange(c: unknown): c is WireChange {
  if (typeof c !== 'object' || c === null) return false;
  const { t, id, o, h, f } = c as Record<string, unknown>;
  return typeof t === 'string' && typeof id === 'string' && typeof o === 'string' && typeof h === 'string' && typeof f === 'object' && f !== null && !Array.isArray(f);
}

/** Like decodeChanges, but keeps each position (null where an entry is not a valid change): `rejected` counts positions. */
function bodyEntries(body: Uint8Array): (WireChange | null)[] {
  try {
    const raw = body[0] === 0x1f && body[1] === 0x8b ? zlib.gunzipSync(body, { maxOutputLength: SYNC_LIMITS.maxInflatedBytes }) : Buffer.from(body);
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    const list = Array.isArray(parsed) ? parsed : (parsed as { push?: { changes?: unknown } } | null)?.push?.changes;
    if (!Array.isArray(list)) return [];
    return list.map((c) => (isChange(c) ? { t: c.t, id: c.id, o: c.o, h: c.h, f: c.f } : null));
  } catch {
    return [];
  }
}

export interface ReceivedChange extends WireChange {
  seq: number;
  batchId: string;
  from: string;
  origin: string;
  upstream: boolean;
}

/** Every accepted change in the log, in the order received (audit, tests); `from` limits it to one facility's batches. */
export async function receivedChanges(q: Sql, from?: string): Promise<ReceivedChange[]> {
  const batches = await q.query<{ seq: number; batch_id: string; from_facility: string; origin: string; upstream: boolean; rejected: number[]; body: Buffer }>(
    `SELECT seq, batch_id, from_facility, origin, upstream, rejected, body FROM received ${from ? 'WHERE from_facility = $1' : ''} ORDER BY seq`,
    from ? [from] : [],
  );
  return batches.flatMap((b) =>
    acceptedChanges(b.body, b.rejected).map((c) => ({ ...c, seq: Number(b.seq), batchId: b.batch_id, from: b.from_facility, origin: b.origin, upstream: b.upstream })),
  );
}
