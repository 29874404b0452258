import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSlipQr } from '../../../shared/referrals/qr-payload.js';
import { sampleAppointment, sampleReferral } from '../../../shared/referrals/sample.js';
import { renderSlip, slipDocument, slipFileName, slipQrData } from './index.js';
import { FORBIDDEN_ON_PAGE, hasPoppler, pdfInfo, pdfText, pdfToPng } from './testing.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RESOURCES = path.join(ROOT, 'resources');
const OUT = path.join(ROOT, 'test-output', 'pdf');

function expectClean(text: string) {
  for (const bad of FORBIDDEN_ON_PAGE) expect(text, String(bad)).not.toMatch(bad);
}

describe.skipIf(!hasPoppler())('printed slips (pdfmake, checked with poppler)', () => {
  it('referral, TT 01/2025 Phụ lục VI: one A4 page where every field carries the record, with diacritics', async () => {
    const s = sampleReferral();
    const pdf = await renderSlip(s, RESOURCES);
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toContain('(A4)');
    expect(info.Subject).toBe('Mẫu: Phụ lục VI, Thông tư 01/2025/TT-BYT');
    expect(info.Keywords).toBe('form=tt01_2025; version=1');
    const text = pdfText(pdf);
    for (const expected of [
      'UBND XÃ BẢO THẮNG', 'TRẠM Y TẾ XÃ BẢO THẮNG', 'Số: 12/2026/PCCSKBCB', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số hồ sơ: 2026-0345', 'Vào sổ chuyển cơ sở KBCB số: 12', 'PHIẾU CHUYỂN CƠ SỞ KHÁM BỆNH, CHỮA BỆNH BẢO HIỂM Y TẾ',
      'Kính gửi: Bệnh viện Đa khoa tỉnh Lào Cai', 'Trạm Y tế xã Bảo Thắng trân trọng giới thiệu',
      'Họ và tên người bệnh: NGUYỄN THỊ HƯỜNG', 'Nam/Nữ: Nữ', 'Năm sinh: 1968', 'Địa chỉ: Số 7, Thôn Phú Hà, Xã Bảo Thắng, Tỉnh Lào Cai',
      'Dân tộc: Tày', 'Quốc tịch: Việt Nam', 'Nghề nghiệp: Nông dân', 'Nơi làm việc: Hợp tác xã Phú Hà', 'Số thẻ bảo hiểm y tế: GD4151234567890',
      'Thời hạn sử dụng của thẻ bảo hiểm y tế đến ngày 31/12/2026', 'Hết thời hạn', 'Không xác định được thời hạn',
      'Tại: Trạm Y tế xã Bảo Thắng (Cấp ban đầu)', 'từ ngày 15/03/2026', 'đến ngày 15/03/2026',
      'Tóm tắt dấu hiệu lâm sàng: Sốt 39°C, ho khạc đờm, khó thở nhẹ, ran nổ đáy phổi phải',
      'Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ; hôm nay khó thở tăng',
      'theo dõi điều trị: SpO2 93%, bạch cầu tăng (test nhanh)', 'Chẩn đoán: Viêm phổi thùy dưới phải; tăng huyết áp',
      'Bệnh chính: Viêm phổi, không đặc hiệu (mã ICD-10: J18.9)', 'Bệnh kèm theo: Bệnh lý tăng huyết áp vô căn (nguyên phát) (I10)',
      'Thở oxy qua gọng mũi, từ 09 giờ 10 phút ngày 15/03/2026 đến 10 giờ 05 phút ngày 15/03/2026',
      'Paracetamol 500 mg uống; thở oxy 2 lít/phút; Paracetamol 500 mg × 2 viên; Amoxicilin 500 mg × 3 viên',
      'Tình trạng người bệnh lúc chuyển cơ sở khám bệnh, chữa bệnh: Tỉnh, tiếp xúc tốt; mạch 96 lần/phút, huyết áp 150/90 mmHg',
      'b) Không phù hợp với khả năng đáp ứng của cơ sở khám bệnh, chữa bệnh', 'Theo yêu cầu của người bệnh hoặc người đại diện hợp pháp của người bệnh',
      'Hướng điều trị: Điều trị kháng sinh, theo dõi suy hô hấp', 'hồi 10 giờ 20 phút, ngày 15 tháng 03 năm 2026',
      'có giá trị trong 01 năm: Không', 'Phương tiện vận chuyển: Xe cứu thương của Trung tâm Y tế khu vực',
      'người hộ tống (nếu có): Lò Văn Đức, Điều dưỡng, trình độ cao đẳng', 'Bảo Thắng, ngày 15 tháng 03 năm 2026',
      'ĐẠI DIỆN CƠ SỞ KHÁM BỆNH, CHỮA BỆNH', '(Ký tên, đóng dấu)', 'Y sĩ Hoàng Văn Khải', 'Trạm trưởng Đặng Thị Ngọc Ánh',
    ]) expect(text).toContain(expected);
    expectClean(text);
    expect(pdfToPng(pdf, OUT, 'unit-referral-tt01')).toHaveLength(1);
  });

  it('referral, TT 14/2014 layout when chosen', async () => {
    const pdf = await renderSlip(sampleReferral({ formVersion: 'tt14_2014', number: '12/2026/GCT', reason: '3' }), RESOURCES);
    expect(pdfInfo(pdf).Keywords).toBe('form=tt14_2014; version=1');
    const text = pdfText(pdf);
    for (const expected of ['GIẤY CHUYỂN TUYẾN', 'Số: 12/2026/GCT', 'Vào sổ chuyển tuyến số: 12', 'Ngày sinh: 23/04/1968', 'Hạn sử dụng: từ ngày 01/01/2026', 'đến ngày 31/12/2026', '(Tuyến xã)', 'Khoanh tròn vào lý do chuyển tuyến', 'Chuyển tuyến hồi 10 giờ 20 phút', 'NGƯỜI CÓ THẨM QUYỀN CHUYỂN TUYẾN', 'Y, BÁC SĨ KHÁM, ĐIỀU TRỊ']) expect(text).toContain(expected);
    expect(text).not.toContain('Cấp ban đầu');
    expectClean(text);
    expect(pdfInfo(pdf).Pages).toBe('1');
    pdfToPng(pdf, OUT, 'unit-referral-tt14');
  });

  it('an empty field prints as a dotted line, never "undefined", "null" or an ISO date', async () => {
    const base = sampleReferral();
    const s = sampleReferral({
      number: null, seq: null, recordNumber: null, issuedAt: null, clinicalSigns: null, diseaseCourse: '', mainResults: ' ', diagnosisText: null, diagnoses: [],
      procedures: [], medicines: [], treatment: null, transferAt: null, escortName: null, escortTitle: null, priorCare: [], transport: 'undefined',
      patient: { ...base.patient, workplace: null, occupation: null, bhytValidTo: null, address: null },
    });
    const pdf = await renderSlip(s, RESOURCES);
    const text = pdfText(pdf);
    expectClean(text);
    expect(text).toContain('Số: …………/PCCSKBCB');
    expect(text).toContain('hồi ………… giờ ………… phút, ngày ………… tháng ………… năm …………');
    expect(text).toContain('Bản nháp, chưa cấp số');
    expect(text).toMatch(/Phương tiện vận chuyển: Họ tên/);
    pdfToPng(pdf, OUT, 'unit-referral-empty');
  });

  it('appointment slip: one A5 page with every field', async () => {
    const pdf = await renderSlip(sampleAppointment(), RESOURCES);
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toBe('419.53 x 595.28 pts'); // A5
    expect(info.Subject).toBe('Mẫu: Phụ lục V, Thông tư 01/2025/TT-BYT');
    const text = pdfText(pdf);
    for (const expected of [
      'UBND XÃ BẢO THẮNG', 'TRẠM Y TẾ XÃ BẢO THẮNG', 'Số: 5/2026', 'PHIẾU HẸN KHÁM LẠI', 'Họ và tên: NGUYỄN THỊ HƯỜNG', 'Giới: Nam Nữ', 'Ngày sinh: 23/04/1968',
      'Địa chỉ: Số 7, Thôn Phú Hà, Xã Bảo Thắng, Tỉnh Lào Cai', 'Số thẻ BHYT: GD4151234567890', 'Giá trị sử dụng đến ngày 31/12/2026', 'Ngày khám bệnh: 15/03/2026',
      'Chẩn đoán: Tăng huyết áp vô căn (mã ICD-10: I10)', 'Bệnh kèm theo: Đái tháo đường típ 2', 'Lời dặn: Mang theo sổ theo dõi huyết áp',
      'Hẹn khám lại vào ngày 29 tháng 03 năm 2026, hoặc đến bất kỳ thời gian nào trước ngày được hẹn khám lại nếu có dấu hiệu (triệu chứng) bất thường.',
      'Phiếu hẹn khám lại chỉ có giá trị sử dụng 01 (một) lần.', 'Bảo Thắng, ngày 15 tháng 03 năm 2026', 'Y sĩ Hoàng Văn Khải', 'Trạm trưởng Đặng Thị Ngọc Ánh',
    ]) expect(text).toContain(expected);
    expectClean(text);
    pdfToPng(pdf, OUT, 'unit-appointment');
  });

  it('puts the compact payload in the QR node and names files in ASCII', () => {
    const s = sampleReferral();
    const doc = JSON.stringify(slipDocument(s));
    const qr = decodeSlipQr(JSON.parse(doc).content[0].columns[2].stack[2].stack[0].qr);
    expect(qr).toEqual({ ok: true, value: slipQrData(s) });
    expect(slipQrData(s)).toEqual({ kind: 'referral', number: '12/2026/PCCSKBCB', facilityCode: '15123', cccd: '015168000123', bhytCardCode: 'GD4151234567890', icdCodes: ['J18.9', 'I10'], date: '2026-03-15' });
    expect(slipFileName(s)).toBe('phieu-chuyen-co-so-kbcb-12-2026-PCCSKBCB-ban-1.pdf');
    expect(slipFileName(sampleAppointment())).toBe('phieu-hen-kham-lai-5-2026.pdf');
  });
});
