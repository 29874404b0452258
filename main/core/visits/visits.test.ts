import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../shared/contract/index.js';
import { TEST_ADMIN, createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { movePersonVisits } from './merge.js';
import { seedFamily } from './testing.js';

let t: TestStation;
let admin: string;
let family: Awaited<ReturnType<typeof seedFamily>>;

beforeEach(async () => {
  t = createTestStation(new Date('2026-03-15T02:00:00Z')); // 09:00 in Viet Nam
  admin = await setUpStation(t);
  family = await seedFamily(t, admin);
});
afterEach(() => t.cleanup());

/** Moves the station clock to another day and signs in again (sessions last 12 hours). */
async function nextDay(at: string) {
  t.setClock(new Date(at));
  admin = (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
}

const changeCount = (table: string) =>
  (t.station.sqlite.prepare('SELECT COUNT(*) AS n FROM change_log WHERE table_name = ?').get(table) as { n: number }).n;

const receive = (personId: string, token = admin, extra: Partial<ProcedureInput<'visits.receive'>> = {}) =>
  t.ok('visits.receive', { personId, reason: 'Sốt, ho 3 ngày', insured: false, ...extra }, { token });

const goodSave = (id: string): ProcedureInput<'visits.save'> => ({
  id,
  vitals: { pulse: 88, temperature: 38.2, systolic: 125, diastolic: 80, respiratoryRate: 20, weightKg: 62.5, heightCm: 165, spo2: 97, waistCm: 84 },
  symptoms: 'Sốt, đau họng, ho khan',
  findings: 'Họng đỏ, amidan sưng',
  diagnoses: [
    { icdCode: 'J02.9', icdName: 'Viêm họng cấp, không đặc hiệu', isMain: true },
    { icdCode: 'R50.9', icdName: 'Sốt, không đặc hiệu', isMain: false },
  ],
  prescription: [
    { medicineName: 'Paracetamol', strength: '500 mg', unit: 'viên', dose: '1 viên/lần, ngày 3 lần', quantity: 15, days: 5, instructions: 'Uống sau ăn' },
    { medicineName: 'Vitamin C', strength: '500 mg', unit: 'viên', dose: '1 viên/ngày', quantity: 5, days: 5 },
  ],
  treatment: 'Hạ sốt, súc họng nước muối',
  advice: 'Uống nhiều nước, tái khám nếu sốt cao',
  returnDate: '2026-03-20',
});

describe('receiving patients', () => {
  it('assigns queue numbers 1, 2, 3 in a day and restarts at 1 the next day', async () => {
    const a = await receive(family.head.id);
    const b = await receive(family.wife.id);
    const c = await receive(family.toddler.id);
    expect([a.visit.queueNumber, b.visit.queueNumber, c.visit.queueNumber]).toEqual([1, 2, 3]);
    expect(a.visit.status).toBe('waiting');
    expect(a.visit.visitDate).toBe('2026-03-15');
    await nextDay('2026-03-16T01:30:00Z');
    const d = await receive(family.head.id);
    expect(d.visit).toMatchObject({ queueNumber: 1, visitDate: '2026-03-16' });
    const queue = await t.ok('visits.queue', { date: '2026-03-15' }, { token: admin });
    expect(queue.visits.map((v) => [v.queueNumber, v.person.fullName])).toEqual([
      [1, 'Nguyễn Văn Hùng'],
      [2, 'Lò Thị Ánh'],
      [3, 'Nguyễn Minh Đức'],
    ]);
    expect(queue.visits[0]!.person).toMatchObject({ hamletName: family.hamletName, cccd: '015075001234', bhytCardCode: 'GD4151234567890', headName: 'Nguyễn Văn Hùng' });
  });

  it('gives 20 distinct numbers to 20 receptions sent at the same time from several desks', async () => {
    const people = [family.head.id, family.wife.id, family.toddler.id];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => receive(people[i % 3]!)));
    expect(results.map((r) => r.visit.queueNumber).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses a visit date in the future and an insured visit without a card', async () => {
    const future = await t.call('visits.receive', { personId: family.head.id, reason: 'Khám', insured: false, date: '2026-03-16' }, { token: admin });
    expect(future.ok || future.error.details?.fields).toEqual([{ path: 'date', message: 'Ngày khám không được sau hôm nay' }]);
    const noCard = await t.call('visits.receive', { personId: family.wife.id, reason: 'Khám', insured: true }, { token: admin });
    expect(noCard.ok || noCard.error.details?.fields?.[0]?.path).toBe('insured');
    const insured = await receive(family.head.id, admin, { insured: true });
    expect(insured.visit.insured).toBe(true);
  });

  it('moves a visit along its statuses and refuses a jump from waiting to finished', async () => {
    const { visit } = await receive(family.head.id);
    const jump = await t.call('visits.setStatus', { id: visit.id, status: 'finished' }, { token: admin });
    expect(jump.ok || jump.error.code).toBe('VALIDATION_FAILED');
    const inExam = await t.ok('visits.setStatus', { id: visit.id, status: 'in_exam' }, { token: admin });
    expect(inExam.visit).toMatchObject({ status: 'in_exam', examinerName: 'Nguyễn Thị Quản Trị' });
    const done = await t.ok('visits.setStatus', { id: visit.id, status: 'referred' }, { token: admin });
    expect(done.visit.status).toBe('referred');
  });
});

describe('the examination record', () => {
  it('saves vital signs, diagnoses and a prescription and reads them back', async () => {
    const { visit } = await receive(family.head.id);
    await t.ok('visits.save', goodSave(visit.id), { token: admin });
    const { visit: read } = await t.ok('visits.get', { id: visit.id }, { token: admin });
    expect(read.status).toBe('in_exam');
    expect(read.vitals).toEqual(goodSave(visit.id).vitals);
    expect(read.diagnoses.map((d) => [d.icdCode, d.icdName, d.isMain])).toEqual([
      ['J02.9', 'Viêm họng cấp, không đặc hiệu', true],
      ['R50.9', 'Sốt, không đặc hiệu', false],
    ]);
    expect(read.prescription.map((p) => [p.medicineName, p.strength, p.quantity, p.days, p.instructions])).toEqual([
      ['Paracetamol', '500 mg', 15, 5, 'Uống sau ăn'],
      ['Vitamin C', '500 mg', 5, 5, null],
    ]);
    expect(read).toMatchObject({ returnDate: '2026-03-20', symptoms: 'Sốt, đau họng, ho khan', examinerName: 'Nguyễn Thị Quản Trị' });

    // A second save with one diagnosis and one medicine tombstones the extra rows and finishes the visit.
    const again = goodSave(visit.id);
    await t.ok('visits.save', { ...again, diagnoses: again.diagnoses!.slice(0, 1), prescription: again.prescription!.slice(1), finish: true, outcome: 'appointment' }, { token: admin });
    const { visit: after } = await t.ok('visits.get', { id: visit.id }, { token: admin });
    expect(after.status).toBe('appointment');
    expect(after.finishedAt).not.toBeNull();
    expect(after.diagnoses).toHaveLength(1);
    expect(after.prescription.map((p) => p.medicineName)).toEqual(['Vitamin C']);
    const tombstones = t.station.sqlite.prepare("SELECT table_name AS t, COUNT(*) AS n FROM change_log WHERE op = 'delete' GROUP BY table_name ORDER BY t").all();
    expect(tombstones).toEqual([
      { t: 'prescription_items', n: 1 },
      { t: 'visit_diagnoses', n: 1 },
    ]);
  });

  it('refuses implausible values with the field paths and writes nothing', async () => {
    const { visit } = await receive(family.toddler.id);
    const before = [changeCount('visits'), changeCount('visit_diagnoses'), changeCount('prescription_items')];
    const bad = goodSave(visit.id);
    bad.vitals = { systolic: 350, diastolic: 80, temperature: 47, weightKg: 60, heightCm: 85, spo2: 101 };
    bad.prescription = [{ medicineName: 'Paracetamol', unit: 'gói', quantity: 0, days: 0 }];
    bad.returnDate = '2026-03-15';
    const r = await t.call('visits.save', bad, { token: admin });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    const fields = Object.fromEntries((r.error.details?.fields ?? []).map((f) => [f.path, f.message]));
    expect(Object.keys(fields).sort()).toEqual(
      ['prescription.0.days', 'prescription.0.quantity', 'returnDate', 'vitals.spo2', 'vitals.systolic', 'vitals.temperature', 'vitals.weightKg'].sort(),
    );
    expect(fields['vitals.systolic']).toBe('Huyết áp tâm thu phải từ 50 đến 300 mmHg');
    expect(fields['vitals.weightKg']).toBe('Cân nặng không hợp lý với tuổi 2: cần từ 4 đến 25 kg');
    expect([changeCount('visits'), changeCount('visit_diagnoses'), changeCount('prescription_items')]).toEqual(before);
    const { visit: read } = await t.ok('visits.get', { id: visit.id }, { token: admin });
    expect(read.vitals.systolic).toBeNull();
    expect(read.status).toBe('waiting');
  });

  it('answers in English when the caller uses English', async () => {
    const { visit } = await receive(family.head.id);
    const r = await t.call('visits.save', { ...goodSave(visit.id), vitals: { systolic: 80, diastolic: 90 } }, { token: admin, locale: 'en' });
    expect(r.ok || r.error.details?.fields).toEqual([{ path: 'vitals.systolic', message: 'Systolic blood pressure must be higher than diastolic' }]);
  });

  it('needs exactly one main diagnosis', async () => {
    const { visit } = await receive(family.head.id);
    for (const mains of [[true, true], [false, false]]) {
      const input = { ...goodSave(visit.id), diagnoses: mains.map((isMain, i) => ({ icdCode: i ? 'R50.9' : 'J02.9', icdName: 'Chẩn đoán', isMain })) };
      const r = await t.call('visits.save', input, { token: admin });
      expect(r.ok || r.error.details?.fields).toEqual([{ path: 'diagnoses', message: 'Cần đúng một chẩn đoán chính' }]);
    }
    await t.ok('visits.save', { ...goodSave(visit.id), diagnoses: [] }, { token: admin });
  });

  it('logs every change in change_log and each read of a visit as a view of the person', async () => {
    const { visit } = await receive(family.head.id);
    await t.ok('visits.save', goodSave(visit.id), { token: admin });
    expect(changeCount('visits')).toBe(2);
    expect(changeCount('visit_diagnoses')).toBe(2);
    expect(changeCount('prescription_items')).toBe(2);
    await t.ok('visits.get', { id: visit.id }, { token: admin });
    const view = t.station.sqlite.prepare("SELECT * FROM audit_log WHERE kind = 'view' AND action = 'visits.get'").get() as Record<string, string>;
    expect(view).toMatchObject({ entity: 'visits', entity_id: visit.id, person_id: family.head.id, username: 'admin' });
  });

  it('lists a person\'s visits newest first with diagnoses and medicines', async () => {
    const first = await receive(family.head.id);
    await t.ok('visits.save', { ...goodSave(first.visit.id), finish: true }, { token: admin });
    await nextDay('2026-03-20T02:00:00Z');
    const second = await receive(family.head.id, admin, { reason: 'Tái khám' });
    expect(second.visit.previous).toEqual({ visitDate: '2026-03-15', returnDate: '2026-03-20' });
    const { visits } = await t.ok('visits.forPerson', { personId: family.head.id }, { token: admin });
    expect(visits.map((v) => v.visitDate)).toEqual(['2026-03-20', '2026-03-15']);
    expect(visits[1]!.medicines).toEqual(['Paracetamol 500 mg × 15 viên', 'Vitamin C 500 mg × 5 viên']);
    expect(visits[1]!.diagnoses[0]).toEqual({ icdCode: 'J02.9', icdName: 'Viêm họng cấp, không đặc hiệu', isMain: true });
  });

  it('moves visits to the surviving record of a person merge', async () => {
    await receive(family.wife.id);
    await receive(family.wife.id);
    const moved = t.station.sqlite.transaction(() => movePersonVisits({ station: t.station, write: t.station.writer } as never, family.wife.id, family.head.id))();
    expect(moved).toBe(2);
    const { visits } = await t.ok('visits.forPerson', { personId: family.head.id }, { token: admin });
    expect(visits).toHaveLength(2);
  });
});

describe('who may do what', () => {
  it('lets a clerk receive but not record an examination; a supervisor only reads', async () => {
    const clerk = await signInAs(t, admin, 'clerk');
    const supervisor = await signInAs(t, admin, 'supervisor');
    const nurse = await signInAs(t, admin, 'nurse');
    const { visit } = await receive(family.head.id, clerk);
    for (const token of [clerk, supervisor]) {
      const r = await t.call('visits.save', goodSave(visit.id), { token });
      expect(r.ok || r.error.code).toBe('FORBIDDEN');
    }
    const sup = await t.call('visits.receive', { personId: family.head.id, reason: 'Khám', insured: false }, { token: supervisor });
    expect(sup.ok || sup.error.code).toBe('FORBIDDEN');
    const clerkExam = await t.call('visits.setStatus', { id: visit.id, status: 'in_exam' }, { token: clerk });
    expect(clerkExam.ok || clerkExam.error.code).toBe('FORBIDDEN');
    await t.ok('visits.setStatus', { id: visit.id, status: 'cancelled' }, { token: clerk });
    await t.ok('visits.setStatus', { id: visit.id, status: 'waiting' }, { token: clerk });
    await t.ok('visits.save', goodSave(visit.id), { token: nurse });
    expect((await t.ok('visits.get', { id: visit.id }, { token: supervisor })).visit.examinerName).toBe('Người dùng nurse');
    expect((await t.ok('visits.queue', { date: '2026-03-15' }, { token: supervisor })).visits).toHaveLength(1);
  });
});
