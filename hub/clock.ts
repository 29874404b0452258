import crypto from 'node:crypto';
import { formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../shared/hlc.js';
import type { Sql } from './db.js';

/** The hub's own hybrid logical clock (for rows it writes itself), persisted in hub_meta. */
export class HubClock {
  private constructor(
    private last: Hlc,
    private readonly wallMs: () => number,
  ) {}

  get node(): string {
    return this.last.node;
  }

  static async load(q: Sql, wallMs: () => number = Date.now): Promise<HubClock> {
    let node = (await q.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'node.id'"))[0]?.value;
    if (!node) {
      node = `hub${crypto.randomBytes(6).toString('hex')}`;
      await q.query("INSERT INTO hub_meta (key, value) VALUES ('node.id', $1) ON CONFLICT (key) DO NOTHING", [node]);
      node = (await q.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'node.id'"))[0]!.value;
    }
    const stored = (await q.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'hlc.last'"))[0]?.value;
    const last = (stored && parseHlc(stored)) || { wallMs: 0, counter: 0, node };
    return new HubClock({ ...last, node }, wallMs);
  }

  /** A new stamp; persist it with `save` in the transaction that uses it. */
  next(): string {
    this.last = tickHlc(this.last, this.wallMs());
    return formatHlc(this.last);
  }

  receive(stamp: string): void {
    const remote = parseHlc(stamp);
    if (remote) this.last = receiveHlc(this.last, remote, this.wallMs());
  }

  now(): string {
    this.last = tickHlc(this.last, this.wallMs());
    return formatHlc(this.last);
  }

  async save(q: Sql): Promise<void> {
    await q.query("INSERT INTO hub_meta (key, value) VALUES ('hlc.last', $1) ON CONFLICT (key) DO UPDATE SET value = GREATEST(hub_meta.value, excluded.value)", [
      formatHlc(this.last),
    ]);
  }
}
