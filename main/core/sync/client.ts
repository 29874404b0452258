import { PROTOCOL_VERSION, SYNC_LIMITS, maxHlc, type SyncRequest, type SyncResponse, type WireChange } from '../../../shared/sync/protocol.js';
import type { Station } from '../station.js';
import { applyRows, localTables } from './apply.js';
import { hasUnacked, markAcked, nextBatch, peekBatch, unackedCount, type Prefetched } from './outbox.js';
import { syncRuns } from './schema.js';
import { SyncState, type PendingBatch } from './state.js';
import { SyncTransportError, type Exchange, type StationTransport } from './transport.js';
import { eq } from 'drizzle-orm';

/** A round trip this quick means the link can take bigger batches. */
const FAST_ROUND_MS = 2000;

export interface SyncProgress {
  phase: 'push' | 'pull' | 'done' | 'error';
  pushed: number;
  pulled: number;
  /** Changes waiting when the run started. */
  toPush: number;
  bytesUp: number;
  bytesDown: number;
  roundTrips: number;
}

export interface RunSummary extends Omit<SyncProgress, 'phase'> {
  ok: boolean;
  rejected: number;
  error: { code: string; detail: string } | null;
}

export interface Applied {
  acked: number;
  rejected: number;
  pulled: number;
  tables: Set<string>;
}

/**
 * Applies one answer of the hub in one transaction (docs/sync.md, "Station merge"): acknowledges the batch it
 * answers, applies the corrections for that batch, applies the pulled page when it is not older than what the
 * station has, advances the cursor and the clock. Foreign keys are off while rows from the hub are written (a fact
 * may arrive before the row it points to); they are back on before anything else runs.
 */
export function applyResponse(station: Station, sent: PendingBatch | null, res: SyncResponse, log: (m: string) => void = () => undefined, pulled = true): Applied {
  const { sqlite } = station;
  const state = new SyncState(sqlite);
  // Read from the schema only when there is something to write (not on every round of a large upload).
  let tables: Map<string, Set<string>> | null = null;
  const out: Applied = { acked: 0, rejected: 0, pulled: 0, tables: new Set() };
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      const inFlight = state.batches;
      const pending = res.ack ? inFlight.find((b) => b.id === res.ack!.id) : undefined;
      const answersPending = Boolean(pending && (!sent || sent.id === pending.id));
      if (answersPending && pending) {
        out.acked = markAcked(sqlite, pending, station.now().toISOString());
        out.rejected = res.ack!.rejected.length;
        state.batches = inFlight.filter((b) => b !== pending);
      }
      // An answer to a push-only request (pull: false, pipelined) carries no page: it moves neither cursor nor refetch.
      const fresh = pulled && (res.to > state.cursor || res.from === state.cursor);
      const rows = [...(answersPending ? res.fix : []), ...(fresh ? res.rows : [])];
      if (rows.length > 0) tables = localTables(sqlite);
      const stats = applyRows(sqlite, tables ?? new Map(), rows, log);
      out.pulled = stats.applied;
      out.tables = stats.tables;
      if (fresh) {
        state.refetch = stats.refetch;
        state.cursor = Math.max(state.cursor, res.to);
      }
      station.clock.receive(maxHlc(res.hlc, stats.newestHlc)!);
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  if (out.tables.size > 0) station.events.emit('data.changed', { tables: [...out.tables], procedure: 'sync' });
  return out;
}

export function buildRequest(
  station: Station,
  state: SyncState,
  push: boolean,
  batchSize?: number,
  ahead: Prefetched | null = null,
  /** The batch in flight, when this request follows it (pipelined): push its successor, pull nothing. */
  after: PendingBatch | null = null,
): { req: SyncRequest; sent: { batch: PendingBatch; changes: WireChange[] } | null } {
  const sent = push ? station.sqlite.transaction(() => nextBatch(station.sqlite, state, station.clock.nodeId, batchSize, ahead, after))() : null;
  const refetch = after ? [] : state.refetch;
  const req: SyncRequest = {
    v: PROTOCOL_VERSION,
    node: station.clock.nodeId,
    cursor: state.cursor,
    ...(sent ? { push: { id: sent.batch.id, changes: sent.changes } } : {}),
    ...(refetch.length > 0 ? { refetch } : {}),
    ...(after ? { pull: false } : {}),
  };
  return { req, sent };
}

export function startRun(station: Station, via: string): number {
  const row = station.db.insert(syncRuns).values({ startedAt: station.now().toISOString(), via }).returning({ id: syncRuns.id }).get();
  return row.id;
}

export function finishRun(station: Station, id: number, s: RunSummary, hubFacility?: string): void {
  const at = station.now().toISOString();
  station.sqlite.transaction(() => {
    station.db
      .update(syncRuns)
      .set({
        finishedAt: at,
        ok: s.ok,
        pushed: s.pushed,
        pulled: s.pulled,
        rejected: s.rejected,
        bytesUp: s.bytesUp,
        bytesDown: s.bytesDown,
        roundTrips: s.roundTrips,
        errorCode: s.error?.code ?? null,
        errorDetail: s.error?.detail.slice(0, 500) ?? null,
      })
      .where(eq(syncRuns.id, id))
      .run();
    new SyncState(station.sqlite).recordAttempt(at, s.error, hubFacility);
  })();
}

/**
 * One sync: rounds of (push the next batch + pull the next page) until nothing is left on either side. A small
 * sync is one round trip. Each answer is applied in its own transaction, so a run cut anywhere (link, crash,
 * app closed) resumes where it stopped: an unacknowledged batch is resent with the same id, the cursor only
 * moves with the rows it covers.
 */
export async function runSync(
  station: Station,
  transport: StationTransport,
  options: {
    via?: string;
    maxRounds?: number;
    onProgress?: (p: SyncProgress) => void;
    log?: (m: string) => void;
    /** A full batch answered within this many ms doubles the next one (tests set it high to be independent of speed). */
    fastRoundMs?: number;
  } = {},
): Promise<RunSummary> {
  const state = new SyncState(station.sqlite);
  const runId = startRun(station, options.via ?? 'net');
  const p: SyncProgress = { phase: 'push', pushed: 0, pulled: 0, toPush: unackedCount(station.sqlite), bytesUp: 0, bytesDown: 0, roundTrips: 0 };
  let rejected = 0;
  let hubFacility: string | undefined;
  const report = (phase: SyncProgress['phase']) => {
    p.phase = phase;
    options.onProgress?.({ ...p });
    station.events.emit('sync.progress', { phase, done: p.pushed + p.pulled, total: Math.max(p.toPush, p.pushed) + p.pulled });
  };
  // Changes per batch: the usual 1,000, doubled (up to the protocol's 5,000) while full batches come back fast —
  // a long backlog on a good link (an initial upload) then takes fewer rounds, each with less fixed work.
  let batchSize: number = SYNC_LIMITS.pushBatch;
  let ahead: Prefetched | null = null;
  type Round = ReturnType<typeof buildRequest> & { answer: Promise<Exchange>; started: number; size: number };
  const send = (built: ReturnType<typeof buildRequest>): Round => {
    const answer = transport(built.req);
    answer.catch(() => undefined); // awaited in its turn; a pipelined one may be abandoned when the one before fails
    return { ...built, answer, started: performance.now(), size: batchSize };
  };
  // While the hub works on a full batch: read the next one (a long backlog only). Only a head start: on failure
  // the next round reads it again.
  const readAhead = (sent: Round['sent']) => {
    try {
      return sent && sent.changes.length >= batchSize ? peekBatch(station.sqlite, sent.batch.last, Math.min(batchSize * 2, SYNC_LIMITS.maxChangesPerBatch)) : null;
    } catch {
      return null;
    }
  };
  // A long backlog is pipelined: while the hub ingests one batch, the next is already on its way (push only, on a
  // second connection), so station, hub and database work at the same time. Each stays remembered until answered.
  let queued: Round | null = null;
  try {
    for (let round = 0; round < (options.maxRounds ?? 10_000); round++) {
      let current: Round;
      if (queued) {
        current = queued;
        queued = null;
      } else {
        current = send(buildRequest(station, state, true, batchSize, ahead));
        ahead = readAhead(current.sent);
      }
      const { req, sent } = current;
      report(sent ? 'push' : 'pull');
      if (sent && ahead) {
        queued = send(buildRequest(station, state, true, batchSize, ahead, sent.batch));
        ahead = readAhead(queued.sent);
      }
      const ex = await current.answer;
      if (sent && sent.changes.length >= current.size && performance.now() - current.started < (options.fastRoundMs ?? FAST_ROUND_MS)) batchSize = Math.min(batchSize * 2, SYNC_LIMITS.maxChangesPerBatch);
      if (ex.res.facility !== station.facilityCode()) throw new SyncTransportError('CREDENTIAL', `credential is for ${ex.res.facility}`);
      hubFacility = ex.res.hub;
      const pulled = req.pull !== false;
      const applied = applyResponse(station, sent?.batch ?? null, ex.res, options.log, pulled);
      p.roundTrips++;
      p.bytesUp += ex.bytesUp;
      p.bytesDown += ex.bytesDown;
      p.pushed += applied.acked;
      p.pulled += applied.pulled;
      rejected += applied.rejected;
      report('pull');
      const morePush = sent !== null && hasUnacked(station.sqlite);
      // After a push-only answer, one more round pulls (and pushes whatever is left).
      if (!queued && pulled && !ex.res.more && !morePush && (state.refetch.length === 0 || req.refetch)) break;
    }
    const summary: RunSummary = { ok: true, ...p, rejected, error: null };
    finishRun(station, runId, summary, hubFacility);
    report('done');
    return summary;
  } catch (e) {
    const error = e instanceof SyncTransportError ? { code: e.failure, detail: e.detail } : { code: 'HUB_ERROR', detail: (e as Error).message };
    const summary: RunSummary = { ok: false, ...p, rejected, error };
    finishRun(station, runId, summary);
    report('error');
    return summary;
  } finally {
    transport.close?.();
  }
}
