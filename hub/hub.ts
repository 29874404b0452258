import { v7 as uuidv7 } from 'uuid';
import { maxHlc, PROTOCOL_VERSION, SYNC_LIMITS, type FacilityLevel, type Rejection, type Scalar, type SyncRequest, type SyncResponse } from '../shared/sync/protocol.js';
import { HubClock } from './clock.js';
import type { HubDb, Sql } from './db.js';
import { acceptDeclarations, ancestorsOf, loadFacilities, registerFacility, subtreeOf } from './facilities.js';
import { commitGroup, corrections, ingest, INGEST_LOCK, prepareGroup, type IngestOutput } from './ingest.js';
import type { HubLogger } from './log.js';
import { migrate } from './migrate.js';
import { inScope, pull, type Scope } from './pull.js';
import { keyOf, loadRows } from './rows.js';

/** Changes ingested together at most (several stations' pushes in one transaction). */
const MAX_GROUP_CHANGES = 20_000;

interface PushJob {
  caller: string;
  node: string;
  batch: NonNullable<SyncRequest['push']>;
  allowed: Set<string>;
  done: { resolve: (r: PushResult) => void; reject: (e: unknown) => void };
}

type PushResult = IngestOutput & { replay: boolean };

export interface HubIdentity {
  code: string;
  name: string;
  level: FacilityLevel;
  /** The upstream facility (province above a district hub), or null at the top. */
  parent: string | null;
}

/** The hub's domain: sync requests from facilities below, its own writes, security events. Transport-free. */
export class Hub {
  /** Called after rows were ingested (the upstream client forwards them). */
  onIngested: () => void = () => undefined;
  /**
   * Ingests run one at a time anyway (INGEST_LOCK). Pushes that arrive while one runs wait here, not each holding a
   * pooled connection (that starved other requests' short queries), and are then ingested together in one
   * transaction: many stations syncing at once cost one set of statements and one commit per group.
   */
  private pushQueue: PushJob[] = [];
  private draining = false;
  /** Resolves the drain loop's wait for its group when another push arrives (see drainLoop). */
  private wake: (() => void) | null = null;
  private ingestQueue: Promise<unknown> = Promise.resolve();

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.ingestQueue.then(fn, fn);
    this.ingestQueue = run.catch(() => undefined);
    return run;
  }

  private push(job: Omit<PushJob, 'done'>): Promise<PushResult> {
    return new Promise((resolve, reject) => {
      this.pushQueue.push({ ...job, done: { resolve, reject } });
      this.wake?.();
      if (!this.draining) {
        this.draining = true;
        void this.serially(() => this.drainPushes());
      }
    });
  }

  private async drainPushes(): Promise<void> {
    try {
      await this.drainLoop();
    } finally {
      // In the same tick as the loop found the queue empty: a push arriving later starts a new drain.
      this.draining = false;
    }
  }

  /**
   * Groups are ingested one after the other, but the next group's rows are read and merged (`prepareGroup`, no lock)
   * while the previous group is being written: the merge work of one overlaps the database work of the other.
   */
  private async drainLoop(): Promise<void> {
    let previous: Promise<unknown> | null = null;
    let previousCallers = new Set<string>();
    let inFlight: Promise<unknown> | null = null;
    while (this.pushQueue.length > 0) {
      let changes = 0;
      let n = 0;
      while (n < this.pushQueue.length && (n === 0 || changes + this.pushQueue[n]!.batch.changes.length <= MAX_GROUP_CHANGES)) changes += this.pushQueue[n++]!.batch.changes.length;
      const group = this.pushQueue.splice(0, n);
      const after: Promise<unknown> | null = previous;
      // A station's next batch (pipelined upload) mostly changes rows its batch being written makes (a visit
      // created, then examined): merged ahead, it would be merged again under the lock, and checking costs more
      // than the overlap gains (measured). It starts once that batch is written, under the lock from the start;
      // other stations' pushes are merged ahead.
      const sameCaller = group.some((j) => previousCallers.has(j.caller));
      previousCallers = new Set(group.map((j) => j.caller));
      const attempt: Promise<PushResult[]> = sameCaller && after ? after.then(() => this.db.tx((q) => this.ingestPushes(q, group, null))) : this.db.tx((q) => this.ingestPushes(q, group, after));
      // The next group waits for this transaction only (not for the retries below: on PGlite they queue behind it).
      previous = attempt.catch(() => undefined);
      const done = attempt.then(
        (results) => group.forEach((job, i) => job.done.resolve(results[i]!)),
        async (e: unknown) => {
          if (group.length === 1) return group[0]!.done.reject(e);
          // One push the database refuses must not fail the others: each again on its own.
          for (const job of group) await this.db.tx((q) => this.ingestPushes(q, [job], null)).then((r) => job.done.resolve(r[0]!), job.done.reject);
        },
      );
      // At most two groups at a time: one being written, the next being prepared.
      await inFlight;
      inFlight = done;
      // Nothing else waiting: until this group is done, or until a push arrives (another station's, or the same
      // station's next batch, pipelined), to be merged while this group is written.
      if (this.pushQueue.length === 0) {
        const arrived = new Promise<void>((resolve) => (this.wake = resolve));
        await Promise.race([done, arrived]);
        this.wake = null;
      }
    }
  }

  /**
   * Pushed batches, in arrival order, in the caller's transaction: replays recognised, the rest ingested as a group.
   * Read and merged first, then, once `previous` (the group before) is written and under the ingest lock, written.
   * Without `previous`: all under the lock (nothing to overlap with).
   */
  private async ingestPushes(q: Sql, jobs: PushJob[], previous: Promise<unknown> | null): Promise<PushResult[]> {
    const ids = JSON.stringify(jobs.map((j) => ({ f: j.caller, id: j.batch.id })));
    const seenBatches = async () =>
      new Map(
        (
          await q.query<{ facility: string; id: string; rejected: Rejection[] }>(
            'SELECT b.facility, b.id, b.rejected FROM batches b JOIN jsonb_to_recordset($1::jsonb) AS x(f text, id text) ON b.facility = x.f AND b.id = x.id',
            [ids],
          )
        ).map((r) => [`${r.facility}\u0000${r.id}`, r.rejected]),
      );
    const freshOf = (seen: Map<string, Rejection[]>) => {
      const fresh: number[] = [];
      const firstOf = new Map<string, number>();
      jobs.forEach((job, i) => {
        const key = `${job.caller}\u0000${job.batch.id}`;
        if (!seen.has(key) && !firstOf.has(key)) {
          firstOf.set(key, i);
          fresh.push(i);
        }
      });
      return { fresh, firstOf };
    };
    const inputs = (fresh: number[]) =>
      fresh.map((i) => {
        const j = jobs[i]!;
        return { batchId: j.batch.id, from: j.caller, origin: j.node, upstream: false, changes: j.batch.changes, allowed: j.allowed };
      });
    // previous null: nothing to overlap with; under the lock from the start, nothing read can change.
    if (!previous) await q.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
    let seen = await seenBatches();
    let { fresh, firstOf } = freshOf(seen);
    let prepared = await prepareGroup(q, inputs(fresh));
    if (previous) {
      await previous;
      await q.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
      // A batch the group before has just stored is a replay after all: merged again without it.
      const seenNow = await seenBatches();
      if (seenNow.size !== seen.size) {
        seen = seenNow;
        ({ fresh, firstOf } = freshOf(seen));
        prepared = await prepareGroup(q, inputs(fresh));
      }
    }
    const outs = await commitGroup(q, prepared, previous !== null);
    const results: PushResult[] = new Array(jobs.length);
    fresh.forEach((i, k) => (results[i] = { replay: false, ...outs[k]! }));
    if (fresh.length > 0) {
      await q.query(
        `INSERT INTO batches (facility, id, node, changes, rejected)
         SELECT x.f, x.id, x.node, x.n, x.r FROM jsonb_to_recordset($1::jsonb) AS x(f text, id text, node text, n int, r jsonb) ON CONFLICT DO NOTHING`,
        [JSON.stringify(fresh.map((i, k) => ({ f: jobs[i]!.caller, id: jobs[i]!.batch.id, node: jobs[i]!.node, n: jobs[i]!.batch.changes.length, r: outs[k]!.rejected })))],
      );
    }
    for (const i of fresh) {
      const { caller, batch } = jobs[i]!;
      for (const r of results[i]!.rejected) {
        const ch = batch.changes[r.i]!;
        const owner = results[i]!.rows.get(keyOf(ch.t, ch.id))?.owner ?? null;
        await this.securityEvent(q, caller, 'push-not-owner', { table: ch.t, id: ch.id, claimedOwner: ch.o, owner, code: r.code, batch: batch.id });
      }
    }
    // Replays (seen before, or twice in this group): the same acknowledgement, the rows as they are now.
    const replays = jobs.map((_, i) => i).filter((i) => !results[i]);
    if (replays.length > 0) {
      const current = await loadRows(q, replays.flatMap((i) => jobs[i]!.batch.changes.map((c) => [c.t, c.id] as [string, string])));
      for (const i of replays) {
        const key = `${jobs[i]!.caller}\u0000${jobs[i]!.batch.id}`;
        const rejected = seen.get(key) ?? results[firstOf.get(key)!]!.rejected;
        results[i] = { replay: true, accepted: jobs[i]!.batch.changes.length - rejected.length, rejected, rows: current };
      }
    }
    let newest: string | null = null;
    for (const i of fresh) for (const ch of jobs[i]!.batch.changes) newest = maxHlc(newest, ch.h);
    if (newest) this.clock.receive(newest);
    await this.clock.save(q);
    return results;
  }

  private constructor(
    readonly db: HubDb,
    readonly identity: HubIdentity,
    readonly clock: HubClock,
    readonly log: HubLogger,
  ) {}

  static async open(db: HubDb, identity: HubIdentity, log: HubLogger, wallMs?: () => number): Promise<Hub> {
    await migrate(db);
    await db.tx(async (q) => {
      if (identity.parent) {
        const known = await q.query('SELECT 1 FROM facilities WHERE code = $1', [identity.parent]);
        if (known.length === 0) await registerFacility(q, { code: identity.parent, name: identity.parent, level: 'province', parent: null });
      }
      await registerFacility(q, identity);
    });
    const clock = await HubClock.load(db, wallMs);
    return new Hub(db, identity, clock, log);
  }

  async scopeOf(code: string, q: Sql = this.db): Promise<Scope> {
    const facilities = await loadFacilities(q);
    return { subtree: subtreeOf(facilities, code), ancestors: ancestorsOf(facilities, code) };
  }

  async securityEvent(q: Sql, facility: string | null, kind: string, details: Record<string, unknown>): Promise<void> {
    this.log.warn({ event: 'security', facility, kind, ...details }, `refused: ${kind}`);
    await q.query('INSERT INTO security_events (facility, kind, details) VALUES ($1, $2, $3::jsonb)', [facility, kind, JSON.stringify(details)]);
  }

  /** One sync exchange for an authenticated facility: declarations, then the pushed batch, then one pulled page. */
  async sync(caller: string, req: SyncRequest): Promise<SyncResponse> {
    if (req.facilities && req.facilities.length > 0) {
      await this.db.tx((q) => acceptDeclarations(q, caller, req.facilities!, (d, why) => this.securityEvent(q, caller, 'declaration', { code: d.code, parent: d.parent, why })));
    }
    const scope = await this.scopeOf(caller);
    let ack: SyncResponse['ack'];
    let fix: SyncResponse['fix'] = [];
    if (req.push) {
      const batch = req.push;
      const result = await this.push({ caller, node: req.node, batch, allowed: scope.subtree });
      fix = corrections(batch.changes, result.rejected, result.rows, req.node, (row) => inScope(row, scope));
      ack = { id: batch.id, accepted: result.accepted, rejected: result.rejected };
      this.log.info({ event: 'push', facility: caller, batch: batch.id, changes: batch.changes.length, rejected: result.rejected.length, replay: result.replay });
      if (!result.replay && result.accepted > 0) this.onIngested();
    }
    const page =
      req.pull === false
        ? { rows: [], to: req.cursor, more: false }
        : await pull(this.db, {
            scope,
            cursor: req.cursor,
            limit: req.limit ?? SYNC_LIMITS.pullPage,
            node: req.node,
            refetch: req.refetch ?? [],
          });
    return { v: PROTOCOL_VERSION, facility: caller, hub: this.identity.code, hlc: this.clock.now(), ack, fix, rows: page.rows, from: req.cursor, to: page.to, more: page.more };
  }

  /**
   * Rows written at the hub itself (reference data it publishes, a referral outcome entered at the district):
   * owned by the hub's facility and stamped by its clock. `id` may be omitted for a new row.
   */
  async writeOwn(changes: { t: string; id?: string; f: Record<string, Scalar> }[]): Promise<{ ids: string[] }> {
    const ids: string[] = [];
    await this.serially(() => this.db.tx(async (q) => {
      const keys = changes.filter((c) => c.id).map((c) => [c.t, c.id!] as [string, string]);
      const existing = await loadRows(q, keys);
      const wire = changes.map((c) => {
        const id = c.id ?? uuidv7();
        ids.push(id);
        const isNew = !existing.has(keyOf(c.t, id));
        const f = isNew ? { owner_facility: this.identity.code, deleted: 0, ...c.f } : c.f;
        return { t: c.t, id, o: existing.get(keyOf(c.t, id))?.owner ?? this.identity.code, h: this.clock.next(), f };
      });
      await ingest(q, { batchId: `own:${uuidv7()}`, from: this.identity.code, origin: this.clock.node, upstream: false, changes: wire, allowed: null });
      await this.clock.save(q);
    }));
    this.onIngested();
    return { ids };
  }
}
