import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { seedFamily } from '../visits/testing.js';

let t: TestStation;
let admin: string;
let nurse: string;
let family: Awaited<ReturnType<typeof seedFamily>>;

beforeEach(async () => {
  t = createTestStation(new Date('2026-03-15T02:00:00Z')); // 09:00 on 15/03/2026 in Viet Nam
  admin = await setUpStation(t);
  nurse = await signInAs(t, admin, 'nurse');
  family = await seedFamily(t, admin);
});
afterEach(() => t.cleanup());

const count = (table: string) => (t.station.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

async function visitWithBp(personId: string, systolic: number | null, diastolic: number | null) {
  const { visit } = await t.ok('visits.receive', { personId, reason: 'Đau đầu', insured: false }, { token: nurse });
  await t.ok('visits.save', { id: visit.id, vitals: { systolic, diastolic, pulse: 80 } }, { token: nurse });
  return visit.id;
}

describe('opportunistic screening', () => {
  it('records BP and glucose at a visit and offers the programs whose threshold is exceeded', async () => {
    const head = family.head.id; // born 1975
    const visitId = await visitWithBp(head, 128, 82);
    const r = await t.ok(
      'ncd.recordScreening',
      { personId: head, visitId, bp1: { systolic: 152, diastolic: 96 }, bp2: { systolic: 146, diastolic: 92 }, glucose: { value: 7.4, unit: 'mmol_l', type: 'fasting' } },
      { token: nurse },
    );
    expect(r.screening).toMatchObject({ visitId, date: '2026-03-15', bp: { systolic: 149, diastolic: 94 }, glucoseMgdl: 133.2, glucoseMmol: 7.4, glucoseUnitEntered: 'mmol_l', offered: ['hypertension', 'diabetes_t2'] });
    expect(r.offers.map((o) => [o.program, o.programName, o.reasonKey])).toEqual([
      ['hypertension', 'Tăng huyết áp', 'ncd.offer.bp'],
      ['diabetes_t2', 'Đái tháo đường típ 2', 'ncd.offer.fasting'],
    ]);
    expect(r.offers[1]!.reading).toEqual({ kind: 'glucose', type: 'fasting', mgdl: 133.2, mmol: 7.4 });
    // the visit page derives the same offers later (the screening's mean BP wins over the visit's single 128/82)
    const fromVisit = await t.ok('ncd.screeningOffers', { personId: head, visitId }, { token: nurse });
    expect(fromVisit.eligible).toBe(true);
    expect(fromVisit.offers.map((o) => o.program)).toEqual(['hypertension', 'diabetes_t2']);
    expect((await t.ok('ncd.screeningsForPerson', { personId: head }, { token: nurse })).screenings).toHaveLength(1);

    // once enrolled, that program is no longer offered
    await t.ok('ncd.enroll', { personId: head, program: 'hypertension', icdCode: 'I10' }, { token: nurse });
    expect((await t.ok('ncd.screeningOffers', { personId: head, visitId }, { token: nurse })).offers.map((o) => o.program)).toEqual(['diabetes_t2']);
    const again = await t.ok('ncd.recordScreening', { personId: head, hba1c: 6.8, bp1: { systolic: 160, diastolic: 100 } }, { token: nurse });
    expect(again.offers.map((o) => [o.program, o.reasonKey, o.reasonParams])).toEqual([['diabetes_t2', 'ncd.offer.hba1c', { percent: 6.8 }]]);
    expect(again.screening.offered).toEqual(['diabetes_t2']);
  });

  it("derives an offer from the visit's vital signs alone, and none below threshold", async () => {
    const high = await visitWithBp(family.head.id, 150, 88);
    const offers = await t.ok('ncd.screeningOffers', { personId: family.head.id, visitId: high }, { token: nurse });
    expect(offers.offers).toEqual([
      { program: 'hypertension', programName: 'Tăng huyết áp', reasonKey: 'ncd.offer.bp', reasonParams: { systolic: 150, diastolic: 88 }, reading: { kind: 'bp', systolic: 150, diastolic: 88 } },
    ]);
    // without a visit id: today's visits of the person
    expect((await t.ok('ncd.screeningOffers', { personId: family.head.id }, { token: nurse })).offers).toHaveLength(1);
    const normal = await visitWithBp(family.wife.id, 135, 85);
    expect((await t.ok('ncd.screeningOffers', { personId: family.wife.id, visitId: normal }, { token: nurse })).offers).toEqual([]);
    const unmeasured = await visitWithBp(family.wife.id, null, null);
    expect((await t.ok('ncd.screeningOffers', { personId: family.wife.id, visitId: unmeasured }, { token: nurse })).offers).toEqual([]);
    // a visit of another person is not found
    const other = await t.call('ncd.screeningOffers', { personId: family.wife.id, visitId: high }, { token: nurse });
    expect(!other.ok && other.error.code).toBe('NOT_FOUND');
  });

  it('refuses children, empty and impossible readings with clear messages, writing nothing', async () => {
    const clerk = await signInAs(t, admin, 'clerk');
    const before = [count('ncd_screenings'), count('change_log')];
    const child = await t.call('ncd.recordScreening', { personId: family.toddler.id, bp1: { systolic: 150, diastolic: 95 } }, { token: nurse });
    expect(!child.ok && child.error.details?.fields).toEqual([{ path: 'personId', message: 'Chỉ sàng lọc tăng huyết áp, đái tháo đường cho người từ 18 tuổi trở lên (người này 2 tuổi)' }]);
    // a child's visit with a high reading offers nothing
    const childVisit = await visitWithBp(family.toddler.id, 150, 95);
    expect(await t.ok('ncd.screeningOffers', { personId: family.toddler.id, visitId: childVisit }, { token: nurse })).toEqual({ eligible: false, offers: [] });
    const afterVisit = [count('ncd_screenings'), count('change_log')];
    expect(afterVisit[0]).toBe(before[0]);

    const empty = await t.call('ncd.recordScreening', { personId: family.head.id }, { token: nurse });
    expect(!empty.ok && empty.error.details?.fields?.[0]?.message).toBe('Nhập ít nhất một kết quả: huyết áp, đường huyết hoặc HbA1c');
    const impossible = await t.call('ncd.recordScreening', { personId: family.head.id, bp1: { systolic: 80, diastolic: 120 }, glucose: { value: 900, unit: 'mg_dl', type: 'random' } }, { token: nurse });
    expect(!impossible.ok && impossible.error.details?.fields?.map((f) => f.path)).toEqual(['bp1.systolic', 'glucose.value']);
    const wrongVisit = await t.call('ncd.recordScreening', { personId: family.head.id, visitId: childVisit, hba1c: 7 }, { token: nurse });
    expect(!wrongVisit.ok && wrongVisit.error.details?.fields?.[0]?.message).toBe('Lượt khám này không phải của người được sàng lọc');
    const denied = await t.call('ncd.recordScreening', { personId: family.head.id, hba1c: 7 }, { token: clerk });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    expect([count('ncd_screenings'), count('change_log')]).toEqual(afterVisit);
  });

  it('a year-only birth date counts by the year; age is taken on the screening date', async () => {
    // the wife was born in "1980": 46 in 2026
    const r = await t.ok('ncd.recordScreening', { personId: family.wife.id, date: '2026-03-01', glucose: { value: 210, unit: 'mg_dl', type: 'random' } }, { token: nurse });
    expect(r.screening.date).toBe('2026-03-01');
    expect(r.offers.map((o) => o.reasonKey)).toEqual(['ncd.offer.random']);
  });
});
