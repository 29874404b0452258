import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../shared/contract/index.js';
import type { PersonFields } from '../../../shared/contract/persons.js';
import { FORBIDDEN_ON_PAGE, hasPoppler, pdfInfo, pdfText, pdfToPng } from '../print/testing.js';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { seedFamily } from '../visits/testing.js';
import { CALL_LIST_HEADERS } from './exports.js';
import { CALL_LIST_HEADER_ROW } from './export-xlsx.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

let t: TestStation;
let admin: string;
let doctor: string;
let family: Awaited<ReturnType<typeof seedFamily>>;

/**
 * On 22/11/2026 (everything back-dated):
 * - Nguyễn Văn Hùng, hypertension since 01/05/2026, 185/100 on 01/10 → appointment 31/10, 22 days overdue, high risk;
 * - Lò Thị Ánh, hypertension since 01/10/2026, no follow-up → first appointment 31/10, 22 days overdue;
 * - Trần Thị Mai (phone), hypertension since 01/06/2026, 150/90 on 10/10 → 09/11, 13 days overdue, one call;
 * - Phạm Thị Lan, hypertension since 05/01/2026, 130/80 on 01/11 → controlled, not overdue;
 * - Đỗ Văn Bình, hypertension since 01/01/2025, never came → lost to follow-up;
 * - Hoàng Văn Tám, diabetes since 01/09/2026, no follow-up → overdue in the other program.
 */
beforeEach(async () => {
  t = createTestStation(new Date('2026-11-22T02:00:00Z'));
  admin = await setUpStation(t);
  doctor = await signInAs(t, admin, 'physician');
  family = await seedFamily(t, admin);
  const enroll = async (personId: string, enrolledOn: string, program = 'hypertension') =>
    (await t.ok('ncd.enroll', { personId, program, icdCode: program === 'hypertension' ? 'I10' : 'E11', enrolledOn }, { token: doctor })).enrollment.id;
  const followup = (enrollmentId: string, date: string, bp: [number, number]) =>
    t.ok('ncd.recordFollowup', { enrollmentId, date, bp1: { systolic: bp[0], diastolic: bp[1] } }, { token: doctor });
  await followup(await enroll(family.head.id, '2026-05-01'), '2026-10-01', [185, 100]);
  await enroll(family.wife.id, '2026-10-01');
  const mai = await enroll(await newPerson('Trần Thị Mai', '0912345678'), '2026-06-01');
  await followup(mai, '2026-10-10', [150, 90]);
  await t.ok('ncd.recordCall', { enrollmentId: mai, outcome: 'unreachable', note: 'Thuê bao' }, { token: doctor });
  await followup(await enroll(await newPerson('Phạm Thị Lan'), '2026-01-05'), '2026-11-01', [130, 80]);
  await enroll(await newPerson('Đỗ Văn Bình'), '2025-01-01');
  await enroll(await newPerson('Hoàng Văn Tám'), '2026-09-01', 'diabetes_t2');
}, 60_000);
afterEach(() => t.cleanup());

async function newPerson(fullName: string, phone?: string) {
  const fields = { fullName, sex: fullName.includes('Thị') ? 'F' : 'M', birthDate: '1960-02-02', ethnicityCode: '01', nationality: 'Việt Nam', ...(phone ? { phone } : {}) } as PersonFields;
  return (await t.ok('persons.register', { householdId: family.householdId, relationToHead: 'other', person: fields, confirmNotDuplicate: true }, { token: admin })).person.id;
}

async function workbook(input: ProcedureInput<'ncd.exportOverdue'> | ProcedureInput<'ncd.exportIndicators'>, name: 'ncd.exportOverdue' | 'ncd.exportIndicators') {
  const file = (await t.ok(name, input as never, { token: doctor })) as { fileName: string; contentBase64: string };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as never);
  return { fileName: file.fileName, wb };
}

const cells = (ws: ExcelJS.Worksheet, row: number, n: number) => Array.from({ length: n }, (_, i) => ws.getCell(row, i + 1).value ?? '');

function expectClean(text: string) {
  for (const bad of FORBIDDEN_ON_PAGE) expect(text, String(bad)).not.toMatch(bad);
}

describe('call list export', () => {
  it('.xlsx: station header, the columns to call with, high risk first, empty columns for the result', async () => {
    const { fileName, wb } = await workbook({ program: 'hypertension', format: 'xlsx' }, 'ncd.exportOverdue');
    expect(fileName).toBe('ds-qua-hen-THA-2026-11-22.xlsx');
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Danh sách gọi');
    expect([ws.getCell(1, 1).value, ws.getCell(2, 1).value, ws.getCell(4, 1).value, ws.getCell(5, 1).value]).toEqual([
      'UBND XÃ HÒA BÌNH',
      'TRẠM Y TẾ XÃ HÒA BÌNH',
      'DANH SÁCH NGƯỜI BỆNH QUÁ HẸN TÁI KHÁM',
      'Chương trình: Tăng huyết áp · Thôn: tất cả · Ngày lập: 22/11/2026',
    ]);
    expect(cells(ws, CALL_LIST_HEADER_ROW, 14)).toEqual([...CALL_LIST_HEADERS]);
    expect(CALL_LIST_HEADERS.slice(-2)).toEqual(['Kết quả gọi', 'Ghi chú']);
    expect([8, 9, 10].map((r) => cells(ws, r, 14))).toEqual([
      [1, 'Nguyễn Văn Hùng', 1975, 'Nam', '', 'Thôn 1', 'THA', '31/10/2026', 22, 'Có', '185/100', '', '', ''],
      [2, 'Lò Thị Ánh', 1980, 'Nữ', '', 'Thôn 1', 'THA', '31/10/2026', 22, '', '', '', '', ''],
      [3, 'Trần Thị Mai', 1960, 'Nữ', '0912345678', 'Thôn 1', 'THA', '09/11/2026', 13, '', '150/90', '22/11/2026: Không liên lạc được (Thuê bao)', '', ''],
    ]);
    expect(ws.getCell(11, 2).value ?? '').toBe(''); // Phạm Thị Lan is not overdue, the diabetes patient is another program
    expect(ws.getCell(12, 1).value).toBe('Tổng số: 3 người');
    expect(ws.getCell(13, 1).value).toBe('Ngoài ra có 1 người quá hẹn trên 12 tháng (danh sách mất dấu riêng).');

    // all programs; the lost-to-follow-up list; a hamlet with nobody
    const all = await workbook({ format: 'xlsx' }, 'ncd.exportOverdue');
    expect(all.fileName).toBe('ds-qua-hen-2026-11-22.xlsx');
    // Hoàng Văn Tám (diabetes, 52 days) comes right after the high-risk patient
    expect([1, 2, 3, 4].map((n) => all.wb.worksheets[0]!.getCell(CALL_LIST_HEADER_ROW + n, 7).value)).toEqual(['THA', 'ĐTĐ', 'THA', 'THA']);
    const lost = await workbook({ list: 'lost', program: 'hypertension', format: 'xlsx' }, 'ncd.exportOverdue');
    expect(lost.fileName).toBe('ds-mat-dau-THA-2026-11-22.xlsx');
    expect(cells(lost.wb.worksheets[0]!, CALL_LIST_HEADER_ROW + 1, 9)).toEqual([1, 'Đỗ Văn Bình', 1960, 'Nam', '', 'Thôn 1', 'THA', '31/01/2025', 660]);
    const { hamlets } = await t.ok('hamlets.list', {}, { token: admin });
    const empty = await workbook({ hamletId: hamlets[2]!.id, format: 'xlsx' }, 'ncd.exportOverdue');
    expect(empty.fileName).toBe('ds-qua-hen-ban-muong-2026-11-22.xlsx');
    expect(empty.wb.worksheets[0]!.getCell(CALL_LIST_HEADER_ROW + 2, 1).value).toBe('Tổng số: 0 người');
    const audit = t.station.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'ncd.exportOverdue'").get() as { n: number };
    expect(audit.n).toBe(4);
  }, 60_000);

  it.skipIf(!hasPoppler())('PDF: A4 landscape with the station header, Vietnamese text and a signature line', async () => {
    const { hamlets } = await t.ok('hamlets.list', {}, { token: admin });
    const file = await t.ok('ncd.exportOverdue', { program: 'hypertension', hamletId: hamlets[0]!.id, format: 'pdf' }, { token: doctor });
    expect(file.fileName).toBe('ds-qua-hen-THA-thon-1-2026-11-22.pdf');
    const pdf = Buffer.from(file.contentBase64, 'base64');
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    expect(info.Title).toBe('DANH SÁCH NGƯỜI BỆNH QUÁ HẸN TÁI KHÁM');
    const text = pdfText(pdf);
    for (const s of [
      'UBND XÃ HÒA BÌNH', 'TRẠM Y TẾ XÃ HÒA BÌNH', 'Mã cơ sở: 01234', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'DANH SÁCH NGƯỜI BỆNH QUÁ HẸN TÁI KHÁM', 'Chương trình: Tăng huyết áp · Thôn: Thôn 1 · Ngày lập: 22/11/2026',
      'Họ và tên', 'Điện thoại', 'Số ngày quá hẹn', 'Nguy cơ cao', 'HA gần nhất', 'Lần gọi gần nhất', 'Kết quả gọi', 'Ghi chú',
      'Nguyễn Văn Hùng', 'Lò Thị Ánh', 'Trần Thị Mai', '0912345678', '185/100', '31/10/2026', 'Không liên lạc được',
      'Tổng số: 3 người, trong đó 1 người nguy cơ cao (xếp trước).', 'Hòa Bình, ngày 22 tháng 11 năm 2026', 'NGƯỜI LẬP DANH SÁCH', 'Trang 1/1',
    ]) expect(text).toContain(s);
    expect(text.indexOf('Nguyễn Văn Hùng')).toBeLessThan(text.indexOf('Trần Thị Mai'));
    expectClean(text);
    expect(pdfToPng(pdf, SHOTS, 'ncd-call-list')).toHaveLength(1);
  }, 60_000);
});

describe('indicator report export', () => {
  it('.xlsx: every indicator line with the API numbers, percentages, and the 12-month trend', async () => {
    const api = await t.ok('ncd.indicators', { period: '2026-11', program: 'hypertension', trend: true }, { token: doctor });
    expect(api.indicators).toMatchObject({ registered: 5, underCare: 4, lostToFollowUp: 1, denominator: 3, bp: { controlled: 1, uncontrolled: 2, visitedNoBp: 0, missedVisit: 0 } });
    const { fileName, wb } = await workbook({ period: '2026-11', program: 'hypertension', format: 'xlsx' }, 'ncd.exportIndicators');
    expect(fileName).toBe('bao-cao-THA-2026-11.xlsx');
    const ws = wb.getWorksheet('Báo cáo')!;
    expect([ws.getCell(4, 1).value, ws.getCell(5, 1).value, ws.getCell(7, 1).value]).toEqual([
      'BÁO CÁO QUẢN LÝ BỆNH TĂNG HUYẾT ÁP',
      'Tháng 11/2026 (từ 01/11/2026 đến 30/11/2026) · Ngày lập: 22/11/2026',
      'I. CHỈ SỐ THÁNG',
    ]);
    // November is not over on the 22nd: the report says so
    expect(ws.getCell(6, 1).value).toBe('Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày 22/11/2026.');
    expect(cells(ws, 8, 5)).toEqual(['STT', 'Chỉ số', 'Số người', 'Tỷ lệ (%)', 'Tỷ lệ trên']);
    const lines = Array.from({ length: 9 }, (_, i) => cells(ws, 9 + i, 5));
    expect(lines.map((l) => [l[0], l[2], l[3], l[4]])).toEqual([
      ['1', 5, '', ''],
      ['1.1', 0, 0, 'đăng ký'],
      ['2', 4, 80, 'đăng ký'],
      ['3', 1, 20, 'đăng ký'],
      ['4', 3, '', ''],
      ['4.1', 1, 33.3, 'mẫu số'],
      ['4.2', 2, 66.7, 'mẫu số'],
      ['4.3', 0, 0, 'mẫu số'],
      ['4.4', 0, 0, 'mẫu số'],
    ]);
    expect(lines[5]![1]).toBe('Huyết áp được kiểm soát (lần đo gần nhất < 140/90 mmHg)');
    expect(ws.getCell(18, 1).value ?? '').toBe(''); // no diabetes lines for hypertension, no cohort for a month

    const tr = wb.getWorksheet('Xu hướng 12 tháng')!;
    expect(cells(tr, 7, 11)).toEqual(['Tháng', 'Đăng ký', 'Mới', 'Đang quản lý', 'Mất dấu', 'Mẫu số', 'HA kiểm soát', 'Tỷ lệ kiểm soát (%)', 'HA chưa kiểm soát', 'Không đo HA', 'Không đến khám']);
    const trend = Array.from({ length: 12 }, (_, i) => cells(tr, 8 + i, 11));
    expect(trend.map((r) => r[0])).toEqual(api.trend.map((m) => `${m.month.slice(5)}/${m.month.slice(0, 4)}`));
    expect(trend.map((r) => [r[1], r[3], r[5], r[6]])).toEqual(api.trend.map((m) => [m.registered, m.underCare, m.denominator, m.bp.controlled]));
    expect(trend[11]).toEqual(['11/2026', 5, 0, 4, 1, 3, 1, 33.3, 2, 0, 0]);
  }, 60_000);

  it('.xlsx of a quarter has the cohort; a diabetes report has the sugar bands', async () => {
    const { hamlets } = await t.ok('hamlets.list', {}, { token: admin });
    const q = await workbook({ period: '2026-Q4', program: 'hypertension', hamletId: hamlets[0]!.id, format: 'xlsx' }, 'ncd.exportIndicators');
    expect(q.fileName).toBe('bao-cao-THA-thon-1-2026-Q4.xlsx');
    const ws = q.wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell(5, 1).value).toBe('Quý IV/2026 (từ 01/10/2026 đến 31/12/2026) · Thôn: Thôn 1 · Ngày lập: 22/11/2026');
    expect(ws.getCell(10, 2).value).toBe('Trong đó: đăng ký mới trong quý');
    expect(ws.getCell(10, 3).value).toBe(1); // Lò Thị Ánh, 01/10/2026
    // cohort of 2026-Q2 (Hùng, Mai), their BP in 2026-Q4: both uncontrolled
    expect(ws.getCell(19, 1).value).toBe('II. NHÓM ĐĂNG KÝ QUÝ II/2026: KẾT QUẢ QUÝ IV/2026');
    const cohort = Array.from({ length: 6 }, (_, i) => cells(ws, 21 + i, 4));
    expect(cohort.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['1', 2, ''],
      ['1.1', 0, 0],
      ['1.2', 0, 0],
      ['1.3', 2, 100],
      ['1.4', 0, 0],
      ['1.5', 0, 0],
    ]);
    const d = await workbook({ period: '2026-11', program: 'diabetes_t2', format: 'xlsx' }, 'ncd.exportIndicators');
    expect(d.fileName).toBe('bao-cao-DTD-2026-11.xlsx');
    const dws = d.wb.getWorksheet('Báo cáo')!;
    expect(Array.from({ length: 14 }, (_, i) => dws.getCell(9 + i, 1).value)).toEqual(['1', '1.1', '2', '3', '4', '4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '5.4', '5.5']);
    const bad = await t.call('ncd.exportIndicators', { period: '2026-11', program: 'khong_co', format: 'pdf' }, { token: doctor });
    expect(!bad.ok && bad.error.details?.fields?.[0]?.message).toBe('Chương trình không tồn tại: khong_co');
  }, 60_000);

  it.skipIf(!hasPoppler())('PDF: the month and the quarter, with diacritics, percentages and the trend table', async () => {
    const month = Buffer.from((await t.ok('ncd.exportIndicators', { period: '2026-11', program: 'hypertension', format: 'pdf' }, { token: doctor })).contentBase64, 'base64');
    expect(pdfInfo(month)['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    const text = pdfText(month);
    const october = pdfText(Buffer.from((await t.ok('ncd.exportIndicators', { period: '2026-10', program: 'hypertension', format: 'pdf' }, { token: doctor })).contentBase64, 'base64'));
    expect(october).toContain('Tháng 10/2026');
    expect(october).not.toContain('chưa kết thúc');
    for (const s of [
      'UBND XÃ HÒA BÌNH', 'TRẠM Y TẾ XÃ HÒA BÌNH', 'BÁO CÁO QUẢN LÝ BỆNH TĂNG HUYẾT ÁP', 'Tháng 11/2026 (từ 01/11/2026 đến 30/11/2026)',
      'I. CHỈ SỐ THÁNG', 'Người bệnh đăng ký quản lý', 'Đang được quản lý', 'Mất dấu', 'Mẫu số đánh giá kiểm soát',
      'Huyết áp được kiểm soát (lần đo gần nhất < 140/90 mmHg) 1 33,3 mẫu số', 'Huyết áp chưa kiểm soát (lần đo gần nhất ≥ 140/90 mmHg) 2 66,7',
      'II. XU HƯỚNG 12 THÁNG', '12/2025', '11/2026', 'Cách tính (WHO HEARTS)', 'NGƯỜI LẬP BIỂU', 'TRƯỞNG TRẠM Y TẾ', 'Hòa Bình, ngày 22 tháng 11 năm 2026',
    ]) expect(text).toContain(s);
    expectClean(text);
    pdfToPng(month, SHOTS, 'ncd-report-month');

    const quarter = Buffer.from((await t.ok('ncd.exportIndicators', { period: '2026-Q4', program: 'diabetes_t2', format: 'pdf' }, { token: doctor })).contentBase64, 'base64');
    const qText = pdfText(quarter);
    for (const s of ['BÁO CÁO QUẢN LÝ BỆNH ĐÁI THÁO ĐƯỜNG TÍP 2', 'Quý IV/2026', 'Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày 22/11/2026.', 'Trong đó: đăng ký mới trong quý', 'II. NHÓM ĐĂNG KÝ QUÝ II/2026: KẾT QUẢ QUÝ IV/2026', 'Đường huyết đạt', 'III. XU HƯỚNG 12 THÁNG', 'Tỷ lệ ĐH đạt (%)']) {
      expect(qText).toContain(s);
    }
    expectClean(qText);
    pdfToPng(quarter, SHOTS, 'ncd-report-quarter');
  }, 60_000);
});
