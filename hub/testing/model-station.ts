import { formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../../shared/hlc.js';
import { PROTOCOL_VERSION, maxHlc, type Scalar, type SyncRequest, type SyncResponse, type WireChange, type WireRow } from '../../shared/sync/protocol.js';

/**
 * An in-memory station replica for property tests: the same rules as main/core/sync (outbox of unacknowledged
 * changes, batch resent with the same id until acknowledged, pulled fields never overwrite unsent ones, a row is
 * created only from a whole row, stale pages ignored, clock moved past received stamps).
 */
export class ModelStation {
  rows = new Map<string, Record<string, Scalar>>();
  outbox: (WireChange & { seq: number; acked: boolean })[] = [];
  cursor = 0;
  batch: { id: string; first: number; last: number } | null = null;
  refetch: [string, string][] = [];
  private clock: Hlc;
  private seq = 0;

  constructor(
    readonly code: string,
    readonly node: string,
    private wall: () => number,
  ) {
    this.clock = { wallMs: 0, counter: 0, node };
  }

  private stamp(): string {
    this.clock = tickHlc(this.clock, this.wall());
    return formatHlc(this.clock);
  }

  /** A local write through the outbox (what SyncedWriter does). */
  write(t: string, id: string, f: Record<string, Scalar>, owner?: string): void {
    const key = `${t}/${id}`;
    const current = this.rows.get(key);
    const o = owner ?? (current?.owner_facility as string | undefined) ?? this.code;
    const fields = current ? f : { owner_facility: o, deleted: 0, ...f };
    this.rows.set(key, { ...(current ?? {}), ...fields });
    this.outbox.push({ t, id, o: (current?.owner_facility as string | undefined) ?? o, h: this.stamp(), f: fields, seq: ++this.seq, acked: false });
  }

  get(t: string, id: string): Record<string, Scalar> | undefined {
    return this.rows.get(`${t}/${id}`);
  }

  request(): SyncRequest {
    let entries = this.batch ? this.outbox.filter((e) => !e.acked && e.seq >= this.batch!.first && e.seq <= this.batch!.last) : [];
    if (entries.length === 0) {
      entries = this.outbox.filter((e) => !e.acked).slice(0, 50);
      this.batch = entries.length > 0 ? { id: `${this.node}:${entries[0]!.seq}-${entries[entries.length - 1]!.seq}`, first: entries[0]!.seq, last: entries[entries.length - 1]!.seq } : null;
    }
    return {
      v: PROTOCOL_VERSION,
      node: this.node,
      cursor: this.cursor,
      ...(this.batch && entries.length > 0 ? { push: { id: this.batch.id, changes: entries.map(({ t, id, o, h, f }) => ({ t, id, o, h, f })) } } : {}),
      ...(this.refetch.length > 0 ? { refetch: this.refetch } : {}),
    };
  }

  apply(res: SyncResponse): void {
    const answers = Boolean(res.ack && this.batch && res.ack.id === this.batch.id);
    if (answers) {
      for (const e of this.outbox) if (e.seq >= this.batch!.first && e.seq <= this.batch!.last) e.acked = true;
      this.batch = null;
    }
    const fresh = res.to > this.cursor || res.from === this.cursor;
    const rows: WireRow[] = [...(answers ? res.fix : []), ...(fresh ? res.rows : [])];
    const refetch: [string, string][] = [];
    let newest: string | null = res.hlc;
    for (const row of rows) {
      newest = maxHlc(newest, row.h);
      const key = `${row.t}/${row.id}`;
      const unsent = new Set(this.outbox.filter((e) => !e.acked && e.t === row.t && e.id === row.id).flatMap((e) => Object.keys(e.f)));
      const current = this.rows.get(key);
      if (!current && !row.full) {
        refetch.push([row.t, row.id]);
        continue;
      }
      const next = { ...(current ?? {}) };
      for (const [k, v] of Object.entries(row.f)) if (!unsent.has(k)) next[k] = v;
      this.rows.set(key, next);
    }
    if (fresh) {
      this.refetch = refetch;
      this.cursor = Math.max(this.cursor, res.to);
    }
    const remote = newest ? parseHlc(newest) : null;
    if (remote) this.clock = receiveHlc(this.clock, remote, this.wall());
  }

  pending(): number {
    return this.outbox.filter((e) => !e.acked).length;
  }
}
