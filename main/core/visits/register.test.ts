import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, setUpStation, type TestStation } from '../testing/station.js';
import { REGISTER_COLUMNS, REGISTER_HEADER_ROW, REGISTER_TITLE } from './register-xlsx.js';
import { seedFamily } from './testing.js';

let t: TestStation;
let admin: string;
let family: Awaited<ReturnType<typeof seedFamily>>;

beforeEach(async () => {
  t = createTestStation(new Date('2026-03-15T02:00:00Z'));
  admin = await setUpStation(t);
  family = await seedFamily(t, admin);
  const head = await t.ok('visits.receive', { personId: family.head.id, reason: 'Đau họng', insured: true }, { token: admin });
  await t.ok(
    'visits.save',
    {
      id: head.visit.id,
      vitals: { pulse: 84, temperature: 37.8, systolic: 130, diastolic: 85, weightKg: 58, heightCm: 162 },
      symptoms: 'Đau họng, nuốt vướng',
      diagnoses: [
        { icdCode: 'J02.9', icdName: 'Viêm họng cấp, không đặc hiệu', isMain: true },
        { icdCode: 'I10', icdName: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', isMain: false },
      ],
      prescription: [{ medicineName: 'Paracetamol', strength: '500 mg', unit: 'viên', dose: '1 viên × 3 lần/ngày', quantity: 10, days: 3 }],
      treatment: 'Điều trị ngoại trú',
      returnDate: '2026-03-18',
      finish: true,
    },
    { token: admin },
  );
  const wife = await t.ok('visits.receive', { personId: family.wife.id, reason: 'Đau đầu, chóng mặt', insured: false }, { token: admin });
  await t.ok('visits.save', { id: wife.visit.id, finish: true, outcome: 'referred', diagnoses: [{ icdCode: 'R51', icdName: 'Đau đầu', isMain: true }] }, { token: admin });
  const cancelled = await t.ok('visits.receive', { personId: family.toddler.id, reason: 'Ho', insured: false }, { token: admin });
  await t.ok('visits.setStatus', { id: cancelled.visit.id, status: 'cancelled' }, { token: admin });
});
afterEach(() => t.cleanup());

describe('the visit register (sổ khám bệnh A1)', () => {
  it('has one row per visit with the A1 columns, vital signs and medicines, cancelled visits left out', async () => {
    const { rows } = await t.ok('visits.register', { from: '2026-03-01', to: '2026-03-31' }, { token: admin });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      orderNumber: 1,
      visitDate: '2026-03-15',
      fullName: 'Nguyễn Văn Hùng',
      sex: 'M',
      birthDate: '1975-04-30',
      identityDocument: '015075001234',
      bhytCardCode: 'GD4151234567890',
      address: `Số 12, đường Trần Hưng Đạo, ${family.hamletName}`,
      ethnicity: 'Tày',
      occupation: 'Làm ruộng',
      symptoms: 'Đau họng, nuốt vướng',
      diagnosis: 'J02.9 - Viêm họng cấp, không đặc hiệu; I10 - Bệnh lý tăng huyết áp vô căn (nguyên phát)',
      treatment: 'Điều trị ngoại trú',
      examinerName: 'Nguyễn Thị Quản Trị',
      notes: 'Hẹn khám lại 18/03/2026',
      medicines: 'Paracetamol 500 mg × 10 viên',
      status: 'finished',
    });
    expect(rows[0]!.vitals).toMatchObject({ pulse: 84, temperature: 37.8, systolic: 130, diastolic: 85 });
    expect(rows[1]).toMatchObject({ orderNumber: 2, fullName: 'Lò Thị Ánh', sex: 'F', birthDate: '1980', ethnicity: 'Thái', bhytCardCode: null, notes: 'Chuyển tuyến; Không BHYT', symptoms: 'Đau đầu, chóng mặt' });
    // Stored and returned in composed Unicode, so the diacritics print the same everywhere.
    for (const r of rows) expect(r.fullName).toBe(r.fullName.normalize('NFC'));
    expect((await t.ok('visits.register', { from: '2026-03-16', to: '2026-03-31' }, { token: admin })).rows).toEqual([]);
  });

  it('refuses a range that ends before it starts or spans more than a year', async () => {
    const backwards = await t.call('visits.register', { from: '2026-03-15', to: '2026-03-01' }, { token: admin });
    expect(backwards.ok || backwards.error.details?.fields?.[0]?.path).toBe('to');
    const long = await t.call('visits.exportRegister', { from: '2024-01-01', to: '2026-03-01' }, { token: admin });
    expect(long.ok || long.error.code).toBe('VALIDATION_FAILED');
  });

  it('exports an .xlsx that reads back with the title, facility, period and the same rows', async () => {
    const { rows } = await t.ok('visits.register', { from: '2026-03-15', to: '2026-03-15' }, { token: admin });
    const file = await t.ok('visits.exportRegister', { from: '2026-03-15', to: '2026-03-15' }, { token: admin });
    expect(file.fileName).toBe('so-kham-benh_2026-03-15.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    const text = (r: number, c: number) => String(ws.getCell(r, c).value ?? '');
    expect(text(2, 1)).toBe('TRẠM Y TẾ XÃ HÒA BÌNH');
    expect(text(4, 1)).toBe(REGISTER_TITLE);
    expect(text(5, 1)).toBe('Từ ngày 15/03/2026 đến ngày 15/03/2026');
    expect(REGISTER_COLUMNS.map((_, i) => text(REGISTER_HEADER_ROW, i + 1))).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    const data = rows.map((_, n) => REGISTER_COLUMNS.map((_, i) => text(REGISTER_HEADER_ROW + 1 + n, i + 1)));
    expect(data).toEqual(rows.map((r) => REGISTER_COLUMNS.map((c) => String(c.value(r)))));
    expect(data[0]!.slice(0, 5)).toEqual(['1', '15/03/2026', 'Nguyễn Văn Hùng', 'Nam', '30/04/1975']);
    expect(data[0]![15]).toBe('M 84 · T 37,8 °C · HA 130/85 · CN 58 kg · CC 162 cm · BMI 22,1');
    expect(data[1]![3]).toBe('Nữ');
    expect(text(REGISTER_HEADER_ROW + 4, 1)).toBe('Tổng số lượt khám: 2');
    const audit = t.station.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'visits.exportRegister'").get() as { n: number };
    expect(audit.n).toBe(1);
  });
});
