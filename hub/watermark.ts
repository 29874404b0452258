import type { HubDb, Sql } from './db.js';

/** Held in shared mode by ingests that run side by side, exclusively by those that must run alone (docs/sync.md). */
export const INGEST_LOCK = 7007002;

/** Orders the storing of facts about unknown persons and the arrival of persons (hub/ingest.ts, settleOrphans). */
export const ORPHAN_LOCK = 7007003;

/** A write transaction's place in the sequence: its first number once it has one. */
export interface SeqTicket {
  start: number | null;
}

/**
 * Sequence numbers (`change_seq`) are taken by write transactions that commit in any order, but pulls and the
 * upstream outbox read "everything after my cursor": they must never pass a number whose transaction has not
 * committed yet, or they would skip it for good. The watermark is the highest number below which every
 * transaction has committed: the smallest first number of the transactions still open, minus one, or the
 * sequence's last value when none is open (docs/sync.md, "Sequence numbers and the watermark").
 *
 * Every hub transaction that takes numbers does so through `allocate`, under a mutex that `watermark` also holds
 * while it reads the sequence, so a transaction is always known here before its numbers can be seen. A writer in
 * another process (the `import-bundle` command) holds INGEST_LOCK exclusively until it commits; `watermark` takes it
 * shared, so it waits for that writer instead of reading past it.
 */
export class SeqRegistry {
  private readonly open = new Set<SeqTicket>();
  private mutex: Promise<unknown> = Promise.resolve();

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.mutex.then(fn, fn);
    this.mutex = run.catch(() => undefined);
    return run;
  }

  /** Runs a write transaction with a ticket, forgotten once the transaction has ended (committed or not). */
  async run<T>(fn: (ticket: SeqTicket) => Promise<T>): Promise<T> {
    const ticket: SeqTicket = { start: null };
    this.open.add(ticket);
    try {
      return await fn(ticket);
    } finally {
      this.open.delete(ticket);
    }
  }

  /** The next n numbers, in order, for the ticket's transaction (`q`). */
  allocate(q: Sql, ticket: SeqTicket, n: number): Promise<number[]> {
    if (n === 0) return Promise.resolve([]);
    return this.locked(async () => {
      const rows = await q.query<{ n: number }>("SELECT nextval('change_seq') AS n FROM generate_series(1, $1::int)", [n]);
      const seqs = rows.map((r) => Number(r.n)).sort((a, b) => a - b);
      if (ticket.start === null) ticket.start = seqs[0]!;
      return seqs;
    });
  }

  /** The highest sequence number below which every write has committed. */
  watermark(db: HubDb): Promise<number> {
    return db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock_shared($1)', [INGEST_LOCK]);
      return this.locked(async () => {
        const [seq] = await q.query<{ last_value: number; is_called: boolean }>('SELECT last_value, is_called FROM change_seq');
        let mark = seq!.is_called ? Number(seq!.last_value) : 0;
        for (const t of this.open) if (t.start !== null && t.start - 1 < mark) mark = t.start - 1;
        return mark;
      });
    });
  }
}
