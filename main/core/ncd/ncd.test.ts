import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../shared/contract/index.js';
import type { PersonFields } from '../../../shared/contract/persons.js';
import { computeIndicators, type IndicatorEnrollment, type IndicatorFollowup } from '../../../shared/ncd/indicators.js';
import { TEST_ADMIN, createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { seedFamily } from '../visits/testing.js';

let t: TestStation;
let admin: string;
let doctor: string;
let family: Awaited<ReturnType<typeof seedFamily>>;

beforeEach(async () => {
  t = createTestStation(new Date('2026-03-15T02:00:00Z')); // 09:00 on 15/03/2026 in Viet Nam
  admin = await setUpStation(t);
  doctor = await signInAs(t, admin, 'physician');
  family = await seedFamily(t, admin);
});
afterEach(() => t.cleanup());

/** Moves the station clock and signs the doctor and admin in again (sessions last 12 hours). */
async function clock(at: string) {
  t.setClock(new Date(at));
  admin = (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
  doctor = (await t.ok('auth.login', { username: 'u_physician', password: 'mat-khau-123' })).token!;
}

async function newPerson(fullName: string, phone?: string) {
  const fields = { fullName, sex: 'F', birthDate: '1960-02-02', ethnicityCode: '01', nationality: 'Việt Nam', ...(phone ? { phone } : {}) } as PersonFields;
  const r = await t.ok('persons.register', { householdId: family.householdId, relationToHead: 'other', person: fields, confirmNotDuplicate: true }, { token: admin });
  return r.person.id;
}

const enrollInput = (personId: string, over: Partial<ProcedureInput<'ncd.enroll'>> = {}): ProcedureInput<'ncd.enroll'> => ({
  personId,
  program: 'hypertension',
  icdCode: 'I10',
  icdName: 'Tăng huyết áp vô căn (nguyên phát)',
  diagnosedAt: 'Trạm Y tế xã',
  ...over,
});

const count = (table: string) => (t.station.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('enrollment, follow-ups, overdue list and calls', () => {
  it('enrolls, records two follow-ups that are visits, and follows the overdue list through calls', async () => {
    const head = family.head.id;
    const { enrollment } = await t.ok('ncd.enroll', enrollInput(head, { baseline: { bp: { systolic: 160, diastolic: 100 } }, historyStroke: true }), { token: doctor });
    expect(enrollment).toMatchObject({ enrolledOn: '2026-03-15', nextAppointment: '2026-04-14', followUpDays: 30, historyStroke: true, bpTarget: { systolic: 140, diastolic: 90 } });
    // one enrollment per program while active
    const again = await t.call('ncd.enroll', enrollInput(head), { token: doctor });
    expect(!again.ok && again.error.details?.fields?.[0]?.path).toBe('program');

    // follow-up 1: two readings, mean used; medicines dispensed; next appointment defaults to the program's 30 days
    const f1 = await t.ok(
      'ncd.recordFollowup',
      { enrollmentId: enrollment.id, bp1: { systolic: 150, diastolic: 95 }, bp2: { systolic: 146, diastolic: 91 }, pulse: 80, medicines: [{ name: 'Amlodipin 5 mg', unit: 'viên', quantity: 30, days: 30 }] },
      { token: doctor },
    );
    expect(f1.followup).toMatchObject({ date: '2026-03-15', bp: { systolic: 148, diastolic: 93 }, nextAppointment: '2026-04-14' });
    // it is a finished visit of kind ncd_followup, in the visit register with the diagnosis and the medicine
    const { visit } = await t.ok('visits.get', { id: f1.followup.visitId! }, { token: doctor });
    expect(visit).toMatchObject({ kind: 'ncd_followup', status: 'finished', returnDate: '2026-04-14', vitals: { systolic: 148, diastolic: 93 } });
    const { rows } = await t.ok('visits.register', { from: '2026-03-15', to: '2026-03-15' }, { token: doctor });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.diagnosis).toContain('I10');
    expect(rows[0]!.medicines).toContain('Amlodipin');

    await clock('2026-04-14T02:00:00Z');
    await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, bp1: { systolic: 138, diastolic: 85 } }, { token: doctor });
    const history = await t.ok('ncd.followupsForPerson', { personId: head }, { token: doctor });
    expect(history.followups.map((f) => f.date)).toEqual(['2026-04-14', '2026-03-15']);
    expect(history.series.bp).toEqual([
      { date: '2026-03-15', systolic: 148, diastolic: 93 },
      { date: '2026-04-14', systolic: 138, diastolic: 85 },
    ]);
    expect((await t.ok('ncd.enrollmentsForPerson', { personId: head }, { token: doctor })).enrollments[0]).toMatchObject({ nextAppointment: '2026-05-14', lastFollowupDate: '2026-04-14' });

    // the wife: hypertension, one follow-up at 185/100 on 14/04 → high risk, appointment 14/05
    const { enrollment: wifeE } = await t.ok('ncd.enroll', enrollInput(family.wife.id, { enrolledOn: '2026-04-01' }), { token: doctor });
    await t.ok('ncd.recordFollowup', { enrollmentId: wifeE.id, bp1: { systolic: 185, diastolic: 100 } }, { token: doctor });

    // on the appointment day nobody is overdue yet
    await clock('2026-05-14T02:00:00Z');
    expect((await t.ok('ncd.overdueList', {}, { token: doctor })).total).toBe(0);

    // six days later both are overdue, the high-risk wife first; a clerk may read the list
    await clock('2026-05-20T02:00:00Z');
    const clerk = await signInAs(t, admin, 'clerk');
    const list = await t.ok('ncd.overdueList', {}, { token: clerk });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.fullName, r.highRisk, r.daysOverdue, r.hamletName])).toEqual([
      ['Lò Thị Ánh', true, 6, 'Thôn 1'],
      ['Nguyễn Văn Hùng', false, 6, 'Thôn 1'],
    ]);
    // 138/85 with a stroke history is below 140/90, so the head is not high risk
    const { hamlets } = await t.ok('hamlets.list', {}, { token: admin });
    expect((await t.ok('ncd.overdueList', { hamletId: hamlets[1]!.id }, { token: doctor })).total).toBe(0);
    expect((await t.ok('ncd.overdueList', { hamletId: hamlets[0]!.id, program: 'hypertension' }, { token: doctor })).total).toBe(2);
    expect((await t.ok('ncd.overdueList', { program: 'diabetes_t2' }, { token: doctor })).total).toBe(0);
    // a clerk cannot record calls
    const forbidden = await t.call('ncd.recordCall', { enrollmentId: enrollment.id, outcome: 'unreachable' }, { token: clerk });
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');

    // could not reach: stays on the list with the outcome
    await t.ok('ncd.recordCall', { enrollmentId: enrollment.id, outcome: 'unreachable' }, { token: doctor });
    let now = await t.ok('ncd.overdueList', {}, { token: doctor });
    expect(now.rows.find((r) => r.personId === head)?.lastCall).toMatchObject({ outcome: 'unreachable', callDate: '2026-05-20' });
    // remind later: off the list until the date
    const badRemind = await t.call('ncd.recordCall', { enrollmentId: enrollment.id, outcome: 'remind_later' }, { token: doctor });
    expect(!badRemind.ok && badRemind.error.details?.fields?.[0]?.path).toBe('remindOn');
    await t.ok('ncd.recordCall', { enrollmentId: enrollment.id, outcome: 'remind_later', remindOn: '2026-05-25' }, { token: doctor });
    now = await t.ok('ncd.overdueList', {}, { token: doctor });
    expect(now.rows.map((r) => r.personId)).toEqual([family.wife.id]);
    // removed (moved): the enrollment ends and the wife leaves the list
    await t.ok('ncd.recordCall', { enrollmentId: wifeE.id, outcome: 'removed', removeReason: 'moved', note: 'Chuyển vào Bình Dương' }, { token: doctor });
    expect((await t.ok('ncd.overdueList', {}, { token: doctor })).total).toBe(0);
    expect((await t.ok('ncd.enrollmentsForPerson', { personId: family.wife.id }, { token: doctor })).enrollments[0]).toMatchObject({ endedOn: '2026-05-20', endReason: 'moved', nextAppointment: null });

    // the reminder date arrives: the head is back; agreed to visit hides him for 7 days
    await clock('2026-05-25T02:00:00Z');
    expect((await t.ok('ncd.overdueList', {}, { token: doctor })).rows.map((r) => r.daysOverdue)).toEqual([11]);
    await t.ok('ncd.recordCall', { enrollmentId: enrollment.id, outcome: 'agreed' }, { token: doctor });
    expect((await t.ok('ncd.overdueList', {}, { token: doctor })).total).toBe(0);
    await clock('2026-06-01T02:00:00Z');
    expect((await t.ok('ncd.overdueList', {}, { token: doctor })).total).toBe(1);

    // more than 12 months overdue: the lost-to-follow-up list instead
    await clock('2027-05-20T02:00:00Z');
    const later = await t.ok('ncd.overdueList', {}, { token: doctor });
    expect([later.total, later.lostTotal, later.lost[0]?.daysOverdue]).toEqual([0, 1, 371]);
  }, 60_000);

  it('lists phone and hamlet, and puts uncontrolled sugar first', async () => {
    const withPhone = await newPerson('Trần Thị Mai', '0912345678');
    await t.ok('ncd.enroll', enrollInput(withPhone, { enrolledOn: '2026-02-01' }), { token: doctor }); // first appointment 03/03
    const sugar = await newPerson('Hoàng Văn Tám');
    const { enrollment } = await t.ok('ncd.enroll', enrollInput(sugar, { program: 'diabetes_t2', icdCode: 'E11', enrolledOn: '2026-02-01' }), { token: doctor });
    await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, date: '2026-02-01', hba1c: 9.1, nextAppointment: '2026-03-10' }, { token: doctor });
    const list = await t.ok('ncd.overdueList', {}, { token: doctor });
    expect(list.rows.map((r) => [r.fullName, r.phone, r.hamletName, r.daysOverdue, r.highRisk, r.program])).toEqual([
      ['Hoàng Văn Tám', null, 'Thôn 1', 5, true, 'diabetes_t2'],
      ['Trần Thị Mai', '0912345678', 'Thôn 1', 12, false, 'hypertension'],
    ]);
    expect((await t.ok('ncd.overdueList', { limit: 1 }, { token: doctor })).rows).toHaveLength(1);
    expect((await t.ok('ncd.overdueList', { limit: 1 }, { token: doctor })).total).toBe(2);
  });

  it('refuses impossible readings with field paths, and writes nothing', async () => {
    const { enrollment } = await t.ok('ncd.enroll', enrollInput(family.head.id), { token: doctor });
    const before = [count('ncd_followups'), count('visits'), count('change_log')];
    const r = await t.call(
      'ncd.recordFollowup',
      { enrollmentId: enrollment.id, bp1: { systolic: 350, diastolic: 80 }, glucose: { value: 60, unit: 'mmol_l', type: 'fasting' }, hba1c: 42, weightKg: 700 },
      { token: doctor },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    const fields = r.error.details!.fields!;
    expect(fields.map((f) => f.path)).toEqual(['bp1.systolic', 'weightKg', 'glucose.value', 'hba1c']);
    expect(fields[0]!.message).toBe('Huyết áp tâm thu phải từ 50 đến 300 mmHg');
    expect(fields[2]!.message).toBe('Đường huyết phải từ 1.1 đến 33.3 mmol/L');
    expect([count('ncd_followups'), count('visits'), count('change_log')]).toEqual(before);
    // baseline readings at enrollment are checked too
    const e = await t.call('ncd.enroll', enrollInput(family.wife.id, { baseline: { bp: { systolic: 80, diastolic: 120 } } }), { token: doctor });
    expect(!e.ok && e.error.details?.fields?.map((f) => f.path)).toEqual(['baseline.bp.systolic']);
    // an appointment on or before the visit date, and a supervisor writing, are refused
    const appt = await t.call('ncd.recordFollowup', { enrollmentId: enrollment.id, nextAppointment: '2026-03-15' }, { token: doctor });
    expect(!appt.ok && appt.error.details?.fields?.[0]?.path).toBe('nextAppointment');
    const supervisor = await signInAs(t, admin, 'supervisor');
    const denied = await t.call('ncd.recordFollowup', { enrollmentId: enrollment.id }, { token: supervisor });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
  }, 60_000);

  it('stores glucose in mg/dL whatever unit was typed', async () => {
    const { enrollment } = await t.ok('ncd.enroll', enrollInput(family.head.id, { program: 'diabetes_t2', icdCode: 'E11', baseline: { glucose: { value: 10, unit: 'mmol_l', type: 'random' } } }), { token: doctor });
    expect(enrollment.baseline.glucoseMgdl).toBe(180);
    expect(enrollment.bpTarget).toEqual({ systolic: 130, diastolic: 80 });
    const { followup } = await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, glucose: { value: 7.0, unit: 'mmol_l', type: 'fasting' }, hba1c: 7.5 }, { token: doctor });
    expect(followup).toMatchObject({ glucoseMgdl: 126, glucoseMmol: 7, glucoseUnitEntered: 'mmol_l', glucoseType: 'fasting', hba1c: 7.5 });
    const h = await t.ok('ncd.followupsForPerson', { personId: family.head.id, program: 'diabetes_t2' }, { token: doctor });
    expect(h.series.glucose).toEqual([{ date: '2026-03-15', mgdl: 126, mmol: 7, type: 'fasting' }]);
    const { followup: f2 } = await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, glucose: { value: 126, unit: 'mg_dl', type: 'random' } }, { token: doctor });
    expect([f2.glucoseMgdl, f2.glucoseMmol]).toEqual([126, 7]);
  });

  it('lists the patients under management by hamlet and name, the latest BP against each one\'s target, and the ended ones apart', async () => {
    const { enrollment: head } = await t.ok('ncd.enroll', enrollInput(family.head.id, { enrolledOn: '2026-02-01' }), { token: doctor });
    const { enrollment: wife } = await t.ok('ncd.enroll', enrollInput(family.wife.id, { enrolledOn: '2026-02-10' }), { token: doctor });
    await t.ok('ncd.enroll', enrollInput(family.wife.id, { program: 'diabetes_t2', icdCode: 'E11', enrolledOn: '2026-02-10' }), { token: doctor });
    const tam = await newPerson('Hoàng Văn Tám');
    const { enrollment: tamE } = await t.ok('ncd.enroll', enrollInput(tam, { enrolledOn: '2026-01-05' }), { token: doctor });
    // The same 135/85: under the HEARTS 140/90 for the husband, above the wife's 130/80 (she has diabetes).
    await t.ok('ncd.recordFollowup', { enrollmentId: head.id, date: '2026-03-01', bp1: { systolic: 135, diastolic: 85 } }, { token: doctor });
    await t.ok('ncd.recordFollowup', { enrollmentId: wife.id, date: '2026-03-01', bp1: { systolic: 135, diastolic: 85 }, nextAppointment: '2026-03-10' }, { token: doctor });
    await t.ok('ncd.endEnrollment', { id: tamE.id, reason: 'moved' }, { token: doctor });

    const list = await t.ok('ncd.patientList', { program: 'hypertension' }, { token: doctor });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.fullName, r.lastFollowupDate, r.latestBp?.systolic, r.bpAtTarget, r.nextAppointment, r.overdue])).toEqual([
      [family.head.fullName, '2026-03-01', 135, true, '2026-03-31', false],
      [family.wife.fullName, '2026-03-01', 135, false, '2026-03-10', true],
    ].sort((a, b) => new Intl.Collator('vi').compare(a[0] as string, b[0] as string)));
    expect((await t.ok('ncd.patientList', {}, { token: doctor })).total).toBe(3); // the wife twice: two programs
    const ended = await t.ok('ncd.patientList', { status: 'ended' }, { token: doctor });
    expect(ended.rows.map((r) => [r.fullName, r.endReason, r.nextAppointment])).toEqual([['Hoàng Văn Tám', 'moved', null]]);
    expect((await t.ok('ncd.patientList', { program: 'hypertension', limit: 1 }, { token: doctor })).rows).toHaveLength(1);
    const unknown = await t.call('ncd.patientList', { program: 'khong_co' }, { token: doctor });
    expect(unknown.ok).toBe(false);

    // The same list as .xlsx, read back: title, filters, one row a patient with the target and the overdue mark.
    const file = await t.ok('ncd.exportPatients', { program: 'hypertension' }, { token: doctor });
    expect(file.fileName).toBe('ds-dang-quan-ly-THA-2026-03-15.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    const text = (r: number, c: number) => String(ws.getCell(r, c).value ?? '');
    expect(text(4, 1)).toBe('DANH SÁCH NGƯỜI BỆNH ĐANG QUẢN LÝ');
    expect(text(5, 1)).toBe('Chương trình: Tăng huyết áp · Thôn: tất cả · Ngày lập: 15/03/2026');
    const byName = new Map([7, 8].map((r) => [text(r, 2), [text(r, 7), text(r, 10), text(r, 11), text(r, 12), text(r, 13)]]));
    expect(byName.get(family.wife.fullName)).toEqual(['Tăng huyết áp', '135/85', 'Chưa đạt', '10/03/2026', 'Quá hẹn']);
    expect(byName.get(family.head.fullName)).toEqual(['Tăng huyết áp', '135/85', 'Đạt', '31/03/2026', '']);
    expect(text(10, 1)).toBe('Tổng số: 2 người bệnh');
    const endedFile = await t.ok('ncd.exportPatients', { status: 'ended' }, { token: doctor });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(endedFile.contentBase64, 'base64') as never);
    expect([2, 12, 13].map((c) => String(wb2.worksheets[0]!.getCell(7, c).value ?? ''))).toEqual(['Hoàng Văn Tám', '15/03/2026', 'Chuyển đi nơi khác']);
  });

  it('voids a follow-up entered by mistake: gone from history, chart, register and appointment, kept with the reason', async () => {
    const head = family.head.id;
    const { enrollment } = await t.ok('ncd.enroll', enrollInput(head), { token: doctor });
    await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, bp1: { systolic: 148, diastolic: 92 } }, { token: doctor });
    await clock('2026-04-14T02:00:00Z');
    // 240 typed for 140, and an appointment the patient was never given
    const { followup: wrong } = await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, bp1: { systolic: 240, diastolic: 85 }, nextAppointment: '2026-06-30' }, { token: doctor });
    const short = await t.call('ncd.voidFollowup', { id: wrong.id, reason: 'sai' }, { token: doctor });
    expect(!short.ok && short.error.details?.fields?.[0]).toMatchObject({ path: 'reason', message: 'Ghi rõ lý do (ít nhất 5 ký tự)' });
    const supervisor = await signInAs(t, admin, 'supervisor');
    expect((await t.call('ncd.voidFollowup', { id: wrong.id, reason: 'Nhập nhầm huyết áp' }, { token: supervisor })).ok).toBe(false);
    expect(count('ncd_followups')).toBe(2);

    await t.ok('ncd.voidFollowup', { id: wrong.id, reason: '  Nhập nhầm   huyết áp 240 ' }, { token: doctor });
    const history = await t.ok('ncd.followupsForPerson', { personId: head }, { token: doctor });
    expect(history.followups.map((f) => f.date)).toEqual(['2026-03-15']);
    expect(history.series.bp).toEqual([{ date: '2026-03-15', systolic: 148, diastolic: 92 }]);
    // the appointment is the previous follow-up's again (14/04, today): not yet overdue
    expect((await t.ok('ncd.enrollmentsForPerson', { personId: head }, { token: doctor })).enrollments[0]).toMatchObject({ nextAppointment: '2026-04-14', lastFollowupDate: '2026-03-15' });
    expect((await t.ok('visits.register', { from: '2026-04-14', to: '2026-04-14' }, { token: doctor })).rows).toEqual([]);
    expect((await t.ok('visits.get', { id: wrong.visitId! }, { token: doctor })).visit.status).toBe('cancelled');
    // kept for history: the row is marked deleted (it syncs), the reason is in the audit log
    expect(t.station.sqlite.prepare('SELECT deleted FROM ncd_followups WHERE id = ?').get(wrong.id)).toEqual({ deleted: 1 });
    const audit = t.station.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'ncd.voidFollowup'").get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ reason: 'Nhập nhầm huyết áp 240', date: '2026-04-14' });
    expect((await t.call('ncd.voidFollowup', { id: wrong.id, reason: 'Nhập nhầm lần nữa' }, { token: doctor })).ok).toBe(false);
    // the corrected reading is recorded anew
    await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, bp1: { systolic: 140, diastolic: 85 } }, { token: doctor });
    expect((await t.ok('ncd.followupsForPerson', { personId: head }, { token: doctor })).series.bp.map((p) => p.systolic)).toEqual([148, 140]);
  });
});

describe('indicators through the API', () => {
  it('match the hand-computed values and the pure computation on the same patients', async () => {
    // Same cases as shared/ncd/indicators.test.ts (P1–P4, P6, P8), recorded through the procedures on 15/03/2026.
    const plain: { e: IndicatorEnrollment; f: IndicatorFollowup[] }[] = [];
    // Everything is recorded on 15/03/2026 with back-dated dates; the clock ticks one second per follow-up so the
    // creation order breaks ties within a day.
    let tick = 0;
    const step = () => t.setClock(new Date(Date.parse('2026-03-15T02:00:00Z') + ++tick * 1000));
    async function patient(name: string, enrolledOn: string, visits: { date: string; bp?: [number, number] }[], died?: string) {
      const id = await newPerson(name);
      const { enrollment } = await t.ok('ncd.enroll', enrollInput(id, { enrolledOn }), { token: doctor });
      const e: IndicatorEnrollment = { id: enrollment.id, enrolledOn, endedOn: died ?? null };
      const fs: IndicatorFollowup[] = [];
      for (const v of visits) {
        step();
        await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, date: v.date, ...(v.bp ? { bp1: { systolic: v.bp[0], diastolic: v.bp[1] } } : {}) }, { token: doctor });
        fs.push({ enrollmentId: enrollment.id, date: v.date, order: tick, bp: v.bp ? { systolic: v.bp[0], diastolic: v.bp[1] } : null, sugar: null, medicineRefill: false, appointmentScheduled: true });
      }
      if (died) await t.ok('ncd.endEnrollment', { id: enrollment.id, endedOn: died, reason: 'died' }, { token: doctor });
      plain.push({ e, f: fs });
    }
    await patient('Bệnh nhân P1', '2025-12-31', [{ date: '2026-02-10', bp: [130, 80] }]); // controlled
    await patient('Bệnh nhân P2', '2026-01-01', [{ date: '2026-03-01', bp: [150, 95] }]); // not in denominator
    await patient('Bệnh nhân P3', '2025-06-15', [{ date: '2025-12-20', bp: [120, 70] }, { date: '2026-02-20' }]); // visited, no BP
    await patient('Bệnh nhân P4', '2025-05-10', [
      { date: '2026-03-05', bp: [150, 96] },
      { date: '2026-03-05', bp: [128, 82] },
    ]); // controlled (the later reading of the day)
    await patient('Bệnh nhân P6', '2024-01-10', [{ date: '2026-01-15', bp: [125, 75] }], '2026-02-01'); // died: excluded
    await patient('Bệnh nhân P8', '2024-06-01', [{ date: '2025-03-31', bp: [135, 85] }]); // lost to follow-up

    const api = await t.ok('ncd.indicators', { period: '2026-03', program: 'hypertension', trend: true }, { token: doctor });
    expect(api.indicators).toMatchObject({ registered: 5, underCare: 4, lostToFollowUp: 1, denominator: 3, bp: { controlled: 2, uncontrolled: 0, visitedNoBp: 1, missedVisit: 0 } });
    expect(api.indicators).toEqual(computeIndicators(plain.map((p) => p.e), plain.flatMap((p) => p.f), '2026-03'));
    expect(api.trend).toHaveLength(12);
    expect(api.trend[11]).toEqual(api.indicators);
    expect(api.cohort).toBeNull();
    // each month of the trend equals the pure computation for that month
    const allE = plain.map((p) => p.e);
    const allF = plain.flatMap((p) => p.f);
    expect(api.trend.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(api.trend).toEqual(api.trend.map((m) => computeIndicators(allE, allF, m.month)));
    expect((await t.ok('ncd.indicators', { period: '2026-03', program: 'hypertension' }, { token: doctor })).trend).toEqual([]);

    const q = await t.ok('ncd.indicators', { period: '2026-Q1', program: 'hypertension' }, { token: doctor });
    expect(q.indicators.newlyRegistered).toBe(1); // P2
    expect(q.cohort).toMatchObject({ quarter: '2025-Q3', outcomeQuarter: '2026-Q1', registered: 0 });
    const q4 = await t.ok('ncd.indicators', { period: '2025-Q4', program: 'hypertension' }, { token: doctor });
    // cohort of 2025-Q2 (P3, P4) in 2025-Q4: P3 120/70 on 20/12 → controlled; P4 no visit → missed
    expect(q4.cohort).toMatchObject({ quarter: '2025-Q2', registered: 2, controlled: 1, missedVisit: 1 });

    const { hamlets } = await t.ok('hamlets.list', {}, { token: admin });
    expect((await t.ok('ncd.indicators', { period: '2026-03', program: 'hypertension', hamletId: hamlets[1]!.id }, { token: doctor })).indicators.registered).toBe(0);
    expect((await t.ok('ncd.indicators', { period: '2026-03', program: 'diabetes_t2' }, { token: doctor })).indicators.registered).toBe(0);
    const bad = await t.call('ncd.indicators', { period: '2026-13', program: 'hypertension' }, { token: doctor });
    expect(!bad.ok && bad.error.details?.fields?.[0]?.message).toBe('Kỳ báo cáo không hợp lệ (yyyy-mm hoặc yyyy-Qn)');
    const supervisor = await signInAs(t, admin, 'supervisor');
    expect((await t.ok('ncd.indicators', { period: '2026-03', program: 'hypertension' }, { token: supervisor })).indicators.registered).toBe(5);
  }, 60_000);
});
