import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs, type TestStation } from '../testing/station.js';
import { freshImmStation, seedImmFamily } from './testing.js';

let t: TestStation;
let admin: string;
let nurse: string;

beforeEach(async () => ({ t, admin, nurse } = await freshImmStation()));
afterEach(() => t.cleanup());

const count = (sql: string, ...params: unknown[]) => (t.station.sqlite.prepare(sql).get(...params) as { n: number }).n;

describe('recording doses and the card', () => {
  it('records birth doses given at the hospital, and the card shows the next DPT-VGB-Hib dose with its dates', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Gia Bảo', birthDate: '2026-01-10' }] });
    const child = f.children[0]!.id;
    const hepb = await t.ok('imm.recordDose', { personId: child, vaccineCode: 'VGB', givenOn: '2026-01-10', givenElsewhere: true, place: 'Bệnh viện huyện' }, { token: nurse });
    expect(hepb.dose).toMatchObject({ seriesKey: 'hepb-birth', doseNumber: 1, valid: true, givenElsewhere: true, place: 'Bệnh viện huyện', within24h: true });
    expect(hepb.warnings).toEqual([]);
    await t.ok('imm.recordDose', { personId: child, vaccineCode: 'BCG', givenOn: '2026-01-20', givenElsewhere: true, place: 'Bệnh viện huyện' }, { token: nurse });

    const card = await t.ok('imm.personCard', { personId: child }, { token: nurse });
    expect(card.cards.map((c) => c.family)).toEqual(['epi-children']);
    const series = Object.fromEntries(card.cards[0]!.series.map((s) => [s.key, s]));
    expect(series['hepb-birth']!.state).toBe('complete');
    expect(series.bcg!.state).toBe('complete');
    // Born 10/01/2026: DPT-VGB-Hib 1 from 2 months (10/03), overdue at 3 months (10/04); on 15/03 it is due.
    expect(series.dpt!.vaccineCodes).toEqual(['DPT-VGB-Hib', '6in1', 'DPT']);
    expect(series.dpt).toMatchObject({ state: 'due', next: { doseNumber: 1, earliest: '2026-03-10', due: '2026-03-10', overdue: '2026-04-10' } });
    expect(card.person.phones).toEqual(['0987000111', '0912345678']);
    expect(card.person).toMatchObject({ motherName: 'Trần Thị Mẹ Nguyễn', fatherName: 'Nguyễn Văn Bố', hamletName: 'Thôn 1' });
  });

  it('records a dose before the minimum age as invalid with a warning, and it does not count', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Minh An', birthDate: '2026-01-10' }] });
    const child = f.children[0]!.id;
    // 40 days old: DPT-VGB-Hib 1 is given from 2 months.
    const early = await t.ok('imm.recordDose', { personId: child, vaccineCode: 'DPT-VGB-Hib', givenOn: '2026-02-19', givenElsewhere: true, place: 'Phòng khám tư' }, { token: nurse });
    expect(early.dose).toMatchObject({ valid: false, invalidReason: 'too-early-age' });
    expect(early.warnings.map((w) => w.key)).toEqual(['imm.warn.invalidDose']);
    expect(early.warnings[0]!.message).toContain('chưa đủ tuổi tối thiểu');
    const card = await t.ok('imm.personCard', { personId: child }, { token: nurse });
    const dpt = card.cards[0]!.series.find((s) => s.key === 'dpt')!;
    expect(dpt.validDoses).toBe(0);
    expect(dpt.doses).toHaveLength(1);
    expect(dpt.doses[0]).toMatchObject({ valid: false, invalidReason: 'too-early-age' });
    // The valid dose later is dose 1.
    const ok = await t.ok('imm.recordDose', { personId: child, vaccineCode: 'DPT-VGB-Hib', givenOn: '2026-03-12', givenElsewhere: true, place: 'Phòng khám tư' }, { token: nurse });
    expect(ok.dose).toMatchObject({ valid: true, doseNumber: 1 });
  });

  it('refuses the same dose twice: the same series on the same day, or a dose number already valid', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Văn Cường', birthDate: '2025-09-01' }] });
    const child = f.children[0]!.id;
    await t.ok('imm.recordDose', { personId: child, vaccineCode: 'DPT-VGB-Hib', doseNumber: 1, givenOn: '2025-11-03', givenElsewhere: true, place: 'TYT xã bên' }, { token: nurse });
    const sameDay = await t.call('imm.recordDose', { personId: child, vaccineCode: 'DPT-VGB-Hib', givenOn: '2025-11-03', givenElsewhere: true, place: 'TYT xã bên' }, { token: nurse });
    expect(sameDay.ok ? null : sameDay.error.code).toBe('IMM_DOSE_DUPLICATE');
    const again = await t.call('imm.recordDose', { personId: child, vaccineCode: 'DPT-VGB-Hib', doseNumber: 1, givenOn: '2025-12-10', givenElsewhere: true, place: 'TYT xã bên' }, { token: nurse });
    expect(again.ok ? null : again.error.code).toBe('IMM_DOSE_DUPLICATE');
    expect(again.ok ? '' : again.error.message).toContain('03/11/2025');
    expect(count(`SELECT COUNT(*) AS n FROM imm_doses WHERE person_id = ?`, child)).toBe(1);
  });

  it('warns when the written dose number is not the one the dose counts as', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Thị Dung', birthDate: '2025-06-01', sex: 'F' }] });
    const r = await t.ok('imm.recordDose', { personId: f.children[0]!.id, vaccineCode: 'DPT-VGB-Hib', doseNumber: 3, givenOn: '2025-10-01', givenElsewhere: true, place: 'Bệnh viện tỉnh' }, { token: nurse });
    expect(r.dose).toMatchObject({ doseNumber: 1, doseNumberRecorded: 3, valid: true });
    expect(r.warnings.map((w) => w.key)).toEqual(['imm.warn.doseNumber']);
  });

  it('refuses a future date, a date before birth, a vaccine not in the schedule, and a dose elsewhere without a place', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Văn Em', birthDate: '2026-01-10' }] });
    const child = f.children[0]!.id;
    const cases = [
      [{ givenOn: '2026-03-16', vaccineCode: 'BCG', place: 'BV' }, 'givenOn'],
      [{ givenOn: '2026-01-09', vaccineCode: 'BCG', place: 'BV' }, 'givenOn'],
      [{ givenOn: '2026-02-01', vaccineCode: 'COVID', place: 'BV' }, 'vaccineCode'],
      [{ givenOn: '2026-02-01', vaccineCode: 'BCG' }, 'place'],
    ] as const;
    for (const [over, path] of cases) {
      const r = await t.call('imm.recordDose', { personId: child, givenElsewhere: true, ...over }, { token: nurse });
      expect(r.ok ? null : r.error.details?.fields?.[0]?.path, JSON.stringify(over)).toBe(path);
    }
    expect(count(`SELECT COUNT(*) AS n FROM imm_doses`)).toBe(0);
  });

  it('voids a mistaken dose: kept for history, no longer counted', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Văn Phúc', birthDate: '2026-01-10' }] });
    const child = f.children[0]!.id;
    const d = await t.ok('imm.recordDose', { personId: child, vaccineCode: 'BCG', givenOn: '2026-01-12', givenElsewhere: true, place: 'BV' }, { token: nurse });
    const v = await t.ok('imm.voidDose', { id: d.dose.id, reason: 'Nhập nhầm trẻ khác' }, { token: nurse });
    expect(v.dose).toMatchObject({ voided: true, voidReason: 'Nhập nhầm trẻ khác' });
    const card = await t.ok('imm.personCard', { personId: child }, { token: nurse });
    expect(card.cards[0]!.series.find((s) => s.key === 'bcg')!.validDoses).toBe(0);
    expect(card.voided.map((x) => x.id)).toEqual([d.dose.id]);
    const again = await t.call('imm.voidDose', { id: d.dose.id, reason: 'Nhập nhầm lần nữa' }, { token: nurse });
    expect(again.ok ? null : again.error.code).toBe('IMM_STATE_INVALID');
  });

  it('records a pregnancy from the last period, counts UV doses toward the tetanus schedule, refuses a second ongoing pregnancy', async () => {
    const f = await seedImmFamily(t, admin);
    const p = await t.ok('imm.recordPregnancy', { personId: f.motherId, lmp: '2026-01-01' }, { token: nurse });
    expect(p.pregnancy).toMatchObject({ expectedDelivery: '2026-10-08', ongoing: true });
    const second = await t.call('imm.recordPregnancy', { personId: f.motherId, expectedDelivery: '2026-11-01' }, { token: nurse });
    expect(second.ok ? null : second.error.details?.fields?.[0]?.path).toBe('expectedDelivery');
    const man = await t.call('imm.recordPregnancy', { personId: f.fatherId, expectedDelivery: '2026-11-01' }, { token: nurse });
    expect(man.ok ? null : man.error.details?.fields?.[0]?.path).toBe('personId');

    await t.ok('imm.recordDose', { personId: f.motherId, vaccineCode: 'UV', givenOn: '2026-02-20', givenElsewhere: true, place: 'TYT xã bên' }, { token: nurse });
    const card = await t.ok('imm.personCard', { personId: f.motherId }, { token: nurse });
    expect(card.cards.map((c) => c.family)).toEqual(['tetanus-women']);
    const uv = card.cards[0]!.series[0]!;
    // UV2 at least a month after UV1 (not yet on 15/03), overdue one month before the expected delivery.
    expect(uv).toMatchObject({ validDoses: 1, state: 'not-yet-eligible', next: { label: 'UV2', earliest: '2026-03-20', overdue: '2026-09-08' } });

    const women = await t.ok('imm.women', { pregnantOnly: true }, { token: nurse });
    expect(women.rows.map((r) => [r.person.id, r.uvDoses, r.pregnancy?.expectedDelivery])).toEqual([[f.motherId, 1, '2026-10-08']]);
    await t.ok('imm.endPregnancy', { id: p.pregnancy.id, endedOn: '2026-03-10', outcome: 'miscarriage' }, { token: nurse });
    expect((await t.ok('imm.women', { pregnantOnly: true }, { token: nurse })).total).toBe(0);
  });

  it('lists children under 6 by hamlet with a schedule summary', async () => {
    await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Bé Một', birthDate: '2026-01-10' }, { name: 'Nguyễn Bé Hai', birthDate: '2019-01-10' }] });
    await seedImmFamily(t, admin, { hamletIndex: 1, surname: 'Lê', children: [{ name: 'Lê Bé Ba', birthDate: '2025-03-01' }] });
    const all = await t.ok('imm.children', {}, { token: nurse });
    // The 7-year-old is not under 6; Thôn 1 first.
    expect(all.rows.map((r) => r.person.fullName)).toEqual(['Nguyễn Bé Một', 'Lê Bé Ba']);
    const first = all.rows[0]!;
    expect(first.ageMonths).toBe(2);
    expect(first.summary.dueLabels).toEqual(expect.arrayContaining(['BCG', 'DPT-VGB-Hib 1', 'bOPV 1', 'Rota 1']));
    // Born 10/01: BCG overdue from 10/02; the hepatitis B birth dose is no longer given after 7 days (expired).
    expect(first.summary).toMatchObject({ overdue: 1, complete: 0, nextDue: '2026-01-10' });
    const hamlet2 = await t.ok('imm.children', { hamletId: all.rows[1]!.person.hamletId! }, { token: nurse });
    expect(hamlet2.rows.map((r) => r.person.fullName)).toEqual(['Lê Bé Ba']);
  });

  it('only clinical staff record doses', async () => {
    const clerk = await signInAs(t, admin, 'clerk');
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Văn Giang', birthDate: '2026-01-10' }] });
    const r = await t.call('imm.recordDose', { personId: f.children[0]!.id, vaccineCode: 'BCG', givenOn: '2026-01-12', givenElsewhere: true, place: 'BV' }, { token: clerk });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});
