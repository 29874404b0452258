import { describe, expect, it } from 'vitest';
import { addMonths, computeIndicators, computeMonths, trend, type IndicatorEnrollment, type IndicatorFollowup } from './indicators.js';
import type { SugarReading } from './measures.js';

/**
 * computeMonths (the trend's fast path: follow-ups sorted once, read backwards from each month's end) against
 * computeIndicators month by month (the reference the hand-computed tests pin down), on random data full of the
 * cases that decide the outcome: readings on the window edges, several follow-ups a day with and without a
 * recording order (ties keep their order), follow-ups that are not visits, ended enrollments, BP on the 140/90 edge,
 * glucose and HbA1c on the band edges.
 */

function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), chance: (p: number) => next() < p, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const day = (ym: string, d: number) => `${ym}-${String(d).padStart(2, '0')}`;
const EDGE_DAYS = [1, 1, 2, 15, 28, 30, 31];

function dataset(seed: number) {
  const r = prng(seed);
  const months = Array.from({ length: 30 }, (_, i) => addMonths('2024-06', i));
  const dateIn = () => {
    const ym = r.pick(months);
    const d = r.pick(EDGE_DAYS);
    return day(ym, Math.min(d, ym.endsWith('-02') ? 28 : ym.match(/-(04|06|09|11)$/) ? 30 : 31));
  };
  const enrollments: IndicatorEnrollment[] = [];
  const followups: IndicatorFollowup[] = [];
  for (let i = 0; i < 120; i++) {
    const id = `E${i}`;
    const enrolledOn = r.chance(0.2) ? '2023-01-15' : dateIn();
    enrollments.push({ id, enrolledOn, endedOn: r.chance(0.15) ? dateIn() : null });
    const n = r.int(0, 16);
    for (let k = 0; k < n; k++) {
      const sugar: SugarReading | null = r.chance(0.4)
        ? r.chance(0.3)
          ? { kind: 'hba1c', percent: r.pick([6.9, 7, 8.9, 9, 9.5]) }
          : { kind: 'glucose', type: r.pick(['fasting', 'random', 'post_meal'] as const), mgdl: r.pick([125.9, 126, 199.9, 200, 299.9, 300]) }
        : null;
      followups.push({
        enrollmentId: id,
        date: dateIn(),
        // Missing, repeated or distinct recording orders.
        ...(r.chance(0.7) ? { order: r.chance(0.3) ? 'same' : `T${r.int(10, 99)}` } : {}),
        bp: r.chance(0.6) ? { systolic: r.pick([120, 139.5, 140, 150]), diastolic: r.pick([80, 89.5, 90, 95]) } : null,
        sugar,
        medicineRefill: r.chance(0.5),
        appointmentScheduled: r.chance(0.5),
      });
    }
  }
  // Two follow-ups of one enrollment on one day in both orders of recording.
  followups.push({ enrollmentId: 'E0', date: '2026-03-05', order: 'b', bp: { systolic: 150, diastolic: 95 }, sugar: null, medicineRefill: true, appointmentScheduled: true });
  followups.push({ enrollmentId: 'E0', date: '2026-03-05', order: 'a', bp: { systolic: 120, diastolic: 70 }, sugar: null, medicineRefill: true, appointmentScheduled: true });
  return { enrollments, followups, months };
}

describe('computeMonths', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equals computeIndicators month by month (random set ${seed})`, () => {
      const { enrollments, followups, months } = dataset(seed);
      const expected = months.map((m) => computeIndicators(enrollments, followups, m));
      expect(computeMonths(enrollments, followups, months)).toEqual(expected);
      // not a trivial agreement: the outcomes vary
      const sum = (pick: (x: (typeof expected)[0]) => number) => expected.reduce((a, x) => a + pick(x), 0);
      for (const pick of [(x: (typeof expected)[0]) => x.bp.controlled, (x: (typeof expected)[0]) => x.bp.uncontrolled, (x: (typeof expected)[0]) => x.bp.visitedNoBp, (x: (typeof expected)[0]) => x.bp.missedVisit, (x: (typeof expected)[0]) => x.lostToFollowUp, (x: (typeof expected)[0]) => x.diabetes.high]) {
        expect(sum(pick)).toBeGreaterThan(0);
      }
    });
  }

  it("gives the 12-month trend, and leaves the caller's follow-ups in their order", () => {
    const { enrollments, followups } = dataset(9);
    const before = followups.map((f) => f.date).join();
    const t = trend(enrollments, followups, '2026-03');
    expect(t.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => addMonths('2025-04', i)));
    expect(t).toEqual(t.map((m) => computeIndicators(enrollments, followups, m.month)));
    expect(followups.map((f) => f.date).join()).toBe(before);
  });
});
