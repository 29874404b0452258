import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORBIDDEN_ON_PAGE, hasPoppler, pdfInfo, pdfText, pdfToPng } from '../print/testing.js';
import type { TestStation } from '../testing/station.js';
import { freshImmStation, seedImmFamily } from './testing.js';

let t: TestStation;
let admin: string;
let nurse: string;

beforeEach(async () => ({ t, admin, nurse } = await freshImmStation()));
afterEach(() => t.cleanup());

const bytes = (f: { contentBase64: string }) => Buffer.from(f.contentBase64, 'base64');
const elsewhere = (personId: string, vaccineCode: string, givenOn: string) =>
  t.ok('imm.recordDose', { personId, vaccineCode, givenOn, givenElsewhere: true, place: 'TYT xã bên' }, { token: nurse });

async function cells(file: { contentBase64: string }): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes(file) as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

/** A session on 15/03/2026 in Thôn 1: one child vaccinated (DPT + bOPV from a 20-dose vial), one postponed, one absent. */
async function sessionDay() {
  const dpt = (await t.ok('imm.receiveStock', { vaccineCode: 'DPT-VGB-Hib', lotNumber: 'QV1', expiry: '2027-06-30', vialSize: 1, vials: 10 }, { token: nurse })).lot;
  const opv = (await t.ok('imm.receiveStock', { vaccineCode: 'bOPV', lotNumber: 'OPV1', expiry: '2027-06-30', vialSize: 20, vials: 2 }, { token: nurse })).lot;
  const f = await seedImmFamily(t, admin, {
    children: [
      { name: 'Nguyễn Văn Tiêm', birthDate: '2026-01-10' },
      { name: 'Nguyễn Thị Hoãn', birthDate: '2026-01-11', sex: 'F' },
      { name: 'Nguyễn Văn Vắng', birthDate: '2026-01-12' },
    ],
  });
  for (const c of f.children) {
    await elsewhere(c.id, 'VGB', c.birthDate);
    await elsewhere(c.id, 'BCG', c.birthDate);
  }
  const session = (await t.ok('imm.createSession', { date: '2026-03-15', place: 'Trạm Y tế xã', hamletIds: [f.hamletId] }, { token: nurse })).session;
  const [given, postponed] = f.children;
  const a = (await t.ok('imm.checkIn', { sessionId: session.id, personId: given!.id }, { token: nurse })).entry;
  const b = (await t.ok('imm.checkIn', { sessionId: session.id, personId: postponed!.id }, { token: nurse })).entry;
  await t.ok('imm.screen', { attendanceId: a.attendanceId, answers: {}, temperature: 36.7 }, { token: nurse });
  await t.ok('imm.screen', { attendanceId: b.attendanceId, answers: { 'acute-illness': true }, temperature: 37.2, returnDate: '2026-03-25' }, { token: nurse });
  const v = await t.ok('imm.vaccinate', { attendanceId: a.attendanceId, doses: [{ seriesKey: 'dpt', lotId: dpt.id }, { seriesKey: 'bopv', lotId: opv.id }] }, { token: nurse });
  return { f, session, dpt, opv, doses: v.doses };
}

describe('end of session', () => {
  it('summarises the session: vaccinated by vaccine, postponed with the return date, absentees, vials; wastage entered once', async () => {
    const { session, opv, doses } = await sessionDay();
    const s = await t.ok('imm.sessionSummary', { sessionId: session.id }, { token: nurse });
    expect(s.vaccinatedPersons).toBe(1);
    expect(s.dosesByVaccine.map((d) => `${d.vaccineCode}:${d.doses}`)).toEqual(['DPT-VGB-Hib:1', 'bOPV:1']);
    expect(s.postponed.map((p) => [p.person.fullName, p.returnDate, p.reasons])).toEqual([['Nguyễn Thị Hoãn', '2026-03-25', ['acute-illness']]]);
    expect(s.absentees.map((r) => r.person.fullName)).toEqual(['Nguyễn Văn Vắng']);
    expect(s.vials.find((v) => v.lotId === opv.id)).toMatchObject({ administered: 1, openedVials: null, vialSize: 20 });

    // One 20-dose bOPV vial opened for one child: 19 doses wasted; entering it again writes nothing new.
    const w = await t.ok('imm.recordSessionWastage', { sessionId: session.id, lots: [{ lotId: opv.id, openedVials: 1 }] }, { token: nurse });
    expect(w.movements.map((m) => [m.kind, m.delta])).toEqual([['wasted', -19]]);
    expect((await t.ok('imm.recordSessionWastage', { sessionId: session.id, lots: [{ lotId: opv.id, openedVials: 1 }] }, { token: nurse })).movements).toEqual([]);
    const tooFew = await t.call('imm.recordSessionWastage', { sessionId: session.id, lots: [{ lotId: opv.id, openedVials: 0 }] }, { token: nurse });
    expect(tooFew.ok ? null : tooFew.error.details?.fields?.[0]?.path).toBe('lots.0.openedVials');
    const lots = await t.ok('imm.lots', { includeEmpty: true }, { token: nurse });
    expect(lots.lots.find((l) => l.id === opv.id)!.onHandDoses).toBe(40 - 1 - 19);
    expect((await t.ok('imm.sessionSummary', { sessionId: session.id }, { token: nurse })).vials.find((v) => v.lotId === opv.id)).toMatchObject({ openedVials: 1, wastedDoses: 19 });

    // NIIS export of the session's doses: CSV with a BOM and one row per dose, numbered by the engine.
    const csv = bytes(await t.ok('imm.exportNiis', { sessionId: session.id, format: 'csv' }, { token: nurse }));
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Họ và tên,Ngày sinh,Giới tính,Số định danh/CCCD,Họ tên mẹ/cha/người giám hộ,Điện thoại,Địa chỉ,Mã vắc xin,Tên vắc xin,Mũi thứ,Ngày tiêm,Số lô,Hạn dùng,Nơi tiêm');
    expect(lines[1]).toContain('"Số 5, Thôn 1"'); // a value with a comma is quoted
    const fields = (l: string) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
    expect(lines.slice(1).map((l) => fields(l).slice(7, 12))).toEqual([
      ['DPT-VGB-Hib', 'DPT-VGB-Hib (5 trong 1)', '1', '15/03/2026', 'QV1'],
      ['bOPV', 'bOPV (bại liệt uống)', '1', '15/03/2026', 'OPV1'],
    ]);
    const xlsx = await cells(await t.ok('imm.exportNiis', { from: '2026-03-01', to: '2026-03-31', format: 'xlsx' }, { token: nurse }));
    expect(xlsx.filter((r) => r[0] === 'Nguyễn Văn Tiêm')).toHaveLength(doses.length);
  });

  it.skipIf(!hasPoppler())('prints the invitation list, the call list, the absentees, the requisition and a serious AEFI report', async () => {
    const { session, doses, f } = await sessionDay();
    const inv = bytes(await t.ok('imm.dueListPdf', { sessionId: session.id }, { token: nurse }));
    const text = pdfText(inv);
    expect(text).toContain('DANH SÁCH ĐỐI TƯỢNG TIÊM CHỦNG');
    expect(text).toContain('TRẠM Y TẾ XÃ HÒA BÌNH');
    expect(text).toContain('Buổi tiêm chủng ngày 15/03/2026 tại Trạm Y tế xã');
    expect(text).toContain('Nguyễn Văn Vắng');
    expect(text).toContain('0987000111');
    for (const bad of FORBIDDEN_ON_PAGE) expect(text).not.toMatch(bad);
    expect(pdfInfo(inv)['Page size']).toContain('841.89 x 595.28'); // A4 landscape
    pdfToPng(inv, 'test-output/screenshots', 'imm-invitation');

    const call = pdfText(bytes(await t.ok('imm.dueListPdf', { sessionId: session.id, kind: 'call' }, { token: nurse })));
    expect(call).toContain('DANH SÁCH GỌI ĐIỆN NHẮC TIÊM CHỦNG');
    const absent = pdfText(bytes(await t.ok('imm.dueListPdf', { sessionId: session.id, kind: 'absentees' }, { token: nurse })));
    expect(absent).toContain('Nguyễn Văn Vắng');
    expect(absent).not.toContain('Nguyễn Văn Tiêm');

    const req = bytes(await t.ok('imm.requisition', { sessionId: session.id, format: 'pdf' }, { token: nurse }));
    expect(pdfText(req)).toContain('PHIẾU DỰ TRÙ VẮC XIN');
    pdfToPng(req, 'test-output/screenshots', 'imm-requisition');
    const reqXlsx = await cells(await t.ok('imm.requisition', { sessionId: session.id, format: 'xlsx' }, { token: nurse }));
    expect(reqXlsx.find((r) => r[1] === 'Rota (tiêu chảy, uống)')).toBeTruthy();

    const aefi = await t.ok(
      'imm.recordAefi',
      { personId: f.children[0]!.id, doseIds: [doses[0]!.id, doses[1]!.id], onsetAt: '2026-03-15T02:00:00Z', severity: 'serious', signs: ['anaphylactic-shock'], anaphylaxisGrade: 3, actions: ['adrenaline', 'referred'], outcome: 'referred', referredTo: 'Bệnh viện huyện' },
      { token: nurse },
    );
    const report = bytes(await t.ok('imm.aefiReportPdf', { id: aefi.aefi.id }, { token: nurse }));
    const r = pdfText(report);
    expect(r).toContain('BÁO CÁO TAI BIẾN NẶNG SAU TIÊM CHỦNG');
    expect(r).toContain('Sốc phản vệ');
    // Times in Viet Nam time whatever the server's zone: 02:00 UTC is 09:00; an oral route is printed once.
    expect(r).toContain('Thời điểm khởi phát: 15/03/2026 09:00');
    expect(r).toContain('bOPV (bại liệt uống) 15/03/2026 09:00');
    expect(r).not.toContain('Uống, Uống');
    expect(r).toContain('QV1');
    expect(r).toContain('Bệnh viện huyện');
    for (const bad of FORBIDDEN_ON_PAGE) expect(r).not.toMatch(bad);
    pdfToPng(report, 'test-output/screenshots', 'imm-aefi-report');
  });
});

describe('register and coverage', () => {
  it('fills the A2.1 register and the monthly coverage figures from the same doses', async () => {
    const f = await seedImmFamily(t, admin, {
      children: [
        { name: 'Trẻ Một Tuổi', birthDate: '2025-03-05' },
        { name: 'Trẻ Hai Tuổi', birthDate: '2024-03-10', sex: 'F' },
        { name: 'Trẻ Sơ Sinh', birthDate: '2026-03-01' },
      ],
    });
    const [one, two, newborn] = [f.children[0]!, f.children[1]!, f.children[2]!];
    // Fully immunized before the first birthday (05/03/2026): BCG, 3 × DPT-VGB-Hib, 3 × bOPV, IPV, measles.
    await elsewhere(one.id, 'VGB', '2025-03-05');
    await elsewhere(one.id, 'BCG', '2025-03-06');
    for (const [i, date] of ['2025-05-05', '2025-06-05', '2025-07-05'].entries()) {
      await elsewhere(one.id, 'DPT-VGB-Hib', date);
      await elsewhere(one.id, 'bOPV', date);
      if (i === 2) await elsewhere(one.id, 'IPV', '2025-08-05');
    }
    await elsewhere(one.id, 'Soi', '2025-12-05');
    // Second birthday 10/03/2026: measles + MR, DPT 1–3 + DPT4 by then.
    for (const date of ['2024-05-10', '2024-06-10', '2024-07-10']) await elsewhere(two.id, 'DPT-VGB-Hib', date);
    await elsewhere(two.id, 'Soi', '2024-12-10');
    await elsewhere(two.id, 'DPT', '2025-09-10');
    await elsewhere(two.id, 'MR', '2025-09-10');
    // Born 01/03/2026, hepatitis B birth dose the same day (within 24 h).
    await elsewhere(newborn.id, 'VGB', '2026-03-01');
    // Pregnant mother, due 25/03/2026: UV1 in January, UV2 in March.
    await t.ok('imm.recordPregnancy', { personId: f.motherId, expectedDelivery: '2026-03-25' }, { token: nurse });
    await elsewhere(f.motherId, 'UV', '2026-01-20');
    await t.ok('imm.recordDose', { personId: f.motherId, vaccineCode: 'UV', givenOn: '2026-03-02', givenElsewhere: false, vaccinatorName: 'Y sĩ Lan' }, { token: nurse });

    const reg = await t.ok('imm.register', { from: '2024-01-01', to: '2026-03-31' }, { token: nurse });
    expect(reg.rows.map((r) => r.fullName)).toEqual(['Trẻ Hai Tuổi', 'Trẻ Một Tuổi', 'Trẻ Sơ Sinh']);
    const r1 = reg.rows[1]!;
    expect(r1).toMatchObject({ bcg: '2025-03-06', hepbBirth: '2025-03-05', hepbWithin24h: true, dpt: ['2025-05-05', '2025-06-05', '2025-07-05'], ipv: ['2025-08-05', null], measles1: '2025-12-05', fullyImmunizedOn: '2025-12-05' });
    expect(reg.rows[0]).toMatchObject({ dpt4: '2025-09-10', measles2: '2025-09-10', fullyImmunizedOn: null });
    expect(reg.rows[2]).toMatchObject({ motherUvDoses: 1, parentName: 'Trần Thị Mẹ Nguyễn' });

    const cov = await t.ok('imm.coverage', { month: '2026-03' }, { token: nurse });
    expect(cov.figures).toMatchObject({
      fullyImmunizedCohort: { numerator: 1, denominator: 1, rate: 100 },
      hepbBirthWithin24h: { numerator: 1, denominator: 1 },
      mr18: { numerator: 1, denominator: 1 },
      dpt418: { numerator: 1, denominator: 1 },
      pregnantUv2PlusInMonth: 1,
      pregnantProtected: { numerator: 1, denominator: 1 },
    });
    // Doses given here in the month: only the mother's UV2 (the rest were recorded from elsewhere).
    expect(cov.dosesByVaccine).toEqual([{ vaccineCode: 'UV', vaccineName: 'Uốn ván (UV)', under12m: 0, from12to23m: 0, over24m: 0, women: 1, total: 1 }]);
    expect(cov.byHamlet.map((h) => h.hamletName)).toEqual(['Thôn 1']);

    const xlsx = await cells(await t.ok('imm.registerExport', { from: '2024-01-01', to: '2026-03-31', format: 'xlsx' }, { token: nurse }));
    expect(xlsx[2]![0]).toBe('SỔ TIÊM CHỦNG CƠ BẢN TRẺ EM');
    expect(xlsx.find((r) => r[1] === 'Trẻ Một Tuổi')!.slice(6, 9)).toEqual(['06/03/2025', '05/03/2025', '']);
    if (hasPoppler()) {
      const pdf = bytes(await t.ok('imm.registerExport', { from: '2024-01-01', to: '2026-03-31', format: 'pdf' }, { token: nurse }));
      expect(pdfText(pdf)).toContain('SỔ TIÊM CHỦNG CƠ BẢN TRẺ EM');
      pdfToPng(pdf, 'test-output/screenshots', 'imm-register');
    }
  });
});
