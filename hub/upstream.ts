import { rowToChanges } from '../shared/sync/merge.js';
import { PROTOCOL_VERSION, SYNC_LIMITS, type FacilityDecl, type WireChange } from '../shared/sync/protocol.js';
import type { Sql } from './db.js';
import { loadFacilities, subtreeOf } from './facilities.js';
import type { Transport } from './http-client.js';
import type { Hub } from './hub.js';
import { ingest, type IngestMode } from './ingest.js';
import { acceptedChanges } from './received.js';
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
    const sent = await getMeta(hub.db, 'up.sent');
    const cursor = await getMeta(hub.db, 'up.cursor');
    // Whole batches in log order, below the watermark (a batch still being written would be passed for good).
    const upTo = await hub.seqs.watermark(hub.db);
    const batches = await hub.db.query<{ seq: number; rejected: number[]; body: Buffer; changes: number }>(
      'SELECT seq, rejected, body, changes FROM received WHERE seq > $1 AND seq <= $2 AND NOT upstream ORDER BY seq LIMIT 100',
      [sent, upTo],
    );
    const changes: WireChange[] = [];
    let last = sent;
    for (const b of batches) {
      if (changes.length > 0 && changes.length + b.changes > SYNC_LIMITS.maxChangesPerBatch) break;
      changes.push(...acceptedChanges(b.body, b.rejected));
      last = Number(b.seq);
    }
    const full = last !== (batches.length > 0 ? Number(batches[batches.length - 1]!.seq) : sent) || batches.length === 100;
    const decls = await this.pendingDeclarations();
    const res = await this.transport({
      v: PROTOCOL_VERSION,
      node: hub.clock.node,
      cursor,
      ...(changes.length > 0 ? { push: { id: `${hub.clock.node}:${sent + 1}-${last}`, changes } } : {}),
      ...(decls.length > 0 ? { facilities: decls } : {}),
    });
    if (res.facility !== hub.identity.code) throw new Error(`upstream knows this credential as ${res.facility}, not ${hub.identity.code}`);
    if (res.ack && res.ack.rejected.length > 0) hub.log.warn({ event: 'upstream-rejected', count: res.ack.rejected.length, batch: res.ack.id });
    const incoming = res.to > cursor ? [...res.fix, ...res.rows] : res.fix;
    const apply = async (q: Sql, how: IngestMode | null) => {
      if (last > sent) await setMeta(q, 'up.sent', last);
      if (decls.length > 0) await q.query('UPDATE facilities SET declared_up = true WHERE code = ANY($1::text[])', [decls.map((d) => d.code)]);
      if (incoming.length > 0 && how) {
        const known = await loadRows(q, incoming.map((r) => [r.t, r.id] as [string, string]));
        const down = incoming.flatMap((r) => {
          const owner = typeof r.f.owner_facility === 'string' ? r.f.owner_facility : (known.get(keyOf(r.t, r.id))?.owner ?? res.hub);
          return rowToChanges(r, owner);
        });
        await ingest(q, { batchId: `up:${res.hub}:${res.from}-${res.to}`, from: res.hub, origin: `up:${res.hub}`, upstream: true, changes: down, allowed: null }, how);
      }
      if (res.to > cursor) await setMeta(q, 'up.cursor', res.to);
      hub.clock.receive(res.hlc);
      await hub.clock.save(q);
    };
    // Rows from above are merged alone (INGEST_LOCK exclusive); with nothing to merge, only the positions move.
    if (incoming.length > 0) await hub.writeAlone(apply);
    else await hub.db.tx((q) => apply(q, null));
    if (res.rows.length > 0 || res.fix.length > 0) hub.onIngested();
    return { pushed: changes.length, pulled: res.rows.length, more: res.more || full };
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
