import { describe, expect, it } from 'vitest';
import { cohort, computeIndicators, computeQuarterIndicators, patientStatus, trend, type IndicatorEnrollment, type IndicatorFollowup } from './indicators.js';
import { bpMean, mmolToMgdl, type SugarReading } from './measures.js';

/**
 * Hand-computed expectations from ../shared/domain/ncd.md (calendar rules in indicators.ts / docs/ncd.md).
 * Reporting month March 2026: E = 2026-03-31; last 12 months start 2025-04-01; last 3 months start 2026-01-01,
 * so the control denominator is "under care and enrolled on or before 2025-12-31".
 */
type F = Partial<IndicatorFollowup> & { date: string };
const fu = (enrollmentId: string, f: F): IndicatorFollowup => ({ enrollmentId, bp: null, sugar: null, medicineRefill: true, appointmentScheduled: true, ...f });
const bp = (systolic: number, diastolic: number) => ({ systolic, diastolic });

const enrollments: IndicatorEnrollment[] = [];
const followups: IndicatorFollowup[] = [];
function patient(id: string, enrolledOn: string, endedOn: string | null, fs: F[]) {
  enrollments.push({ id, enrolledOn, endedOn });
  for (const f of fs) followups.push(fu(id, f));
}

// P1 registered exactly 3 months before E (2025-12-31): before 2026-01-01 → in the denominator; latest BP 130/80 → controlled.
patient('P1', '2025-12-31', null, [{ date: '2026-02-10', bp: bp(130, 80) }]);
// P2 registered 2026-01-01 (inside the last 3 months): under care, NOT in the denominator (its BP is irrelevant).
patient('P2', '2026-01-01', null, [{ date: '2026-03-01', bp: bp(150, 95) }]);
// P3 visit without BP: refill on 2026-02-20 with no reading; its only BP (2025-12-20) is older than 3 months → visited, no BP.
//    Cohort 2025-Q2 (enrolled 15/06/2025): outcome quarter 2025-Q4 has the 120/70 reading → controlled.
patient('P3', '2025-06-15', null, [{ date: '2025-12-20', bp: bp(120, 70) }, { date: '2026-02-20' }]);
// P4 two readings the same day, recorded as two follow-ups on 2026-03-05: 150/96 at 08:00, 128/82 at 10:00 → the later
//    one is the latest BP → controlled. Cohort 2025-Q2 (enrolled 10/05/2025): nothing in Oct–Dec 2025 → missed visit.
patient('P4', '2025-05-10', null, [
  { date: '2026-03-05', order: '2026-03-05T08:00', bp: bp(150, 96) },
  { date: '2026-03-05', order: '2026-03-05T10:00', bp: bp(128, 82) },
]);
// P5 two readings in one visit (150/95 and 130/85): the mean 140/90 is not < 140/90 → uncontrolled. A visit after E
//    (2026-04-05, 120/70) is ignored. Cohort 2025-Q2 (enrolled 30/06/2025): 150/90 on 2025-11-11 → uncontrolled.
patient('P5', '2025-06-30', null, [
  { date: '2025-11-11', bp: bp(150, 90) },
  { date: '2026-02-14', bp: bpMean([bp(150, 95), bp(130, 85)]) },
  { date: '2026-04-05', bp: bp(120, 70) },
]);
// P6 died on 2026-02-01 (≤ E) → excluded from every count, registered included.
patient('P6', '2024-01-10', '2026-02-01', [{ date: '2026-01-15', bp: bp(125, 75) }]);
// P7 transferred on 2026-03-31 (= E, so ≤ E) → excluded in March. Cohort 2025-Q2 (enrolled 20/04/2025): it left after
//    the outcome quarter, and in Oct–Dec 2025 it only had a refill → visited, no BP.
patient('P7', '2025-04-20', '2026-03-31', [{ date: '2025-12-01' }, { date: '2026-02-02', bp: bp(120, 70) }]);
// P8 lost to follow-up: enrolled 2024-06-01 (≥ 12 months ago), last visit 2025-03-31 — one day before the 12-month window.
patient('P8', '2024-06-01', null, [{ date: '2025-03-31', bp: bp(135, 85) }]);
// P9 under care only through a visit (2025-10-10) in the last 12 months; nothing that counts as a visit in Jan–Mar (the
//    2026-02-02 record has no reading, no refill and no appointment — not a visit by ncd.md) → missed visit.
patient('P9', '2025-02-01', null, [
  { date: '2025-10-10', bp: bp(150, 90) },
  { date: '2026-02-02', medicineRefill: false, appointmentScheduled: false },
]);
// P10 registered exactly 12 months before the window end (2025-04-01 = first day of the 12-month window): under care
//    because registered < 12 months ago, no visit at all → in the denominator as missed visit. Cohort 2025-Q2 → missed.
patient('P10', '2025-04-01', null, []);
// P11 registered after E (2026-04-02) → not counted at all.
patient('P11', '2026-04-02', null, [{ date: '2026-04-02', bp: bp(120, 70) }]);
// P12 registered on E (2026-03-31): registered, newly registered, under care, not in the denominator.
patient('P12', '2026-03-31', null, [{ date: '2026-03-31', bp: bp(170, 100) }]);

describe('hypertension indicators, March 2026 (hand-computed)', () => {
  const r = computeIndicators(enrollments, followups, '2026-03');

  it('registered, new, under care, lost to follow-up', () => {
    // registered: P1 P2 P3 P4 P5 P8 P9 P10 P12 = 9 (P6 died, P7 transferred, P11 later)
    expect(r.registered).toBe(9);
    expect(r.newlyRegistered).toBe(1); // P12
    expect(r.underCare).toBe(8); // all registered but P8
    expect(r.lostToFollowUp).toBe(1); // P8
  });

  it('control denominator and the four shares', () => {
    // denominator: P1 P3 P4 P5 P9 P10 = 6
    expect(r.denominator).toBe(6);
    expect(r.bp).toEqual({ controlled: 2, uncontrolled: 1, visitedNoBp: 1, missedVisit: 2, controlRate: 2 / 6 });
    // no sugar readings: the four visited patients count as visited without sugar
    expect(r.diabetes).toEqual({ missedVisit: 2, visitedNoSugar: 4, low: 0, mid: 0, high: 0 });
  });

  it('per-patient standing', () => {
    const s = (id: string) => patientStatus(enrollments.find((e) => e.id === id)!, followups, '2026-03');
    expect(s('P1')).toMatchObject({ inDenominator: true, bp: 'controlled' });
    expect(s('P2')).toMatchObject({ underCare: true, inDenominator: false, bp: null });
    expect(s('P3').bp).toBe('visited_no_bp');
    expect(s('P6').excluded).toBe(true);
    expect(s('P7').excluded).toBe(true);
    expect(s('P8')).toMatchObject({ lostToFollowUp: true, underCare: false });
    expect(s('P10')).toMatchObject({ underCare: true, bp: 'missed_visit' });
    expect(s('P11').registered).toBe(false);
  });

  it('P7 is still counted in February (it left on 31/03)', () => {
    // Feb 2026: window 2025-12-01..2026-02-28. P7 has the refill (12-01) and 120/70 (02-02) → controlled.
    expect(patientStatus(enrollments.find((e) => e.id === 'P7')!, followups, '2026-02')).toMatchObject({ registered: true, bp: 'controlled' });
  });

  it('the quarter is its last month, with new registrations over the quarter', () => {
    const q = computeQuarterIndicators(enrollments, followups, '2026-Q1');
    expect({ ...q, newlyRegistered: 1 }).toEqual(r);
    expect(q.newlyRegistered).toBe(2); // P2 (01/01) and P12 (31/03)
  });

  it('trend: 12 months ending with the report month', () => {
    const t = trend(enrollments, followups, '2026-03');
    expect(t).toHaveLength(12);
    expect(t[0]!.month).toBe('2025-04');
    expect(t[11]).toEqual(r);
  });

  it('cohort: registered in 2025-Q2, outcome in 2025-Q4', () => {
    // P3 controlled, P5 uncontrolled, P7 visited no BP, P4 and P10 missed
    expect(cohort(enrollments, followups, '2025-Q2')).toEqual({
      quarter: '2025-Q2',
      outcomeQuarter: '2025-Q4',
      registered: 5,
      removed: 0,
      controlled: 1,
      uncontrolled: 1,
      visitedNoBp: 1,
      missedVisit: 2,
    });
    // P6 (registered 2024-Q1) died 2026-02-01, after its outcome quarter 2024-Q3 → not removed; no visits there → missed
    expect(cohort(enrollments, followups, '2024-Q1')).toMatchObject({ registered: 1, removed: 0, missedVisit: 1 });
    // P12 (2026-Q1): its outcome quarter 2026-Q3 is empty → missed; P2 likewise
    expect(cohort(enrollments, followups, '2026-Q1')).toMatchObject({ registered: 2, missedVisit: 2 });
  });
});

describe('diabetes bands, March 2026 (hand-computed)', () => {
  const e: IndicatorEnrollment[] = [];
  const f: IndicatorFollowup[] = [];
  const add = (id: string, enrolledOn: string, fs: { date: string; sugar?: SugarReading }[]) => {
    e.push({ id, enrolledOn, endedOn: null });
    for (const x of fs) f.push(fu(id, x));
  };
  const glucose = (type: 'fasting' | 'random' | 'post_meal', mgdl: number): SugarReading => ({ kind: 'glucose', type, mgdl });
  // D1 fasting 7.0 mmol/L = 126 mg/dL → fasting band 126–199 → mid
  add('D1', '2025-01-05', [{ date: '2026-03-10', sugar: glucose('fasting', mmolToMgdl(7.0)) }]);
  // D2 random 199 (low) in January, then HbA1c 9.0 % in March → latest is HbA1c ≥ 9 → high
  add('D2', '2025-02-01', [{ date: '2026-01-15', sugar: glucose('random', 199) }, { date: '2026-03-02', sugar: { kind: 'hba1c', percent: 9.0 } }]);
  // D3 post-meal 300 (high) in February, then random 180 in March → latest < 200 → low
  add('D3', '2025-03-01', [{ date: '2026-02-01', sugar: glucose('post_meal', 300) }, { date: '2026-03-15', sugar: glucose('random', 180) }]);
  // D4 HbA1c 6.9 % → low
  add('D4', '2025-08-08', [{ date: '2026-01-20', sugar: { kind: 'hba1c', percent: 6.9 } }]);
  // D5 refill without a sugar reading → visited, no sugar
  add('D5', '2025-07-01', [{ date: '2026-02-11' }]);

  it('bands of the latest reading', () => {
    const r = computeIndicators(e, f, '2026-03');
    expect(r.denominator).toBe(5);
    expect(r.diabetes).toEqual({ missedVisit: 0, visitedNoSugar: 1, low: 2, mid: 1, high: 1 });
  });
});
