import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../../../shared/hlc.js';
import { readMeta, writeMeta } from './meta.js';

/**
 * The station's hybrid logical clock. Its last stamp is persisted in `meta` inside the same transaction as the
 * write that used it, so the clock stays monotonic across restarts and when the wall clock jumps back.
 */
export class StationClock {
  private last: Hlc;

  constructor(
    private readonly sqlite: Database.Database,
    readonly nodeId: string,
    private readonly wallMs: () => number,
  ) {
    const stored = readMeta(sqlite, 'hlc.last');
    this.last = (stored && parseHlc(stored)) || { wallMs: 0, counter: 0, node: nodeId };
    this.last = { ...this.last, node: nodeId };
  }

  /** A new stamp, strictly greater than every stamp this database has issued. */
  next(): string {
    this.last = tickHlc(this.last, this.wallMs());
    const stamp = formatHlc(this.last);
    writeMeta(this.sqlite, 'hlc.last', stamp);
    return stamp;
  }

  peek(): string {
    return formatHlc(this.last);
  }

  /** Moves the clock past a stamp received from another replica (sync), so later local stamps are newer. */
  receive(remote: string): void {
    const parsed = parseHlc(remote);
    if (!parsed) return;
    this.last = receiveHlc(this.last, parsed, this.wallMs());
    writeMeta(this.sqlite, 'hlc.last', formatHlc(this.last));
  }
}

/** Each database gets a random node id on first open; it breaks clock ties between replicas. */
export function ensureNodeId(sqlite: Database.Database): string {
  const existing = readMeta(sqlite, 'node.id');
  if (existing) return existing;
  const id = randomBytes(8).toString('hex');
  writeMeta(sqlite, 'node.id', id);
  return id;
}
