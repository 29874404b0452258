import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonFields } from '../../../shared/contract/persons.js';
import {
  addMonths,
  addQuarters,
  cohort,
  computeIndicators,
  computeQuarterIndicators,
  type IndicatorEnrollment,
  type IndicatorFollowup,
} from '../../../shared/ncd/indicators.js';
import { bpMean } from '../../../shared/ncd/measures.js';
import { addDays } from '../../../shared/visits/station-date.js';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';

/**
 * The indicator loading (repo.ts `indicatorDataForMonths`: only each enrollment's latest visit before the loaded
 * window, the 12-month trend loaded once) gives exactly what the pure functions give over every follow-up, for
 * every month of the trend, each month asked on its own, a quarter with its cohort, and a hamlet. 36 patients with
 * two years of random follow-ups recorded through the procedures: readings or none, two readings, two follow-ups
 * on one day, follow-ups that are not visits (nothing measured, dispensed or booked), glucose and HbA1c, ended
 * enrollments and deaths.
 */

const TODAY = '2026-11-20';
let t: TestStation;
let doctor: string;
let hamletIds: string[];
const plain: { program: string; hamlet: number; e: IndicatorEnrollment; f: IndicatorFollowup[]; appointment: string | null }[] = [];

/** Small deterministic generator (mulberry32), so a failure can be reproduced. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), chance: (p: number) => next() < p };
}

beforeAll(async () => {
  t = createTestStation(new Date(`${TODAY}T02:00:00Z`));
  const admin = await setUpStation(t);
  doctor = await signInAs(t, admin, 'physician');
  hamletIds = (await t.ok('hamlets.list', {}, { token: admin })).hamlets.map((h) => h.id);
  const households: string[] = [];
  for (const [i, hamletId] of hamletIds.slice(0, 2).entries()) {
    const head = { fullName: `Chủ hộ ${i + 1}`, sex: 'M', birthDate: '1950-01-01', ethnicityCode: '01', nationality: 'Việt Nam' } as PersonFields;
    households.push((await t.ok('households.create', { hamletId, address: `Xóm ${i + 1}`, head, confirmNotDuplicate: true }, { token: admin })).household.id);
  }
  const r = prng(8);
  let tick = 0;
  // Every write is recorded "now" (20/11/2026) with back-dated dates; the clock ticks so creation order breaks ties.
  const step = () => {
    tick++;
    const at = new Date(Date.parse(`${TODAY}T02:00:00Z`) + tick * 1000);
    t.setClock(at);
    return at.toISOString();
  };
  for (let i = 0; i < 36; i++) {
    const hamlet = i % 2;
    const fields = { fullName: `Bệnh nhân ${i + 1}`, sex: i % 3 ? 'F' : 'M', birthDate: '1955-05-05', ethnicityCode: '01', nationality: 'Việt Nam' } as PersonFields;
    const personId = (await t.ok('persons.register', { householdId: households[hamlet]!, relationToHead: 'other', person: fields, confirmNotDuplicate: true }, { token: doctor })).person.id;
    const program = i % 4 === 3 ? 'diabetes_t2' : 'hypertension';
    // Enrolled from mid-2023 to a few weeks ago (some exactly on a month's first or last day).
    let enrolledOn = addDays('2023-06-01', r.int(0, 1230));
    if (i % 9 === 0) enrolledOn = `${enrolledOn.slice(0, 7)}-01`;
    step();
    const { enrollment } = await t.ok('ncd.enroll', { personId, program, enrolledOn, icdCode: program === 'diabetes_t2' ? 'E11.9' : 'I10' }, { token: doctor });
    const f: IndicatorFollowup[] = [];
    let date = enrolledOn;
    // The appointment now due: the programs' 30 days after enrollment, then after each follow-up (none when a
    // follow-up booked none).
    let appointment: string | null = addDays(enrolledOn, 30);
    const visits = r.int(0, 14);
    for (let v = 0; v < visits; v++) {
      date = addDays(date, r.chance(0.15) ? 0 : r.int(20, 120));
      if (date >= TODAY) break;
      const bp1 = r.chance(0.75) ? { systolic: r.int(115, 175), diastolic: r.int(65, 105) } : null;
      const bp2 = bp1 && r.chance(0.3) ? { systolic: r.int(115, 175), diastolic: r.int(65, 105) } : null;
      const glucose = program === 'diabetes_t2' && r.chance(0.7) ? { value: r.int(90, 330), unit: 'mg_dl' as const, type: r.chance(0.7) ? ('fasting' as const) : ('random' as const) } : null;
      const hba1c = program === 'diabetes_t2' && r.chance(0.25) ? r.int(55, 110) / 10 : null;
      const notAVisit = !bp1 && !glucose && !hba1c && r.chance(0.5);
      const medicines = notAVisit || r.chance(0.2) ? [] : [{ name: 'Amlodipin 5 mg', unit: 'viên', quantity: 30, days: 30 }];
      const order = step();
      await t.ok(
        'ncd.recordFollowup',
        { enrollmentId: enrollment.id, date, bp1, bp2, glucose, hba1c, medicines, ...(notAVisit ? { nextAppointment: null } : {}) },
        { token: doctor },
      );
      const bp = bpMean([bp1, bp2]);
      appointment = notAVisit ? null : addDays(date, 30);
      f.push({
        enrollmentId: enrollment.id,
        date,
        order,
        bp,
        sugar: hba1c != null ? { kind: 'hba1c', percent: hba1c } : glucose ? { kind: 'glucose', type: glucose.type, mgdl: glucose.value } : null,
        medicineRefill: medicines.length > 0,
        appointmentScheduled: !notAVisit,
      });
    }
    let endedOn: string | null = null;
    if (i % 7 === 5) {
      endedOn = addDays(date, r.int(1, 200));
      if (endedOn < TODAY) await t.ok('ncd.endEnrollment', { id: enrollment.id, endedOn, reason: 'transferred' }, { token: doctor });
      else endedOn = null;
    } else if (i % 11 === 4) {
      endedOn = addDays(date, r.int(1, 150));
      if (endedOn < TODAY) await t.ok('persons.recordLifeEvent', { personId, kind: 'died', date: endedOn }, { token: doctor });
      else endedOn = null;
    }
    plain.push({ program, hamlet, e: { id: enrollment.id, enrolledOn, endedOn }, f, appointment });
  }
}, 120_000);
afterAll(() => t.cleanup());

const pure = (program: string, hamlet?: number) => {
  const mine = plain.filter((p) => p.program === program && (hamlet === undefined || p.hamlet === hamlet));
  return { e: mine.map((p) => p.e), f: mine.flatMap((p) => p.f) };
};

describe('indicator loading', () => {
  it('has data that exercises the rules', () => {
    const all = plain.flatMap((p) => p.f);
    expect(plain.filter((p) => p.e.endedOn).length).toBeGreaterThanOrEqual(3);
    expect(all.filter((f) => !f.bp && !f.sugar && !f.medicineRefill && !f.appointmentScheduled).length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(150);
  });

  it('lists as overdue exactly the active enrollments whose current appointment has passed', async () => {
    const { rows, lost, total, lostTotal } = await t.ok('ncd.overdueList', { limit: 5000 }, { token: doctor });
    const today = TODAY; // the station clock stays on 20/11/2026
    const expected = plain.filter((p) => !p.e.endedOn && p.appointment !== null && p.appointment < today);
    const lostAfter = addDays(today, -365);
    expect([...rows, ...lost].map((r) => r.enrollmentId).sort()).toEqual(expected.map((p) => p.e.id).sort());
    expect(lostTotal).toBe(expected.filter((p) => p.appointment! < lostAfter).length);
    expect(total).toBe(expected.length - lostTotal);
    expect(rows.every((r) => r.appointmentDate === plain.find((p) => p.e.id === r.enrollmentId)!.appointment)).toBe(true);
    // Some enrollments are left out only because their latest follow-up booked no appointment.
    expect(plain.some((p) => !p.e.endedOn && p.appointment === null)).toBe(true);
    const hamlet = await t.ok('ncd.overdueList', { program: 'hypertension', hamletId: hamletIds[1], limit: 5000 }, { token: doctor });
    expect(hamlet.total + hamlet.lostTotal).toBe(expected.filter((p) => p.program === 'hypertension' && p.hamlet === 1).length);
  });

  for (const [program, hamlet] of [['hypertension', undefined], ['hypertension', 1], ['diabetes_t2', undefined]] as const) {
    it(`gives the pure functions' result for every month of the trend, each month on its own, and a quarter: ${program}${hamlet === undefined ? '' : ', one hamlet'}`, async () => {
      const hamletId = hamlet === undefined ? undefined : hamletIds[hamlet];
      const { e, f } = pure(program, hamlet);
      const month = '2026-10';
      const api = await t.ok('ncd.indicators', { period: month, program, hamletId, trend: true }, { token: doctor });
      const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
      expect(api.trend.map((m) => m.month)).toEqual(months);
      expect(api.trend).toEqual(months.map((m) => computeIndicators(e, f, m)));
      expect(api.indicators).toEqual(api.trend[11]);
      // Each month asked on its own (its own, smaller load) equals the same month of the trend.
      for (const [i, m] of months.entries()) {
        expect((await t.ok('ncd.indicators', { period: m, program, hamletId }, { token: doctor })).indicators).toEqual(api.trend[i]);
      }
      // The figures are not trivial: every outcome occurs in some month.
      if (hamlet === undefined) {
        for (const pick of [(m: (typeof api.trend)[0]) => m.lostToFollowUp, (m: (typeof api.trend)[0]) => m.bp.controlled, (m: (typeof api.trend)[0]) => m.bp.uncontrolled, (m: (typeof api.trend)[0]) => m.bp.missedVisit, (m: (typeof api.trend)[0]) => m.bp.visitedNoBp]) {
          expect(api.trend.some((m) => pick(m) > 0)).toBe(true);
        }
      }
      for (const quarter of ['2026-Q3', '2025-Q4']) {
        const q = await t.ok('ncd.indicators', { period: quarter, program, hamletId, trend: true }, { token: doctor });
        expect(q.indicators).toEqual(computeQuarterIndicators(e, f, quarter));
        expect(q.cohort).toEqual(cohort(e, f, addQuarters(quarter, -2)));
        expect(q.trend[11]).toEqual(computeIndicators(e, f, q.trend[11]!.month));
      }
    }, 60_000);
  }
});
