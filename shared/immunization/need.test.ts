import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vaccineNeed, vialsNeeded } from './need.js';

describe('vaccine need', () => {
  it.each([
    [12, 2, 20, 2], // BCG: 12 children × 2.0 / 20 → 1.2 → 2 vials
    [10, 1.67, 10, 2],
    [6, 1.33, 10, 1],
    [10, 1.1, 11, 1], // exactly one vial: no rounding up through floating-point error
    [3, 1.05, 1, 4],
    [0, 2, 20, 0],
  ])('%i doses × %f / %i per vial → %i vials', (doses, factor, size, vials) => {
    expect(vialsNeeded(doses, factor, size)).toBe(vials);
  });

  it('compares with whole vials on hand and never asks for a negative number', () => {
    const [row] = vaccineNeed([{ vaccineCode: 'MR', vaccineName: 'MR', doses: 25, vialSize: 10, wastageFactor: 1.67, onHandDoses: 25, nearestExpiry: null }]);
    expect(row).toMatchObject({ vials: 5, onHandVials: 2, shortfallVials: 3 });
    const [plenty] = vaccineNeed([{ vaccineCode: 'MR', vaccineName: 'MR', doses: 5, vialSize: 10, wastageFactor: 1.67, onHandDoses: 200, nearestExpiry: null }]);
    expect(plenty!.shortfallVials).toBe(0);
  });

  it('always plans at least the doses themselves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 1, max: 3, noNaN: true }), fc.integer({ min: 1, max: 50 }), (d, f, v) => {
        const vials = vialsNeeded(d, f, v);
        expect(vials * v).toBeGreaterThanOrEqual(d);
        expect(vials * v).toBeLessThan(d * f + v + 1e-6);
      }),
    );
  });
});
