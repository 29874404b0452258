import { v7 as uuidv7 } from 'uuid';
import { maxHlc, PROTOCOL_VERSION, SYNC_LIMITS, type FacilityLevel, type Rejection, type Scalar, type SyncRequest, type SyncResponse } from '../shared/sync/protocol.js';
import { HubClock } from './clock.js';
import type { HubDb, Sql } from './db.js';
import { acceptDeclarations, registerFacility, scopeOfFacility } from './facilities.js';
import { corrections, ingest, ingestGroup, isRetryable, type GroupBefore, type IngestMode, type IngestOutput } from './ingest.js';
import type { HubLogger } from './log.js';
import { migrate } from './migrate.js';
import { inScope, pull, type Scope } from './pull.js';
import { keyOf, loadRows } from './rows.js';
import { hubLock, INGEST_LOCK, SeqRegistry } from './watermark.js';

/** Changes ingested together at most (several stations' pushes in one transaction). */
const MAX_GROUP_CHANGES = 3_000;
/** Groups written side by side: one per core of a small hub server, and one more to keep them busy while waiting. */
const MAX_GROUPS_IN_FLIGHT = 3;

interface PushJob {
  caller: string;
  node: string;
  batch: NonNullable<SyncRequest['push']>;
  allowed: Set<string>;
  /** The request body as received (gzip JSON), kept in the log; absent for pushes not made over HTTP. */
  body?: Uint8Array;
  /** False while its place is reserved and the caller's scope is being read (reservePush). */
  ready: boolean;
  done: { resolve: (r: PushResult) => void; reject: (e: unknown) => void };
}

type PushResult = IngestOutput & { replay: boolean };

/** A group being written: the rows its changes touch, whether it committed side by side, when it is done. */
interface InFlightGroup {
  /** The keys of the rows its changes touch (made when a later group of the same station first asks). */
  keys: () => Set<string>;
  settled: GroupBefore['settled'];
  /** Batch ids of its pushes (of the station whose groups list it is in). */
  batches: Set<string>;
  done: Promise<void>;
}

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
  /** Sequence numbers of the transactions writing now: pulls and forwarding stop below them (hub/watermark.ts). */
  readonly seqs = new SeqRegistry();
  /**
   * Every write alone (INGEST_LOCK exclusive): for a hub opened by a command (`import-bundle`) next to a running
   * server, whose watermark cannot see this process's transactions but waits for the exclusive lock.
   */
  writesAlone = false;
  /**
   * Pushes wait here, not each holding a pooled connection (that starved other requests' short queries). Waiting
   * pushes are ingested together in groups, a few groups side by side (docs/sync.md, "Hub"): many stations syncing
   * at once cost one set of statements and one commit per group, on every core.
   */
  private pushQueue: PushJob[] = [];
  private groupsInFlight = 0;
  /** Each station's groups being written, oldest first (at most two: a station pipelines two batches). */
  private writing = new Map<string, InFlightGroup[]>();

  /**
   * Takes a push's place in the queue at once, in the order the requests came (a station's pipelined batches must
   * be written in order: a prescription after its visit); `ready` fills it in once the caller's scope is known.
   * A push not yet ready holds back the station's later ones.
   */
  private reservePush(job: Omit<PushJob, 'done' | 'allowed' | 'ready'>): { ready: (allowed: Set<string>) => Promise<PushResult>; cancel: () => void } {
    let settle!: PushJob['done'];
    const result = new Promise<PushResult>((resolve, reject) => (settle = { resolve, reject }));
    const queued: PushJob = { ...job, allowed: new Set(), ready: false, done: settle };
    this.pushQueue.push(queued);
    return {
      ready: (allowed) => {
        queued.allowed = allowed;
        queued.ready = true;
        this.startGroups();
        return result;
      },
      cancel: () => {
        this.pushQueue = this.pushQueue.filter((j) => j !== queued);
        this.startGroups();
      },
    };
  }

  /** Starts groups from the waiting pushes while fewer than MAX_GROUPS_IN_FLIGHT are being written. */
  private startGroups(): void {
    while (this.groupsInFlight < MAX_GROUPS_IN_FLIGHT) {
      const group: PushJob[] = [];
      let changes = 0;
      const rest: PushJob[] = [];
      const inGroup = new Set<string>();
      const waiting = new Set<string>();
      for (const job of this.pushQueue) {
        const fits = group.length === 0 || changes + job.batch.changes.length <= MAX_GROUP_CHANGES;
        // A station's batches stay in order: none joins a group while an earlier one of the station waits, and a
        // station has at most two groups being written.
        const writing = this.writing.get(job.caller) ?? [];
        // The same batch sent again while its first copy is being written waits for it, then is a replay.
        const resent = writing.some((e) => e.batches.has(job.batch.id));
        if (job.ready && fits && writing.length < 2 && !resent && (inGroup.has(job.caller) || !waiting.has(job.caller))) {
          group.push(job);
          inGroup.add(job.caller);
          changes += job.batch.changes.length;
        } else {
          rest.push(job);
          waiting.add(job.caller);
        }
      }
      if (group.length === 0) return;
      this.pushQueue = rest;
      this.groupsInFlight++;
      // The same stations' groups still being written: what this group's rows may depend on.
      const earlier = [...new Set([...inGroup].flatMap((c) => this.writing.get(c) ?? []))];
      let settle!: (ok: boolean) => void;
      let keys: Set<string> | undefined;
      const entry: InFlightGroup = {
        keys: () => (keys ??= new Set(group.flatMap((j) => j.batch.changes.map((c) => keyOf(c.t, c.id))))),
        batches: new Set(group.map((j) => j.batch.id)),
        settled: new Promise((r) => (settle = r)),
        done: Promise.resolve(),
      };
      for (const c of inGroup) this.writing.set(c, [...(this.writing.get(c) ?? []), entry]);
      const before: GroupBefore | undefined =
        earlier.length === 0
          ? undefined
          : { keys: new Set(earlier.flatMap((e) => [...e.keys()])), settled: Promise.all(earlier.map((e) => e.settled)).then((oks) => oks.every(Boolean)) };
      entry.done = this.writeGroup(group, settle, before, earlier).finally(() => {
        this.groupsInFlight--;
        for (const c of inGroup) {
          const left = (this.writing.get(c) ?? []).filter((e) => e !== entry);
          if (left.length > 0) this.writing.set(c, left);
          else this.writing.delete(c);
        }
        this.startGroups();
      });
    }
  }

  /**
   * One group: side by side with the others (after the rows it shares with the same stations' earlier groups), or
   * alone when it must (MustRunAlone, a deadlock: then after those groups are done); each push alone when the group
   * fails. `settle` tells later groups whether this one committed side by side.
   */
  private async writeGroup(group: PushJob[], settle: (ok: boolean) => void, before: GroupBefore | undefined, earlier: InFlightGroup[]): Promise<void> {
    const attempt = (jobs: PushJob[], mode: 'shared' | 'exclusive', after?: GroupBefore) =>
      this.seqs.run((ticket) => this.db.tx((q) => this.ingestPushes(q, jobs, { mode, seqs: this.seqs, ticket }, after)));
    const alone = async (jobs: PushJob[]) => {
      await Promise.all(earlier.map((e) => e.done));
      return attempt(jobs, 'exclusive');
    };
    let results: PushResult[];
    try {
      if (this.writesAlone) results = await alone(group);
      else {
        try {
          results = await attempt(group, 'shared', before);
          settle(true);
        } catch (e) {
          settle(false);
          if (!isRetryable(e)) throw e;
          results = await alone(group);
        }
      }
      group.forEach((job, i) => job.done.resolve(results[i]!));
    } catch (e) {
      if (group.length === 1) return group[0]!.done.reject(e);
      // One push the database refuses must not fail the others: each again on its own.
      for (const job of group) await alone([job]).then((r) => job.done.resolve(r[0]!), job.done.reject);
    } finally {
      settle(false);
    }
  }

  /** Pushed batches, in arrival order, in the caller's transaction: replays recognised, the rest ingested as a group. */
  private async ingestPushes(q: Sql, jobs: PushJob[], how: IngestMode, before?: GroupBefore): Promise<PushResult[]> {
    const seen = new Map(
      (
        await q.query<{ facility: string; id: string; rejected: Rejection[] }>(
          'SELECT b.facility, b.id, b.rejected FROM batches b JOIN unnest($1::text[], $2::text[]) AS x(f, id) ON b.facility = x.f AND b.id = x.id',
          [jobs.map((j) => j.caller), jobs.map((j) => j.batch.id)],
        )
      ).map((r) => [`${r.facility}\u0000${r.id}`, r.rejected]),
    );
    const fresh: number[] = [];
    const firstOf = new Map<string, number>();
    jobs.forEach((job, i) => {
      const key = `${job.caller}\u0000${job.batch.id}`;
      if (!seen.has(key) && !firstOf.has(key)) {
        firstOf.set(key, i);
        fresh.push(i);
      }
    });
    const inputs = fresh.map((i) => {
      const j = jobs[i]!;
      return { batchId: j.batch.id, from: j.caller, origin: j.node, upstream: false, changes: j.batch.changes, allowed: j.allowed, ...(j.body ? { body: j.body } : {}) };
    });
    const outs = await ingestGroup(q, inputs, how, before);
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
    // Last: the clock's row is shared by every ingest, and a transaction waiting for it must hold nothing else.
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
    return scopeOfFacility(q, code);
  }

  async securityEvent(q: Sql, facility: string | null, kind: string, details: Record<string, unknown>): Promise<void> {
    this.log.warn({ event: 'security', facility, kind, ...details }, `refused: ${kind}`);
    await q.query('INSERT INTO security_events (facility, kind, details) VALUES ($1, $2, $3::jsonb)', [facility, kind, JSON.stringify(details)]);
  }

  /** One sync exchange for an authenticated facility: declarations, then the pushed batch, then one pulled page. */
  /**
   * `known`: the caller's scope when already read (with its credential, `authenticate(…, withScope)`); read again
   * after the request's facility declarations, which may change it.
   */
  async sync(caller: string, req: SyncRequest, body?: Uint8Array, known?: Scope): Promise<SyncResponse> {
    const place = req.push ? this.reservePush({ caller, node: req.node, batch: req.push, ...(body ? { body } : {}) }) : null;
    let scope: Scope;
    try {
      const declares = req.facilities && req.facilities.length > 0;
      if (declares) {
        await this.db.tx((q) => acceptDeclarations(q, caller, req.facilities!, (d, why) => this.securityEvent(q, caller, 'declaration', { code: d.code, parent: d.parent, why })));
      }
      scope = !declares && known ? known : await this.scopeOf(caller);
    } catch (e) {
      place?.cancel();
      throw e;
    }
    let ack: SyncResponse['ack'];
    let fix: SyncResponse['fix'] = [];
    if (req.push) {
      const batch = req.push;
      const result = await place!.ready(scope.subtree);
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
            upTo: await this.seqs.watermark(this.db),
            cursor: req.cursor,
            limit: req.limit ?? SYNC_LIMITS.pullPage,
            node: req.node,
            refetch: req.refetch ?? [],
          });
    return { v: PROTOCOL_VERSION, facility: caller, hub: this.identity.code, hlc: this.clock.now(), ack, fix, rows: page.rows, from: req.cursor, to: page.to, more: page.more };
  }

  /**
   * A write transaction that runs alone (INGEST_LOCK held exclusively from its start): the hub's own rows, what the
   * upstream hub sends down. Rare and small, so the pushes side by side simply wait for it.
   */
  writeAlone<T>(fn: (q: Sql, how: IngestMode) => Promise<T>): Promise<T> {
    return this.seqs.run((ticket) =>
      this.db.tx(async (q) => {
        await q.query(hubLock('exclusive', INGEST_LOCK));
        return fn(q, { mode: 'exclusive', seqs: this.seqs, ticket });
      }),
    );
  }

  /**
   * Rows written at the hub itself (reference data it publishes, a referral outcome entered at the district):
   * owned by the hub's facility and stamped by its clock. `id` may be omitted for a new row.
   */
  async writeOwn(changes: { t: string; id?: string; f: Record<string, Scalar> }[]): Promise<{ ids: string[] }> {
    const ids: string[] = [];
    await this.writeAlone(async (q, how) => {
      const keys = changes.filter((c) => c.id).map((c) => [c.t, c.id!] as [string, string]);
      const existing = await loadRows(q, keys);
      const wire = changes.map((c) => {
        const id = c.id ?? uuidv7();
        ids.push(id);
        const isNew = !existing.has(keyOf(c.t, id));
        const f = isNew ? { owner_facility: this.identity.code, deleted: 0, ...c.f } : c.f;
        return { t: c.t, id, o: existing.get(keyOf(c.t, id))?.owner ?? this.identity.code, h: this.clock.next(), f };
      });
      await ingest(q, { batchId: `own:${uuidv7()}`, from: this.identity.code, origin: this.clock.node, upstream: false, changes: wire, allowed: null }, how);
      await this.clock.save(q);
    });
    this.onIngested();
    return { ids };
  }
}
