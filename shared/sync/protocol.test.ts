import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSyncRequest, syncRequestSchema, wireChangeProblem, wireChangeSchema, SYNC_LIMITS } from './protocol.js';

/** The hand-written check of pushed changes (the hub's hot path) must accept and refuse exactly what zod does. */
const hlc = fc.constantFrom('00001a2055ceb6f-0000-3dd98303dd4c28d9', '0000192550a6e80-0001-node.A:1', '1-2-3', '00001a2055ceb6f-000g-x', '');
const ident = fc.oneof(fc.constantFrom('persons', 'full_name', '_x', 'A', '1abc', 'a-b', 'x'.repeat(63), 'x'.repeat(64), ''), fc.string({ maxLength: 6 }));
const rowId = fc.oneof(fc.constantFrom('01a2055c-eb6f-7584-9eb2-16f793004769', 'p-1', 'a b', '', 'x'.repeat(64), 'x'.repeat(65), 'ä'), fc.string({ maxLength: 5 }));
const code = fc.constantFrom('01234', '40100', 'SYT', 'a.b-c_d', '', 'x'.repeat(33), 'a/b');
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.constant('a\u0000b'), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant([1]), fc.constant({ a: 1 }));
const fields = fc.oneof(fc.dictionary(ident, scalar, { maxKeys: 5 }), fc.constant(null), fc.constant([]), fc.constant('x'));
const change = fc.oneof(
  fc.record({ t: ident, id: rowId, o: code, h: hlc, f: fields }, { requiredKeys: [] }),
  fc.record({ t: fc.constant('persons'), id: fc.constant('p-1'), o: fc.constant('01234'), h: fc.constant('00001a2055ceb6f-0000-3dd98303dd4c28d9'), f: fields, extra: fc.anything() }),
  fc.anything(),
);

describe('wireChangeProblem', () => {
  it('agrees with wireChangeSchema on valid, malformed and hostile changes', () => {
    fc.assert(
      fc.property(change, (c) => {
        expect(wireChangeProblem(c) === null).toBe(wireChangeSchema.safeParse(c).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on the limits: field count and text length', () => {
    const base = { t: 'persons', id: 'p-1', o: '01234', h: '00001a2055ceb6f-0000-3dd98303dd4c28d9' };
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, i]));
    for (const f of [many(SYNC_LIMITS.maxFieldsPerChange), many(SYNC_LIMITS.maxFieldsPerChange + 1), { a: 'x'.repeat(SYNC_LIMITS.maxStringLength) }, { a: 'x'.repeat(SYNC_LIMITS.maxStringLength + 1) }]) {
      const c = { ...base, f };
      expect(wireChangeProblem(c) === null).toBe(wireChangeSchema.safeParse(c).success);
    }
    expect(wireChangeProblem({ ...base, f: JSON.parse('{"__proto__": "x"}') })).toMatch(/invalid field name/);
  });

  it('parseSyncRequest gives what syncRequestSchema gives, and names the bad change', () => {
    const good = { v: 1, node: 'n1', cursor: 3, push: { id: 'n1:1-2', changes: [{ t: 'persons', id: 'p-1', o: '01234', h: '00001a2055ceb6f-0000-3dd98303dd4c28d9', f: { full_name: 'Lò Thị Mai', deleted: 0 }, junk: 1 }] }, refetch: [['persons', 'p-2']] };
    const fast = parseSyncRequest(good);
    expect(fast).toEqual({ success: true, data: syncRequestSchema.parse(good) });
    const bad = { ...good, push: { id: 'n1:1-2', changes: [good.push.changes[0], { ...good.push.changes[0], t: 'DROP TABLE' }] } };
    expect(parseSyncRequest(bad)).toEqual({ success: false, issues: ['push.changes.1.t: invalid table name'] });
    expect(syncRequestSchema.safeParse(bad).success).toBe(false);
    expect(parseSyncRequest({ ...good, v: 2 }).success).toBe(false);
    expect(parseSyncRequest({ ...good, push: { id: 'n1', changes: new Array(SYNC_LIMITS.maxChangesPerBatch + 1).fill(good.push.changes[0]) } }).success).toBe(false);
  });
});
