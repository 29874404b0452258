import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScheduleJson } from '../../../shared/immunization/schedule-json.js';
import { TT10_2024_CHILDREN } from '../../../shared/immunization/schedules/index.js';
import type { TestStation } from '../testing/station.js';
import { freshImmStation, seedImmFamily } from './testing.js';

/**
 * Monthly coverage reads children's facts from imm_coverage_cache: every way a child's facts change — a dose recorded
 * or voided here, a dose or a correction arriving by sync (straight into the table), the household moving to another
 * hamlet, a new schedule version — must show in the next report.
 */

let t: TestStation;
let admin: string;
let nurse: string;

beforeEach(async () => ({ t, admin, nurse } = await freshImmStation()));
afterEach(() => t.cleanup());

const elsewhere = async (personId: string, vaccineCode: string, givenOn: string) =>
  (await t.ok('imm.recordDose', { personId, vaccineCode, givenOn, givenElsewhere: true, place: 'TYT xã bên' }, { token: nurse })).dose;
const march = (hamletId?: string) => t.ok('imm.coverage', { month: '2026-03', ...(hamletId ? { hamletId } : {}) }, { token: nurse });
/** A dose written by sync: straight into the table, not through the handlers. */
const syncedDose = (personId: string, vaccineCode: string, seriesKey: string, givenOn: string) => {
  const id = uuidv7();
  t.station.sqlite
    .prepare(
      `INSERT INTO imm_doses (id, owner_facility, hlc, deleted, person_id, vaccine_code, series_key, given_on, given_elsewhere, valid_when_recorded, created_at)
       VALUES (?, 'HUYEN', 'x', 0, ?, ?, ?, ?, 1, 1, '2026-03-12T00:00:00Z')`,
    )
    .run(id, personId, vaccineCode, seriesKey, givenOn);
  return id;
};

describe('coverage from the cached facts', () => {
  it('follows doses recorded, voided and arriving by sync, a correction by sync, a move to another hamlet and a new schedule version', async () => {
    const f = await seedImmFamily(t, admin, {
      children: [
        { name: 'Trẻ Một Tuổi', birthDate: '2025-03-05' },
        { name: 'Trẻ Sơ Sinh', birthDate: '2026-03-01' },
      ],
    });
    const [one, newborn] = [f.children[0]!, f.children[1]!];
    const { hamlets } = await t.ok('hamlets.list', {}, { token: nurse });
    // Everything for "fully immunized" but measles (first birthday 05/03/2026: the March cohort).
    await elsewhere(one.id, 'BCG', '2025-03-06');
    for (const date of ['2025-05-05', '2025-06-05', '2025-07-05']) {
      await elsewhere(one.id, 'DPT-VGB-Hib', date);
      await elsewhere(one.id, 'bOPV', date);
    }
    await elsewhere(one.id, 'IPV', '2025-08-05');
    // No hep B birth dose yet.
    let cov = await march();
    expect(cov.figures.fullyImmunizedCohort).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    expect(cov.figures.hepbBirthWithin24h).toEqual({ numerator: 0, denominator: 1, rate: 0 });

    // A dose recorded here: measles before the first birthday completes the child.
    const measles = await elsewhere(one.id, 'Soi', '2025-12-05');
    cov = await march();
    expect(cov.figures.fullyImmunizedCohort).toEqual({ numerator: 1, denominator: 1, rate: 100 });
    // … and the report of the month it completed (December 2025) counts it, cut at that month's end.
    expect((await t.ok('imm.coverage', { month: '2025-12' }, { token: nurse })).figures.fullyImmunizedUnder1).toBe(1);
    expect((await t.ok('imm.coverage', { month: '2025-11' }, { token: nurse })).figures.fullyImmunizedUnder1).toBe(0);

    // Voided: the child is no longer fully immunized.
    await t.ok('imm.voidDose', { id: measles.id, reason: 'Ghi nhầm ngày tiêm' }, { token: nurse });
    expect((await march()).figures.fullyImmunizedCohort).toEqual({ numerator: 0, denominator: 1, rate: 0 });

    // The measles dose arrives by sync instead.
    syncedDose(one.id, 'Soi', 'measles', '2026-01-10');
    expect((await march()).figures.fullyImmunizedCohort).toEqual({ numerator: 1, denominator: 1, rate: 100 });

    // Hep B birth dose the day of birth (within 24 h), then corrected by sync to "not within 24 h".
    const hepb = await elsewhere(newborn.id, 'VGB', '2026-03-01');
    expect((await march()).figures.hepbBirthWithin24h).toEqual({ numerator: 1, denominator: 1, rate: 100 });
    t.station.sqlite.prepare(`UPDATE imm_doses SET within_24h = 0, hlc = 'y' WHERE id = ?`).run(hepb.id);
    expect((await march()).figures.hepbBirthWithin24h).toEqual({ numerator: 0, denominator: 1, rate: 0 });

    // The household moves to Thôn 2: the children are counted there, not in Thôn 1.
    expect((await march()).byHamlet.map((h) => h.hamletName)).toEqual(['Thôn 1']);
    await t.ok('households.update', { id: f.householdId, hamletId: hamlets[1]!.id }, { token: admin });
    cov = await march();
    expect(cov.byHamlet.map((h) => [h.hamletName, h.figures.fullyImmunizedCohort.denominator])).toEqual([['Thôn 2', 1]]);
    expect((await march(hamlets[0]!.id)).figures.fullyImmunizedCohort.denominator).toBe(0);
    expect((await march(hamlets[1]!.id)).figures.fullyImmunizedCohort).toEqual({ numerator: 1, denominator: 1, rate: 100 });

    // A new version in force from 01/03/2026 with DPT-VGB-Hib 1 at 3 months: the dose given at 2 months no longer
    // counts, so the child has two valid doses of three and is not fully immunized in March. February (the old
    // version) is evaluated directly and is unchanged.
    const feb = await t.ok('imm.coverage', { month: '2026-02', trend: true }, { token: nurse });
    const v2 = structuredClone(TT10_2024_CHILDREN) as { -readonly [K in keyof typeof TT10_2024_CHILDREN]: unknown } & typeof TT10_2024_CHILDREN;
    Object.assign(v2, { id: 'test-2026-children', effectiveFrom: '2026-03-01' });
    const dpt = v2.series.find((s) => s.key === 'dpt')!.doses[0]! as { minimumAge: unknown; recommendedAge: unknown; overdueAge: unknown };
    Object.assign(dpt, { minimumAge: { months: 3 }, recommendedAge: { months: 3 }, overdueAge: { months: 4 } });
    await t.ok('imm.loadSchedule', { json: formatScheduleJson(v2) }, { token: admin });
    expect((await march()).figures.fullyImmunizedCohort).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    expect(await t.ok('imm.coverage', { month: '2026-02', trend: true }, { token: nurse })).toEqual(feb);
  });

  it('gives the trend month by month as the single months do', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Bé Xuân', birthDate: '2025-04-10' }] });
    const child = f.children[0]!;
    for (const [code, date] of [['BCG', '2025-04-11'], ['DPT-VGB-Hib', '2025-06-10'], ['DPT-VGB-Hib', '2025-07-10'], ['DPT-VGB-Hib', '2025-08-20']] as const) await elsewhere(child.id, code, date);
    await t.ok('imm.recordDose', { personId: child.id, vaccineCode: 'bOPV', givenOn: '2025-06-10', givenElsewhere: false }, { token: nurse });
    await t.ok('imm.recordPregnancy', { personId: f.motherId, expectedDelivery: '2025-12-20' }, { token: nurse });
    await elsewhere(f.motherId, 'UV', '2025-09-01');
    await t.ok('imm.recordDose', { personId: f.motherId, vaccineCode: 'UV', givenOn: '2025-10-05', givenElsewhere: false }, { token: nurse });
    const report = await t.ok('imm.coverage', { month: '2026-02', trend: true }, { token: nurse });
    expect(report.trend.map((p) => p.month)).toEqual(['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    for (const point of report.trend) {
      const single = await t.ok('imm.coverage', { month: point.month }, { token: nurse });
      expect(point).toEqual({ month: point.month, doses: single.dosesByVaccine.reduce((n, r) => n + r.total, 0), figures: single.figures });
    }
    const byMonth = new Map(report.trend.map((p) => [p.month, p]));
    // Drop-out year to date: DPT1 (June) and DPT3 (August) in 2025; a new year starts at zero.
    expect(byMonth.get('2025-07')!.figures.dptDropout).toMatchObject({ dpt1: 1, dpt3: 0 });
    expect(byMonth.get('2025-12')!.figures.dptDropout).toMatchObject({ dpt1: 1, dpt3: 1, rate: 0 });
    expect(byMonth.get('2026-01')!.figures.dptDropout).toMatchObject({ dpt1: 0, dpt3: 0 });
    // Doses given here: bOPV in June, the mother's UV2 in October (counted while pregnant); the pregnancy due in December is protected.
    expect(report.trend.filter((p) => p.doses > 0).map((p) => p.month)).toEqual(['2025-06', '2025-10']);
    expect(byMonth.get('2025-10')!.figures.pregnantUv2PlusInMonth).toBe(1);
    expect(byMonth.get('2025-12')!.figures.pregnantProtected).toEqual({ numerator: 1, denominator: 1, rate: 100 });
  });
});
