import { describe, expect, it } from 'vitest';
import type { HubDb } from './db.js';
import { SeqRegistry } from './watermark.js';

/** A database whose sequence reads are answered by the test, one at a time, with the value it chooses. */
function scriptedDb() {
  const pending: ((lastValue: number) => void)[] = [];
  const db = {
    script: () =>
      new Promise<Record<string, unknown>[][]>((resolve) => pending.push((v) => resolve([[], [], [{ last_value: v, is_called: true }], []]))),
  } as unknown as HubDb;
  return { db, pending };
}

describe('watermark reads', () => {
  it('are shared by callers at the same moment, and a caller never gets a read older than its call', async () => {
    const seqs = new SeqRegistry();
    const { db, pending } = scriptedDb();
    const first = seqs.watermark(db);
    // Asked while the first read is under way: they wait for one read that starts after them.
    const second = seqs.watermark(db);
    const third = seqs.watermark(db);
    expect(pending.length).toBe(1);
    pending.shift()!(10);
    expect(await first).toBe(10);
    await new Promise((r) => setTimeout(r, 0));
    expect(pending.length).toBe(1);
    pending.shift()!(25);
    expect([await second, await third]).toEqual([25, 25]);
    // Nothing under way: a caller starts its own read.
    const fourth = seqs.watermark(db);
    expect(pending.length).toBe(1);
    pending.shift()!(30);
    expect(await fourth).toBe(30);
  });

  it('stop below a write transaction still open', async () => {
    const seqs = new SeqRegistry();
    const { db, pending } = scriptedDb();
    const q = { query: async () => [{ n: 41 }, { n: 42 }] } as never;
    let mark: Promise<number> | null = null;
    await seqs.run(async (ticket) => {
      await seqs.allocate(q, ticket, 2);
      mark = seqs.watermark(db);
      pending.shift()!(42);
      expect(await mark).toBe(40);
    });
    const after = seqs.watermark(db);
    pending.shift()!(42);
    expect(await after).toBe(42);
  });
});
