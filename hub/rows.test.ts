import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldMeta, type FieldMeta, type RowState } from '../shared/sync/merge.js';
import { compactMeta, readMeta, singleOrigin, storedMeta } from './rows.js';

/** How rows are stored: compacting the per-field clocks keeps every field's clock; the single origin is exact. */
const entry = fc.tuple(fc.constantFrom('h1', 'h2', 'h3'), fc.integer({ min: 1, max: 3 }), fc.constantFrom('nodeA', 'nodeB')) as fc.Arbitrary<FieldMeta>;
const state = fc
  .record({ cols: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1 }), base: entry, own: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), entry) })
  .map(({ cols, base, own }): RowState => ({
    vals: Object.fromEntries(cols.map((c) => [c, c])),
    meta: { '': base, ...Object.fromEntries(Object.entries(own).filter(([c]) => (cols as string[]).includes(c))) },
  }));

describe('stored row state', () => {
  it('compactMeta keeps the clock of every field and never grows', () => {
    fc.assert(
      fc.property(state, (s) => {
        const compact = { vals: s.vals, meta: compactMeta(s) };
        for (const col of Object.keys(s.vals)) expect(fieldMeta(compact, col)).toEqual(fieldMeta(s, col));
        expect(Object.keys(compact.meta).length).toBeLessThanOrEqual(Object.keys(s.meta).length);
        expect(singleOrigin(compact)).toBe(singleOrigin(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('a visit received then examined keeps one default entry, not one per field', () => {
    const received: FieldMeta = ['t1', 5, 'st'];
    const examined: FieldMeta = ['t2', 5, 'st'];
    const vals = Object.fromEntries(['person_id', 'reason', 'status', 'pulse', 'findings', 'advice'].map((c) => [c, 1]));
    const s: RowState = { vals, meta: { '': received, status: examined, pulse: examined, findings: examined, advice: examined } };
    expect(compactMeta(s)).toEqual({ '': examined, person_id: received, reason: received });
    expect(singleOrigin(s)).toBe('st');
  });

  it('clocks shared by several fields are stored once and read back exactly', () => {
    fc.assert(
      fc.property(state, (s) => {
        const compact = compactMeta(s);
        const stored = storedMeta(compact);
        expect(readMeta(JSON.parse(JSON.stringify(stored)))).toEqual(compact);
        expect(JSON.stringify(stored).length).toBeLessThanOrEqual(JSON.stringify(compact).length);
      }),
      { numRuns: 2000 },
    );
    const a: FieldMeta = ['t1', 5, 'st'];
    const b: FieldMeta = ['t2', 6, 'st'];
    expect(storedMeta({ '': a, status: b, pulse: b, reason: ['t3', 7, 'x'] })).toEqual({ '': a, '@1': b, status: '@1', pulse: '@1', reason: ['t3', 7, 'x'] });
    // Rows stored before: read as they are.
    expect(readMeta({ '': a, status: b })).toEqual({ '': a, status: b });
  });
});
