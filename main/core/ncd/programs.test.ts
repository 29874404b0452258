import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../shared/contract/index.js';
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

async function clock(at: string) {
  t.setClock(new Date(at));
  admin = (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
  doctor = (await t.ok('auth.login', { username: 'u_physician', password: 'mat-khau-123' })).token!;
}

type ProgramInput = ProcedureInput<'ncd.saveProgram'>['program'];

/** Epilepsy (ICD-10 G40), monthly, with a required seizure count and a yes/no side-effects field. */
const EPILEPSY: ProgramInput = {
  code: 'dong_kinh',
  nameVi: 'Động kinh',
  nameEn: 'Epilepsy',
  shortName: 'ĐK',
  icd10: ['G40'],
  followUpDays: 30,
  fields: ['weight', 'symptoms', 'adherence', 'medicines'],
  extraFields: [
    { key: 'seizures', labelVi: 'Số cơn co giật trong tháng', labelEn: 'Seizures this month', type: 'number', min: 0, max: 200, integer: true, unit: 'cơn', required: true },
    { key: 'sideEffects', labelVi: 'Tác dụng phụ của thuốc', labelEn: 'Medicine side effects', type: 'boolean' },
  ],
  control: 'none',
  source: 'Quản trị viên trạm',
};

/** Schizophrenia (F20), with a choice field and a free-text field. */
const SCHIZOPHRENIA: ProgramInput = {
  code: 'tam_than_phan_liet',
  nameVi: 'Tâm thần phân liệt',
  nameEn: 'Schizophrenia',
  icd10: ['F20'],
  followUpDays: 30,
  fields: ['symptoms', 'adherence', 'medicines'],
  extraFields: [
    {
      key: 'psychosis',
      labelVi: 'Triệu chứng loạn thần',
      labelEn: 'Psychotic symptoms',
      type: 'choice',
      options: [
        { value: 'none', labelVi: 'Không', labelEn: 'None' },
        { value: 'mild', labelVi: 'Nhẹ', labelEn: 'Mild' },
        { value: 'severe', labelVi: 'Nặng', labelEn: 'Severe' },
      ],
    },
    { key: 'familySupport', labelVi: 'Gia đình hỗ trợ', labelEn: 'Family support', type: 'text', maxLength: 200 },
  ],
  control: 'none',
};

const count = (sql: string, ...params: unknown[]) => (t.station.sqlite.prepare(sql).get(...params) as { n: number }).n;

describe('administrator-defined programs', () => {
  it('adds epilepsy and schizophrenia without code changes: enroll, follow up with their own fields, overdue list', async () => {
    const saved = await t.ok('ncd.saveProgram', { program: EPILEPSY }, { token: admin });
    expect(saved.program).toMatchObject({ code: 'dong_kinh', builtIn: false, archived: false, followUpDays: 30 });
    await t.ok('ncd.saveProgram', { program: SCHIZOPHRENIA }, { token: admin });
    // stored in a synced table: the change log carries it to the hub
    expect(count("SELECT COUNT(*) AS n FROM change_log WHERE table_name = 'ncd_programs'")).toBe(2);

    const { programs } = await t.ok('ncd.programs', {}, { token: doctor });
    expect(programs.map((p) => [p.code, p.builtIn])).toEqual([
      ['hypertension', true],
      ['diabetes_t2', true],
      ['copd', true],
      ['asthma', true],
      ['dong_kinh', false],
      ['tam_than_phan_liet', false],
    ]);

    const { enrollment } = await t.ok('ncd.enroll', { personId: family.head.id, program: 'dong_kinh', icdCode: 'G40.9', enrolledOn: '2026-02-01' }, { token: doctor });
    expect(enrollment).toMatchObject({ programName: 'Động kinh', nextAppointment: '2026-03-03' });
    const { enrollment: wifeE } = await t.ok('ncd.enroll', { personId: family.wife.id, program: 'tam_than_phan_liet', icdCode: 'F20.0' }, { token: doctor });

    // follow-up with the program's own fields
    const { followup } = await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, weightKg: 61, extra: { seizures: 2, sideEffects: true } }, { token: doctor });
    expect(followup.extra).toEqual({ seizures: 2, sideEffects: true });
    expect(followup.nextAppointment).toBe('2026-04-14');
    const history = await t.ok('ncd.followupsForPerson', { personId: family.head.id, program: 'dong_kinh' }, { token: doctor });
    expect(history.followups[0]!.extra).toEqual({ seizures: 2, sideEffects: true });
    const { visit } = await t.ok('visits.get', { id: followup.visitId! }, { token: doctor });
    expect(visit.reason).toBe('Khám quản lý Động kinh');
    const f2 = await t.ok('ncd.recordFollowup', { enrollmentId: wifeE.id, extra: { psychosis: 'mild', familySupport: '  Chồng   nhắc uống thuốc ' } }, { token: doctor });
    expect(f2.followup.extra).toEqual({ psychosis: 'mild', familySupport: 'Chồng nhắc uống thuốc' });

    // their fields are checked against the definition, with the label in the message; nothing is written
    const before = [count('SELECT COUNT(*) AS n FROM ncd_followups'), count('SELECT COUNT(*) AS n FROM visits'), count('SELECT COUNT(*) AS n FROM change_log')];
    const bad = await t.call('ncd.recordFollowup', { enrollmentId: enrollment.id, extra: { seizures: 500, sideEffects: 'có', peakFlow: 300 } }, { token: doctor });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
    expect(!bad.ok && bad.error.details?.fields?.map((f) => [f.path, f.message])).toEqual([
      ['extra.peakFlow', 'Chương trình không có trường peakFlow'],
      ['extra.seizures', 'Số cơn co giật trong tháng phải từ 0 đến 200 cơn'],
      ['extra.sideEffects', 'Tác dụng phụ của thuốc: chọn có hoặc không'],
    ]);
    const missing = await t.call('ncd.recordFollowup', { enrollmentId: enrollment.id, extra: { seizures: null } }, { token: doctor, locale: 'en' });
    expect(!missing.ok && missing.error.details?.fields?.map((f) => f.message)).toEqual(['Seizures this month is required']);
    const choice = await t.call('ncd.recordFollowup', { enrollmentId: wifeE.id, extra: { psychosis: 'very' } }, { token: doctor });
    expect(!choice.ok && choice.error.details?.fields?.[0]?.message).toBe('Triệu chứng loạn thần: chọn một trong Không, Nhẹ, Nặng');
    expect([count('SELECT COUNT(*) AS n FROM ncd_followups'), count('SELECT COUNT(*) AS n FROM visits'), count('SELECT COUNT(*) AS n FROM change_log')]).toEqual(before);

    // the overdue list and its program filter see the new programs
    await clock('2026-04-20T02:00:00Z');
    const list = await t.ok('ncd.overdueList', {}, { token: doctor });
    expect(list.rows.map((r) => [r.fullName, r.program, r.daysOverdue])).toEqual([
      ['Lò Thị Ánh', 'tam_than_phan_liet', 6],
      ['Nguyễn Văn Hùng', 'dong_kinh', 6],
    ]);
    expect((await t.ok('ncd.overdueList', { program: 'dong_kinh' }, { token: doctor })).total).toBe(1);
    // and so do the indicators (registered / under care / lost only: control 'none')
    const ind = await t.ok('ncd.indicators', { period: '2026-04', program: 'tam_than_phan_liet' }, { token: doctor });
    expect(ind.indicators).toMatchObject({ registered: 1, underCare: 1, lostToFollowUp: 0 });
  }, 60_000);

  it('only an administrator saves programs; shipped codes and invalid definitions are refused', async () => {
    const denied = await t.call('ncd.saveProgram', { program: EPILEPSY }, { token: doctor });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    const clash = await t.call('ncd.saveProgram', { program: { ...EPILEPSY, code: 'hypertension' } }, { token: admin });
    expect(!clash.ok && clash.error.details?.fields).toEqual([{ path: 'program.code', message: 'Mã hypertension là chương trình có sẵn, không sửa được; hãy chọn mã khác' }]);
    const badField = await t.call('ncd.saveProgram', { program: { ...EPILEPSY, extraFields: [{ key: 'seizures', labelVi: 'Số cơn', labelEn: 'Seizures', type: 'number', min: 10, max: 5 }] } }, { token: admin });
    expect(!badField.ok && badField.error.details?.fields).toEqual([{ path: 'program.extraFields.0.max', message: 'Giá trị tối đa phải lớn hơn hoặc bằng giá trị tối thiểu' }]);
    const badCode = await t.call('ncd.saveProgram', { program: { ...EPILEPSY, code: 'Động kinh' } }, { token: admin });
    expect(!badCode.ok && badCode.error.details?.fields?.[0]?.path).toBe('program.code');
    expect(count('SELECT COUNT(*) AS n FROM ncd_programs')).toBe(0);
  });

  it('updates its own program, archives it for new enrollments and keeps existing ones working', async () => {
    await t.ok('ncd.saveProgram', { program: EPILEPSY }, { token: admin });
    const { enrollment } = await t.ok('ncd.enroll', { personId: family.head.id, program: 'dong_kinh', icdCode: 'G40' }, { token: doctor });
    // a new interval applies from the next follow-up; the name changes everywhere
    const updated = await t.ok('ncd.saveProgram', { program: { ...EPILEPSY, nameVi: 'Bệnh động kinh', followUpDays: 60 } }, { token: admin });
    expect(updated.program).toMatchObject({ nameVi: 'Bệnh động kinh', followUpDays: 60 });
    expect(count('SELECT COUNT(*) AS n FROM ncd_programs')).toBe(1);
    const { followup } = await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, extra: { seizures: 0 } }, { token: doctor });
    expect(followup.nextAppointment).toBe('2026-05-14');
    expect((await t.ok('ncd.enrollmentsForPerson', { personId: family.head.id }, { token: doctor })).enrollments[0]!.programName).toBe('Bệnh động kinh');

    const archived = await t.ok('ncd.archiveProgram', { code: 'dong_kinh' }, { token: admin });
    expect(archived.program.archived).toBe(true);
    expect((await t.ok('ncd.programs', {}, { token: doctor })).programs.map((p) => p.code)).not.toContain('dong_kinh');
    expect((await t.ok('ncd.programs', { includeArchived: true }, { token: admin })).programs.find((p) => p.code === 'dong_kinh')?.archived).toBe(true);
    const refused = await t.call('ncd.enroll', { personId: family.wife.id, program: 'dong_kinh', icdCode: 'G40' }, { token: doctor });
    expect(!refused.ok && refused.error.details?.fields?.[0]?.message).toBe('Chương trình dong_kinh đã ngừng sử dụng, không đăng ký mới được');
    // the enrolled patient is still followed up
    await clock('2026-03-16T02:00:00Z');
    await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, extra: { seizures: 1 } }, { token: doctor });
    await t.ok('ncd.archiveProgram', { code: 'dong_kinh', archived: false }, { token: admin });
    await t.ok('ncd.enroll', { personId: family.wife.id, program: 'dong_kinh', icdCode: 'G40' }, { token: doctor });
    const shipped = await t.call('ncd.archiveProgram', { code: 'copd' }, { token: admin });
    expect(!shipped.ok && shipped.error.details?.fields?.[0]?.path).toBe('code');
  }, 60_000);

  it('stores the peak flow of a shipped COPD program', async () => {
    const { enrollment } = await t.ok('ncd.enroll', { personId: family.head.id, program: 'copd', icdCode: 'J44.9' }, { token: doctor });
    const { followup } = await t.ok('ncd.recordFollowup', { enrollmentId: enrollment.id, pulse: 88, extra: { peakFlow: 240 } }, { token: doctor });
    expect(followup.extra).toEqual({ peakFlow: 240 });
    const r = await t.call('ncd.recordFollowup', { enrollmentId: enrollment.id, extra: { peakFlow: 2400 } }, { token: doctor });
    expect(!r.ok && r.error.details?.fields?.[0]).toEqual({ path: 'extra.peakFlow', message: 'Lưu lượng đỉnh (PEF) phải từ 50 đến 900 L/phút' });
  });
});
