import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN, createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { seedImmFamily } from './testing.js';

let t: TestStation;
let admin: string;
let nurse: string;

const NOW = '2026-03-15T02:00:00Z'; // 09:00 on 15/03/2026 in Viet Nam: the session day

beforeEach(async () => {
  t = createTestStation(new Date(NOW));
  admin = await setUpStation(t);
  nurse = await signInAs(t, admin, 'nurse');
});
afterEach(() => t.cleanup());

async function at(iso: string) {
  t.setClock(new Date(iso));
  admin = (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
  nurse = (await t.ok('auth.login', { username: 'u_nurse', password: 'mat-khau-123' })).token!;
}

const onHand = async (lotId: string) => (await t.ok('imm.lots', { includeEmpty: true }, { token: nurse })).lots.find((l) => l.id === lotId)!.onHandDoses;

async function stock() {
  const dpt = await t.ok('imm.receiveStock', { vaccineCode: 'DPT-VGB-Hib', lotNumber: 'qv1234', expiry: '2027-06-30', vialSize: 1, vials: 20 }, { token: nurse });
  const opv = await t.ok('imm.receiveStock', { vaccineCode: 'bOPV', lotNumber: 'OPV-77', expiry: '2026-12-31', vialSize: 20, vials: 1 }, { token: nurse });
  const rota = await t.ok('imm.receiveStock', { vaccineCode: 'Rota', lotNumber: 'RT-9', expiry: '2026-04-01', vialSize: 1, vials: 10 }, { token: nurse });
  return { dpt: dpt.lot, opv: opv.lot, rota: rota.lot };
}

describe('vaccine stock ledger', () => {
  it('receives lots, sums movements to the stock on hand, warns near expiry and low stock, adjusts a count with a reason', async () => {
    const { dpt, rota } = await stock();
    expect(dpt).toMatchObject({ lotNumber: 'QV1234', onHandDoses: 20, onHandVials: 20, expired: false, nearExpiry: false });
    expect(rota.nearExpiry).toBe(true);
    // The same lot received again adds to it.
    const more = await t.ok('imm.receiveStock', { vaccineCode: 'DPT-VGB-Hib', lotNumber: 'QV1234', expiry: '2027-06-30', vialSize: 1, vials: 5 }, { token: nurse });
    expect(more.lot.onHandDoses).toBe(25);
    const wrongExpiry = await t.call('imm.receiveStock', { vaccineCode: 'DPT-VGB-Hib', lotNumber: 'QV1234', expiry: '2027-07-31', vialSize: 1, vials: 5 }, { token: nurse });
    expect(wrongExpiry.ok ? null : wrongExpiry.error.details?.fields?.[0]?.path).toBe('expiry');
    const expired = await t.call('imm.receiveStock', { vaccineCode: 'MR', lotNumber: 'MR-OLD', expiry: '2026-03-14', vialSize: 10, vials: 5 }, { token: nurse });
    expect(expired.ok ? null : expired.error.code).toBe('IMM_LOT_EXPIRED');

    const wasted = await t.ok('imm.adjustStock', { lotId: dpt.id, kind: 'wasted', doses: 2, wastageReason: 'broken' }, { token: nurse });
    expect(wasted.lot.onHandDoses).toBe(23);
    const noReason = await t.call('imm.adjustStock', { lotId: dpt.id, kind: 'count', countedDoses: 21 }, { token: nurse });
    expect(noReason.ok ? null : noReason.error.details?.fields?.[0]?.path).toBe('reason');
    const counted = await t.ok('imm.adjustStock', { lotId: dpt.id, kind: 'count', countedDoses: 21, reason: 'Kiểm kê cuối tháng' }, { token: nurse });
    expect(counted.movement).toMatchObject({ kind: 'adjusted', delta: -2 });
    expect(counted.lot.onHandDoses).toBe(21);
    const tooMany = await t.call('imm.adjustStock', { lotId: dpt.id, kind: 'returned', doses: 50 }, { token: nurse });
    expect(tooMany.ok).toBe(false);

    const s = await t.ok('imm.stock', {}, { token: nurse });
    const kinds = s.warnings.map((w) => `${w.kind}:${w.vaccineCode}`);
    expect(kinds).toContain('near_expiry:Rota');
    expect(kinds).toContain('low_stock:MR');
    expect(s.vaccines.find((v) => v.vaccineCode === 'DPT-VGB-Hib')!.onHandDoses).toBe(21);
    const ledger = await t.ok('imm.movements', { lotId: dpt.id }, { token: nurse });
    expect(ledger.movements.map((m) => m.kind).sort()).toEqual(['adjusted', 'received', 'received', 'wasted']);
    expect(ledger.movements.reduce((n, m) => n + m.delta, 0)).toBe(21);
  });
});

describe('an immunization day', () => {
  it('plans a session, lists who is due by hamlet, and runs check-in → screening → vaccination → observation → AEFI', async () => {
    const lots = await stock();
    const a = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Bé Hai Tháng', birthDate: '2026-01-10' }] });
    const b = await seedImmFamily(t, admin, { hamletIndex: 1, surname: 'Lê', children: [{ name: 'Lê Bé Sốt', birthDate: '2026-01-05' }] });
    const c = await seedImmFamily(t, admin, { hamletIndex: 2, surname: 'Lò', children: [{ name: 'Lò Bé Bản', birthDate: '2026-01-05' }] });
    const baby = a.children[0]!.id;
    const feverish = b.children[0]!.id;
    // Birth doses from the hospital: not due any more.
    for (const id of [baby, feverish]) {
      await t.ok('imm.recordDose', { personId: id, vaccineCode: 'VGB', givenOn: id === baby ? '2026-01-10' : '2026-01-05', givenElsewhere: true, place: 'BV huyện' }, { token: nurse });
      await t.ok('imm.recordDose', { personId: id, vaccineCode: 'BCG', givenOn: id === baby ? '2026-01-12' : '2026-01-07', givenElsewhere: true, place: 'BV huyện' }, { token: nurse });
    }
    const session = (await t.ok('imm.createSession', { date: '2026-03-15', place: 'Trạm Y tế xã', hamletIds: [a.hamletId, b.hamletId] }, { token: nurse })).session;
    expect(session).toMatchObject({ status: 'planned', hamletNames: ['Thôn 1', 'Thôn 2'] });

    const due = await t.ok('imm.dueList', { sessionId: session.id }, { token: nurse });
    expect(due.groups.map((g) => g.hamletName)).toEqual(['Thôn 1', 'Thôn 2']);
    expect(due.groups.flatMap((g) => g.rows.map((r) => r.person.fullName))).toEqual(['Nguyễn Bé Hai Tháng', 'Lê Bé Sốt']);
    const row = due.groups[0]!.rows[0]!;
    expect(row.doses.map((d) => d.seriesKey).sort()).toEqual(['bopv', 'dpt', 'rota']);
    expect(row.person.phones).toContain('0987000111');
    expect(due.dosesByVaccine).toEqual({ 'DPT-VGB-Hib': 2, bOPV: 2, Rota: 2 });

    const need = await t.ok('imm.vaccineNeed', { sessionId: session.id }, { token: nurse });
    const opvNeed = need.rows.find((r) => r.vaccineCode === 'bOPV')!;
    // 2 doses × 1.33 / 20 per vial → 1 vial; one 20-dose vial on hand.
    expect(opvNeed).toMatchObject({ doses: 2, vialSize: 20, vials: 1, onHandVials: 1, shortfallVials: 0 });

    // Check-in from two desks: the same entry.
    const first = await t.ok('imm.checkIn', { sessionId: session.id, personId: baby }, { token: nurse });
    const twice = await t.ok('imm.checkIn', { sessionId: session.id, personId: baby }, { token: admin });
    expect(twice).toMatchObject({ alreadyCheckedIn: true, entry: { attendanceId: first.entry.attendanceId } });
    expect(first.entry).toMatchObject({ walkIn: false, state: 'waiting_screening' });
    const walkIn = await t.ok('imm.checkIn', { sessionId: session.id, personId: c.children[0]!.id }, { token: nurse });
    expect(walkIn.entry.walkIn).toBe(true);
    const sick = await t.ok('imm.checkIn', { sessionId: session.id, personId: feverish }, { token: nurse });

    // Vaccination before screening is refused.
    const early = await t.call('imm.vaccinate', { attendanceId: first.entry.attendanceId, doses: [{ seriesKey: 'dpt', lotId: lots.dpt.id }] }, { token: nurse });
    expect(early.ok ? null : early.error.code).toBe('IMM_STATE_INVALID');

    // Screening: a temperature outside 34–43 °C is refused; fever postpones with a return date.
    const bad = await t.call('imm.screen', { attendanceId: sick.entry.attendanceId, answers: {}, temperature: 45 }, { token: nurse });
    expect(bad.ok ? null : bad.error.details?.fields?.[0]).toEqual({ path: 'temperature', message: 'Nhiệt độ phải từ 34 đến 43 °C: kiểm tra lại nhiệt kế hoặc số đã nhập' });
    const fever = await t.ok('imm.screen', { attendanceId: sick.entry.attendanceId, answers: {}, temperature: 38.6 }, { token: nurse });
    expect(fever.screening).toMatchObject({ derivedOutcome: 'postpone', outcome: 'postpone', returnDate: '2026-03-22', reasons: ['temperature'] });
    expect(fever.entry.state).toBe('not_vaccinated');
    const noReason = await t.call('imm.screen', { attendanceId: sick.entry.attendanceId, answers: {}, temperature: 38.6, override: { outcome: 'vaccinate', reason: 'ok' } }, { token: nurse });
    expect(noReason.ok ? null : noReason.error.details?.fields?.[0]?.path).toBe('override.reason');

    const ok = await t.ok('imm.screen', { attendanceId: first.entry.attendanceId, answers: { 'history-intussusception': true }, temperature: 36.8 }, { token: nurse });
    expect(ok.screening).toMatchObject({ outcome: 'vaccinate', excludedSeries: [{ seriesKey: 'rota', reason: 'history-intussusception' }] });
    expect(ok.entry.dueToday.find((d) => d.seriesKey === 'rota')).toMatchObject({ excluded: true, contraindications: expect.arrayContaining(['intussusception']) });

    // The excluded series is refused; an expired lot is refused; a lot not in stock needs confirmation.
    const rota = await t.call('imm.vaccinate', { attendanceId: first.entry.attendanceId, doses: [{ seriesKey: 'rota', lotId: lots.rota.id }] }, { token: nurse });
    expect(rota.ok ? null : rota.error.details?.fields?.[0]?.path).toBe('doses.0.seriesKey');
    const expired = await t.call('imm.vaccinate', { attendanceId: first.entry.attendanceId, doses: [{ seriesKey: 'dpt', lot: { lotNumber: 'OLD-1', expiry: '2026-02-28' } }] }, { token: nurse });
    expect(expired.ok ? null : expired.error.code).toBe('IMM_LOT_EXPIRED');
    const unknown = await t.call('imm.vaccinate', { attendanceId: first.entry.attendanceId, doses: [{ seriesKey: 'bopv', lot: { lotNumber: 'NEW-5', expiry: '2027-01-31' } }] }, { token: nurse });
    expect(unknown.ok ? null : unknown.error.code).toBe('IMM_LOT_NOT_IN_STOCK');

    const given = await t.ok(
      'imm.vaccinate',
      { attendanceId: first.entry.attendanceId, doses: [{ seriesKey: 'dpt', lotId: lots.dpt.id, site: 'left-thigh' }, { seriesKey: 'bopv', lot: { lotNumber: 'OPV-77', expiry: '2026-12-31' } }] },
      { token: nurse },
    );
    expect(given.doses.map((d) => [d.vaccineCode, d.doseNumber, d.valid, d.lotNumber, d.route])).toEqual([
      ['DPT-VGB-Hib', 1, true, 'QV1234', 'im'],
      ['bOPV', 1, true, 'OPV-77', 'oral'],
    ]);
    expect(given.entry).toMatchObject({ state: 'observing', injectedAt: '2026-03-15T02:00:00.000Z', observeUntil: '2026-03-15T02:30:00.000Z', mayLeave: false });
    expect(await onHand(lots.dpt.id)).toBe(19);
    expect(await onHand(lots.opv.id)).toBe(19);
    const again = await t.call('imm.vaccinate', { attendanceId: first.entry.attendanceId, doses: [{ seriesKey: 'dpt', lotId: lots.dpt.id }] }, { token: nurse });
    expect(again.ok ? null : again.error.code).toBe('IMM_DOSE_DUPLICATE');
    expect(await onHand(lots.dpt.id)).toBe(19);

    // Observation: not before 30 minutes unless a reason is written.
    await at('2026-03-15T02:20:00Z');
    const tooSoon = await t.call('imm.observationEnd', { attendanceId: first.entry.attendanceId }, { token: nurse });
    expect(tooSoon.ok ? null : [tooSoon.error.code, tooSoon.error.message]).toEqual(['IMM_OBSERVATION_NOT_DONE', expect.stringContaining('còn 10 phút')]);

    // A common reaction during observation, then a serious one on another child (walk-in, vaccinated too).
    const common = await t.ok(
      'imm.recordAefi',
      { personId: baby, attendanceId: first.entry.attendanceId, doseIds: [given.doses[0]!.id], onsetAt: '2026-03-15T02:15:00Z', severity: 'common', signs: ['local-swelling'], actions: ['observed'], outcome: 'recovered' },
      { token: nurse },
    );
    expect(common.aefi).toMatchObject({ severity: 'common', urgentSync: false, vaccines: ['DPT-VGB-Hib'], sessionId: session.id });

    await at('2026-03-15T02:31:00Z');
    const board = await t.ok('imm.sessionBoard', { sessionId: session.id }, { token: admin });
    const entry = board.entries.find((e) => e.attendanceId === first.entry.attendanceId)!;
    expect(entry).toMatchObject({ state: 'observing', mayLeave: true });
    expect(entry.aefi).toHaveLength(1);
    expect(board.counts).toMatchObject({ waiting: 1, observing: 1, notVaccinated: 1, aefi: 1 });
    const left = await t.ok('imm.observationEnd', { attendanceId: first.entry.attendanceId }, { token: nurse });
    expect(left.entry.state).toBe('left');

    const serious = await t.ok(
      'imm.recordAefi',
      { personId: baby, doseIds: [given.doses[0]!.id], onsetAt: '2026-03-15T02:35:00Z', severity: 'common', signs: ['breathing-difficulty', 'cyanosis'], anaphylaxisGrade: 2, actions: ['adrenaline', 'referred'], outcome: 'referred', referredTo: 'Bệnh viện huyện' },
      { token: nurse },
    );
    expect(serious.aefi).toMatchObject({ severity: 'serious', urgentSync: true });
    expect(serious.warnings.map((w) => w.key)).toEqual(['imm.warn.aefiSeriousUpgraded', 'imm.warn.urgentSync']);
    const outbox = t.station.sqlite.prepare(`SELECT COUNT(*) AS n FROM change_log WHERE table_name = 'imm_aefi' AND row_id = ? AND acked_at IS NULL`).get(serious.aefi.id) as { n: number };
    expect(outbox.n).toBe(1);
    const list = await t.ok('imm.aefiList', { sessionId: session.id }, { token: nurse });
    expect(list.events.map((e) => e.severity)).toEqual(['serious', 'common']);
    const s = await t.ok('imm.session', { id: session.id }, { token: nurse });
    expect(s.session).toMatchObject({ status: 'open', counts: { checkedIn: 3, vaccinated: 1, doses: 2, aefi: 2, seriousAefi: 1 } });
  });

  it('a closed session takes no more check-ins', async () => {
    const a = await seedImmFamily(t, admin, { children: [{ name: 'Nguyễn Bé', birthDate: '2026-01-10' }] });
    const session = (await t.ok('imm.createSession', { date: '2026-03-15', place: 'Nhà văn hóa thôn', hamletIds: [a.hamletId] }, { token: nurse })).session;
    await t.ok('imm.updateSession', { id: session.id, status: 'closed' }, { token: nurse });
    const r = await t.call('imm.checkIn', { sessionId: session.id, personId: a.children[0]!.id }, { token: nurse });
    expect(r.ok ? null : r.error.code).toBe('IMM_STATE_INVALID');
  });
});
