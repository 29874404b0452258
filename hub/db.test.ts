import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, TestDatabases } from './testing/databases.js';

describe.each(BACKENDS)('hub database on %s', (backend) => {
  const dbs = new TestDatabases(backend);
  afterAll(() => dbs.close());

  it('a script runs its statements in one round trip, and one that fails inside its transaction leaves no connection in it', async () => {
    const db = await dbs.open();
    const results = await db.script('BEGIN; SELECT 1 AS a; SELECT 2 AS b; COMMIT');
    expect(results[1]).toEqual([{ a: 1 }]);
    expect(results[2]).toEqual([{ b: 2 }]);
    await expect(db.script('BEGIN; SELECT 1 / 0; COMMIT')).rejects.toThrow(/division by zero/);
    // More queries than the pool has connections: none is stuck in the aborted transaction.
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => db.query<{ n: number }>('SELECT $1::int AS n', [i])));
    expect(answers.map((r) => r[0]!.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(await db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
