import { v7 as uuidv7 } from 'uuid';
import { maxHlc, PROTOCOL_VERSION, SYNC_LIMITS, type FacilityLevel, type Rejection, type Scalar, type SyncRequest, type SyncResponse } from '../shared/sync/protocol.js';
import { HubClock } from './clock.js';
import type { HubDb, Sql } from './db.js';
import { acceptDeclarations, ancestorsOf, loadFacilities, registerFacility, subtreeOf } from './facilities.js';
import { corrections, ingest, INGEST_LOCK } from './ingest.js';
import type { HubLogger } from './log.js';
import { migrate } from './migrate.js';
import { inScope, pull, type Scope } from './pull.js';
import { keyOf, loadRows } from './rows.js';

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
      const result = await this.db.tx(async (q) => {
        await q.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
        const seen = await q.query<{ rejected: Rejection[] }>(
          'SELECT rejected FROM batches WHERE facility = $1 AND id = $2',
          [caller, batch.id],
        );
        if (seen[0]) {
          const keys = batch.changes.map((c) => [c.t, c.id] as [string, string]);
          return { replay: true, accepted: batch.changes.length - seen[0].rejected.length, rejected: seen[0].rejected, rows: await loadRows(q, keys) };
        }
        const out = await ingest(q, { batchId: batch.id, from: caller, origin: req.node, upstream: false, changes: batch.changes, allowed: scope.subtree });
        await q.query('INSERT INTO batches (facility, id, node, changes, rejected) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING', [
          caller,
          batch.id,
          req.node,
          batch.changes.length,
          JSON.stringify(out.rejected),
        ]);
        for (const r of out.rejected) {
          const ch = batch.changes[r.i]!;
          const owner = out.rows.get(keyOf(ch.t, ch.id))?.owner ?? null;
          await this.securityEvent(q, caller, 'push-not-owner', { table: ch.t, id: ch.id, claimedOwner: ch.o, owner, code: r.code, batch: batch.id });
        }
        let newest: string | null = null;
        for (const ch of batch.changes) newest = maxHlc(newest, ch.h);
        if (newest) this.clock.receive(newest);
        await this.clock.save(q);
        return { replay: false, ...out };
      });
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
    await this.db.tx(async (q) => {
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
    });
    this.onIngested();
    return { ids };
  }
}
