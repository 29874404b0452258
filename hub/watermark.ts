import type { HubDb, Sql } from './db.js';

/** Held in shared mode by ingests that run side by side, exclusively by those that must run alone (docs/sync.md). */
export const INGEST_LOCK = 7007002;

/**
 * An advisory lock of this hub's schema: `pg_advisory_xact_lock<mode>(key, hashtext(current_schema()))`, so hubs
 * sharing one database (tests) do not wait for each other.
 */
export const hubLock = (mode: 'shared' | 'exclusive', key: number) =>
  `SELECT pg_advisory_xact_lock${mode === 'shared' ? '_shared' : ''}(${key}, hashtext(current_schema()))`;

/** Orders the storing of facts about unknown persons and the arrival of persons (hub/ingest.ts, settleOrphans). */
export const ORPHAN_LOCK = 7007003;

/** A write transaction's place in the sequence: its first number once it has one. */
export interface SeqTicket {
  start: number | null;
  /** Its first allocation while under way (the numbers may exist in the database before `start` is known). */
  allocating: Promise<unknown> | null;
}

/**
 * Sequence numbers (`change_seq`) are taken by write transactions that commit in any order, but pulls and the
 * upstream outbox read "everything after my cursor": they must never pass a number whose transaction has not
 * committed yet, or they would skip it for good. The watermark is the highest number below which every
 * transaction has committed: the smallest first number of the transactions still open, minus one, or the
 * sequence's last value when none is open (docs/sync.md, "Sequence numbers and the watermark").
 *
 * Every hub transaction takes its numbers through `allocate`, which marks its ticket as allocating before asking the
 * database. `watermark` reads the sequence's last value L, then waits for the first allocations under way: a number
 * at most L belongs to a transaction that is registered with its start, or still allocating (waited for), or done.
 * A writer in another process (the `import-bundle` command) holds INGEST_LOCK exclusively until it commits;
 * `watermark` takes it shared before reading L, so it waits for that writer instead of reading past it.
 */
export class SeqRegistry {
  private readonly open = new Set<SeqTicket>();

  /** Runs a write transaction with a ticket, forgotten once the transaction has ended (committed or not). */
  async run<T>(fn: (ticket: SeqTicket) => Promise<T>): Promise<T> {
    const ticket: SeqTicket = { start: null, allocating: null };
    this.open.add(ticket);
    try {
      return await fn(ticket);
    } finally {
      this.open.delete(ticket);
    }
  }

  /** The next n numbers, in order, for the ticket's transaction (`q`). */
  async allocate(q: Sql, ticket: SeqTicket, n: number): Promise<number[]> {
    if (n === 0) return [];
    const asked = q.query<{ n: number }>("SELECT nextval('change_seq') AS n FROM generate_series(1, $1::int)", [n]);
    if (ticket.start === null) ticket.allocating = asked;
    try {
      const seqs = (await asked).map((r) => Number(r.n)).sort((a, b) => a - b);
      if (ticket.start === null) ticket.start = seqs[0]!;
      return seqs;
    } finally {
      ticket.allocating = null;
    }
  }

  private reading: Promise<number> | null = null;
  private nextRead: Promise<number> | null = null;

  /**
   * The highest sequence number below which every write has committed. Callers at the same moment share one read
   * (a group's stations all pull as it commits): one that asks while a read is under way waits for the next read,
   * which starts after it asked, so it never gets a mark older than its own call.
   */
  watermark(db: HubDb): Promise<number> {
    if (!this.reading) {
      this.reading = this.readWatermark(db).finally(() => (this.reading = null));
      return this.reading;
    }
    this.nextRead ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.nextRead = null;
        return this.watermark(db);
      });
    return this.nextRead;
  }

  private async readWatermark(db: HubDb): Promise<number> {
    // One round trip: the lock and the read in one script.
    const results = await db.script(`BEGIN; ${hubLock('shared', INGEST_LOCK)}; SELECT last_value, is_called FROM change_seq; COMMIT`);
    const seq = results[2]?.[0] as { last_value: number; is_called: boolean } | undefined;
    await Promise.all([...this.open].map((t) => t.allocating?.catch(() => undefined)));
    let mark = seq!.is_called ? Number(seq!.last_value) : 0;
    for (const t of this.open) if (t.start !== null && t.start - 1 < mark) mark = t.start - 1;
    return mark;
  }
}
