import { rowToChanges } from '../shared/sync/merge.js';
import { PROTOCOL_VERSION, SYNC_LIMITS, type FacilityDecl, type Scalar, type WireChange } from '../shared/sync/protocol.js';
import type { Sql } from './db.js';
import { loadFacilities, subtreeOf } from './facilities.js';
import type { Transport } from './http-client.js';
import type { Hub } from './hub.js';
import { ingest } from './ingest.js';
import { keyOf, loadRows } from './rows.js';

async function getMeta(q: Sql, key: string): Promise<number> {
  const [row] = await q.query<{ value: string }>('SELECT value FROM hub_meta WHERE key = $1', [key]);
  return row ? Number(row.value) : 0;
}
async function setMeta(q: Sql, key: string, value: number): Promise<void> {
  await q.query('INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(value)]);
}

/**
 * A district hub is a client of its province with the same protocol (docs/sync.md, "Hub chains"): it pushes every
 * version it received from below or wrote itself (never what came from above), declares the facilities it serves,
 * and merges what the province sends down into its own store, from where its stations pull it.
 */
export class UpstreamClient {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  lastError: string | null = null;

  constructor(
    private readonly hub: Hub,
    private readonly transport: Transport,
  ) {}

  /** One exchange; returns whether more is waiting on either side. */
  async syncOnce(): Promise<{ pushed: number; pulled: number; more: boolean }> {
    const { hub } = this;
    const acked = await getMeta(hub.db, 'up.acked');
    const cursor = await getMeta(hub.db, 'up.cursor');
    const versions = await hub.db.query<{ vseq: number; table_name: string; row_id: string; owner: string; hlc: string; fields: Record<string, Scalar> }>(
      'SELECT vseq, table_name, row_id, owner, hlc, fields FROM versions WHERE vseq > $1 AND NOT upstream ORDER BY vseq LIMIT $2',
      [acked, SYNC_LIMITS.pushBatch],
    );
    const decls = await this.pendingDeclarations();
    const changes: WireChange[] = versions.map((v) => ({ t: v.table_name, id: v.row_id, o: v.owner, h: v.hlc, f: v.fields }));
    const last = versions.length > 0 ? Number(versions[versions.length - 1]!.vseq) : acked;
    const res = await this.transport({
      v: PROTOCOL_VERSION,
      node: hub.clock.node,
      cursor,
      ...(changes.length > 0 ? { push: { id: `${hub.clock.node}:${Number(versions[0]!.vseq)}-${last}`, changes } } : {}),
      ...(decls.length > 0 ? { facilities: decls } : {}),
    });
    if (res.facility !== hub.identity.code) throw new Error(`upstream knows this credential as ${res.facility}, not ${hub.identity.code}`);
    if (res.ack && res.ack.rejected.length > 0) hub.log.warn({ event: 'upstream-rejected', count: res.ack.rejected.length, batch: res.ack.id });
    await hub.db.tx(async (q) => {
      if (changes.length > 0) await setMeta(q, 'up.acked', last);
      if (decls.length > 0) await q.query('UPDATE facilities SET declared_up = true WHERE code = ANY($1::text[])', [decls.map((d) => d.code)]);
      const incoming = res.to > cursor ? [...res.fix, ...res.rows] : res.fix;
      if (incoming.length > 0) {
        const known = await loadRows(q, incoming.map((r) => [r.t, r.id] as [string, string]));
        const down = incoming.flatMap((r) => {
          const owner = typeof r.f.owner_facility === 'string' ? r.f.owner_facility : (known.get(keyOf(r.t, r.id))?.owner ?? res.hub);
          return rowToChanges(r, owner);
        });
        await ingest(q, { batchId: `up:${res.hub}:${res.from}-${res.to}`, from: res.hub, origin: `up:${res.hub}`, upstream: true, changes: down, allowed: null });
      }
      if (res.to > cursor) await setMeta(q, 'up.cursor', res.to);
      hub.clock.receive(res.hlc);
      await hub.clock.save(q);
    });
    if (res.rows.length > 0 || res.fix.length > 0) hub.onIngested();
    return { pushed: changes.length, pulled: res.rows.length, more: res.more || versions.length === SYNC_LIMITS.pushBatch };
  }

  /** Syncs until nothing is left (bounded). */
  async drain(maxRounds = 100): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if (!(await this.syncOnce()).more) return;
  }

  /** Facilities below this hub not yet declared upstream, parents first. */
  private async pendingDeclarations(): Promise<FacilityDecl[]> {
    const facilities = await loadFacilities(this.hub.db);
    const mine = subtreeOf(facilities, this.hub.identity.code);
    const rows = await this.hub.db.query<FacilityDecl & { code: string }>('SELECT code, name, level, parent FROM facilities WHERE NOT declared_up AND parent IS NOT NULL');
    const pending = rows.filter((r) => r.code !== this.hub.identity.code && mine.has(r.code));
    const depth = (code: string): number => {
      const p = facilities.byCode.get(code)?.parent;
      return p && p !== code && mine.has(p) ? 1 + depth(p) : 0;
    };
    return pending.sort((a, b) => depth(a.code) - depth(b.code));
  }

  /** Background forwarding: every intervalMs, and soon after rows arrive; failures retry at the next tick. */
  start(intervalMs: number): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.drain()
        .then(() => {
          this.lastError = null;
        })
        .catch((e: Error) => {
          this.lastError = e.message;
          this.hub.log.warn({ event: 'upstream-failed', err: e.message });
        })
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    let soon: NodeJS.Timeout | null = null;
    this.hub.onIngested = () => {
      if (soon) return;
      soon = setTimeout(() => {
        soon = null;
        tick();
      }, 1000);
      soon.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.hub.onIngested = () => undefined;
    await this.running;
  }
}
