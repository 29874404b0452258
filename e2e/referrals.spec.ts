import zxing from '@zxing/library';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Locator, Page } from '@playwright/test';
import { decodeSlipQr } from '../shared/referrals/qr-payload.js';
import { validateRecord } from '../shared/xml130/validate.js';
import { fieldTable, type XmlTable, type XmlVariant } from '../shared/xml130/variants.js';
import { FORBIDDEN_ON_PAGE, pdfInfo, pdfText, pdfToPng } from '../main/core/print/testing.js';
import { expect, snap, test } from './fixtures.js';
import { LoginPage } from './pages/LoginPage.js';
import { AppFramePage } from './pages/AppFramePage.js';
import { ADMIN, apiCall } from './server.js';

const OUT = path.resolve(import.meta.dirname, '..', 'test-output', 'pdf');
const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

async function ok(url: string, name: string, input: unknown, token: string) {
  const r = await apiCall(url, name, input, token);
  if (!r.body.ok) throw new Error(`${name}: ${JSON.stringify(r.body.error)}`);
  return r.body.value;
}

/** A household head with every identifier, and her finished visit (pneumonia) — through the API. */
async function seed(url: string, token: string) {
  const { hamlets } = await ok(url, 'hamlets.list', {}, token);
  const head = { fullName: 'Nguyễn Thị Hường', sex: 'F', birthDate: '1968-04-23', ethnicityCode: '02', nationality: 'Việt Nam', occupation: 'Nông dân', cccd: '015168000123', bhytCardCode: 'GD4151234567890', bhytValidFrom: '2026-01-01', bhytValidTo: '2026-12-31', phone: '0912345678' };
  const hh = await ok(url, 'households.create', { hamletId: hamlets.find((h: { name: string }) => h.name === 'Thôn Phú Hà').id, address: 'Số 7', head, confirmNotDuplicate: true, confirmCccdWarnings: true }, token);
  const { visit } = await ok(url, 'visits.receive', { personId: hh.head.id, reason: 'Sốt cao, ho, khó thở', insured: true }, token);
  await ok(url, 'visits.save', {
    id: visit.id,
    vitals: { pulse: 96, temperature: 39, systolic: 150, diastolic: 90, respiratoryRate: 26, spo2: 93 },
    symptoms: 'Sốt 39°C, ho khạc đờm, khó thở',
    history: 'Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ',
    findings: 'Ran nổ đáy phổi phải',
    diagnoses: [
      { icdCode: 'J18.9', icdName: 'Viêm phổi, không đặc hiệu', isMain: true },
      { icdCode: 'I10', icdName: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', isMain: false },
    ],
    prescription: [{ medicineName: 'Paracetamol', strength: '500 mg', unit: 'viên', dose: '1 viên', quantity: 2, days: 1 }],
    treatment: 'Hạ sốt, thở oxy 2 lít/phút',
    finish: true,
    outcome: 'referred',
  }, token);
  await ok(url, 'referrals.setConfig', { signerName: 'Đặng Thị Ngọc Ánh', signerTitle: 'Trạm trưởng', signerCode: '1512345678' }, token);
  return { personId: hh.head.id as string, visitId: visit.id as string };
}

/** Saves the PDF the preview offers ("Tải PDF") and returns its bytes. */
async function downloadPdf(page: Page, name: string): Promise<Buffer> {
  const iframe = page.getByTestId('pdf-preview');
  await expect(iframe).toBeVisible();
  await expect(iframe).toHaveAttribute('src', /^blob:/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf-download').click()]);
  const file = path.join(OUT, `${name}.pdf`);
  fs.mkdirSync(OUT, { recursive: true });
  await download.saveAs(file);
  return fs.readFileSync(file);
}

/** Decodes the QR code on a rendered page (zxing over the PNG's luminance). */
function decodeQr(pngFile: string): string {
  const png = PNG.sync.read(fs.readFileSync(pngFile));
  const lum = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < lum.length; i++) lum[i] = (png.data[i * 4]! * 299 + png.data[i * 4 + 1]! * 587 + png.data[i * 4 + 2]! * 114) / 1000;
  const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, png.width, png.height))), hints as never).getText();
}

/** Clicks an XML export variant, saves the file and checks it: envelope, base64 content, field table. */
async function exportXml(page: Page, scope: Locator, kind: 'referral' | 'appointment', variant: XmlVariant, table: XmlTable) {
  await scope.getByTestId(`export-xml-${kind}`).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-xml-${variant}`).click()]);
  const file = path.join(OUT, download.suggestedFilename());
  await download.saveAs(file);
  const xml = fs.readFileSync(file, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ parseTagValue: false, htmlEntities: true });
  const fileHoso = parser.parse(xml).GIAMDINHHS.THONGTINHOSO.DANHSACHHOSO.HOSO.FILEHOSO;
  expect(fileHoso.LOAIHOSO).toBe(table);
  const inner = Buffer.from(fileHoso.NOIDUNGFILE, 'base64').toString('utf8');
  expect(XMLValidator.validate(inner)).toBe(true);
  const record = Object.values(parser.parse(inner)).find((v) => typeof v === 'object') as Record<string, string>;
  const asText = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v ?? '')]));
  expect(Object.keys(asText)).toEqual(fieldTable(table, variant).map((f) => f.element));
  expect(validateRecord(asText, fieldTable(table, variant))).toEqual([]);
  return asText;
}

function expectEveryField(text: string, expected: string[]) {
  for (const s of expected) expect(text, s).toContain(s);
  for (const bad of FORBIDDEN_ON_PAGE) expect(text).not.toMatch(bad);
}

test('from a visit: a referral and an appointment slip are written, issued, previewed, printed, checked and exported', async ({ page, station }) => {
  test.setTimeout(120_000);
  const { personId } = await seed(station.url, station.adminToken);
  page.on('dialog', (d) => void d.accept());
  await page.goto(station.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppFramePage(page).waitUntilSignedIn(ADMIN.fullName);
  await new AppFramePage(page).open('Chuyển tuyến');

  // Referral from today's visit, prefilled with its signs, course, diagnoses, treatment and medicines.
  await page.getByTestId('referral-new').click();
  await page.getByTestId('visit-pick-button').click();
  const form = page.getByTestId('referral-form');
  await expect(form.getByTestId('referral-clinicalSigns')).toHaveValue(/Ran nổ đáy phổi phải/);
  await expect(form.getByTestId('referral-diseaseCourse')).toHaveValue('Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ');
  await expect(form.getByTestId('referral-diagnoses')).toContainText('J18.9');
  await expect(form.getByTestId('referral-medicines')).toHaveValue('Paracetamol 500 mg × 2 viên');
  await form.getByTestId('referral-destination').click();
  await page.getByRole('option', { name: 'Bệnh viện Đa khoa tỉnh Lào Cai (15001)' }).click();
  await form.getByTestId('referral-reason-2').check();
  await form.getByTestId('referral-workplace').fill('Hợp tác xã Phú Hà');
  await form.getByTestId('referral-mainResults').fill('SpO2 93%, bạch cầu tăng (test nhanh)');
  await form.getByTestId('procedure-add').click();
  await form.getByTestId('procedure-name-0').fill('Thở oxy qua gọng mũi');
  await form.getByTestId('procedure-start-0').fill('2026-03-15T09:10');
  await form.getByTestId('procedure-end-0').fill('2026-03-15T10:05');
  await form.getByTestId('referral-stateAtTransfer').fill('Tỉnh, tiếp xúc tốt; mạch 96 lần/phút, huyết áp 150/90 mmHg');
  await form.getByTestId('referral-treatmentDirection').fill('Điều trị kháng sinh, theo dõi suy hô hấp');
  await form.getByTestId('referral-transferAt').fill('2026-03-15T10:20');
  await form.getByTestId('referral-transport').fill('Xe cứu thương của Trung tâm Y tế khu vực');
  await form.getByTestId('referral-escortName').fill('Lò Văn Đức');
  await form.getByTestId('referral-escortTitle').fill('Điều dưỡng, trình độ cao đẳng');
  await form.getByTestId('referral-physicianName').fill('Hoàng Văn Khải');
  await form.getByTestId('referral-physicianTitle').fill('Y sĩ');
  await form.getByTestId('referral-physicianLicense').fill('001234/LC-CCHN');
  await snap(page, '5x-referral-form');
  await form.getByTestId('referral-save').click();

  const detail = page.getByTestId('referral-detail');
  await expect(detail.getByTestId('referral-status')).toHaveText('Nháp');
  await detail.getByTestId('referral-issue').click();
  await expect(detail.getByTestId('referral-status')).toHaveText('Đã cấp số');
  const number = (await detail.getByTestId('referral-number').textContent())!.trim();
  expect(number).toMatch(/^1\/\d{4}\/PCCSKBCB$/);
  const [stored] = (await ok(station.url, 'referrals.forPerson', { personId }, station.adminToken)).referrals;
  const issuedDay = (await ok(station.url, 'referrals.get', { id: stored.id }, station.adminToken)).referral.issuedAt as string;

  await detail.getByTestId('referral-preview').click();
  const pdf = await downloadPdf(page, 'e2e-referral');
  await snap(page, '5x-referral-preview');
  expect(pdfInfo(pdf).Keywords).toBe('form=tt01_2025; version=1');
  const text = pdfText(pdf);
  expectEveryField(text, [
    'UBND XÃ BẢO THẮNG', 'TRẠM Y TẾ XÃ BẢO THẮNG', `Số: ${number}`, 'PHIẾU CHUYỂN CƠ SỞ KHÁM BỆNH, CHỮA BỆNH BẢO HIỂM Y TẾ',
    'Kính gửi: Bệnh viện Đa khoa tỉnh Lào Cai', 'Họ và tên người bệnh: NGUYỄN THỊ HƯỜNG', 'Nam/Nữ: Nữ', 'Năm sinh: 1968',
    'Địa chỉ: Số 7, Thôn Phú Hà, Xã Bảo Thắng, Tỉnh Lào Cai', 'Dân tộc: Tày', 'Quốc tịch: Việt Nam', 'Nghề nghiệp: Nông dân', 'Nơi làm việc: Hợp tác xã Phú Hà',
    'Số thẻ bảo hiểm y tế: GD4151234567890', 'đến ngày 31/12/2026', 'Tại: Trạm Y tế xã Bảo Thắng (Cấp ban đầu)',
    'Sốt 39°C, ho khạc đờm, khó thở; Ran nổ đáy phổi phải', 'Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ', 'SpO2 93%, bạch cầu tăng (test nhanh)',
    'Bệnh chính: Viêm phổi, không đặc hiệu (mã ICD-10: J18.9)', 'Bệnh kèm theo: Bệnh lý tăng huyết áp vô căn (nguyên phát) (I10)',
    'Thở oxy qua gọng mũi, từ 09 giờ 10 phút ngày 15/03/2026 đến 10 giờ 05 phút ngày 15/03/2026', 'Hạ sốt, thở oxy 2 lít/phút; Paracetamol 500 mg × 2 viên',
    'Tỉnh, tiếp xúc tốt; mạch 96 lần/phút, huyết áp 150/90 mmHg', 'Hướng điều trị: Điều trị kháng sinh, theo dõi suy hô hấp',
    'hồi 10 giờ 20 phút, ngày 15 tháng 03 năm 2026', 'có giá trị trong 01 năm: Không', 'Phương tiện vận chuyển: Xe cứu thương của Trung tâm Y tế khu vực',
    'Lò Văn Đức, Điều dưỡng, trình độ cao đẳng', 'Y sĩ Hoàng Văn Khải', 'Trạm trưởng Đặng Thị Ngọc Ánh',
  ]);
  const [png] = pdfToPng(pdf, OUT, 'e2e-referral', 200);
  const qr = decodeSlipQr(decodeQr(png!));
  expect(qr).toEqual({ ok: true, value: { kind: 'referral', number, facilityCode: '15123', cccd: '015168000123', bhytCardCode: 'GD4151234567890', icdCodes: ['J18.9', 'I10'], date: new Date(Date.parse(issuedDay) + 7 * 3_600_000).toISOString().slice(0, 10) } });

  await page.getByTestId('pdf-print').click();
  await expect(page.getByText('Đã ghi nhận lần in thứ 1')).toBeVisible();
  await page.getByTestId('pdf-close').click();
  await expect(detail.getByTestId('referral-status')).toHaveText('Đã in');
  await expect(detail.getByTestId('referral-print-log')).toHaveCount(1);
  const xml13 = await exportXml(page, detail, 'referral', 'qd3176', 'XML13');
  expect(xml13).toMatchObject({ GIAY_CHUYEN_TUYEN: number, HO_TEN: 'Nguyễn Thị Hường', MA_CSKCB: '15123', MA_CSKCB_DEN: '15001', MA_DANTOC: '02', GIOI_TINH: '2', MA_LYDO_CT: '2', NGAY_RA: '202603151020', MA_BAC_SI: '001234/LC-CCHN', MA_TTDV: '1512345678' });
  const xml4750 = await exportXml(page, detail, 'referral', 'qd4750', 'XML13');
  expect(xml4750).toMatchObject({ MA_NOI_DEN: '15001', TEN_DICH_VU: 'Thở oxy qua gọng mũi' });
  await page.getByTestId('referral-detail-close').click();
  await expect(page.getByTestId('referral-row')).toContainText('Nguyễn Thị Hường');

  // Appointment slip from the same visit (Phụ lục V, A5), two weeks from today (station time).
  const [ry, rm, rd] = new Date(Date.now() + 7 * 3_600_000 + 14 * 86_400_000).toISOString().slice(0, 10).split('-') as [string, string, string];
  await page.getByTestId('tab-appointments').click();
  await page.getByTestId('appointment-new').click();
  await page.getByTestId('visit-pick-button').click();
  const aForm = page.getByTestId('appointment-form');
  await aForm.getByTestId('appointment-returnDate').fill(`${rd}/${rm}/${ry}`);
  await aForm.getByTestId('appointment-returnDate').press('Enter');
  await aForm.getByTestId('appointment-note').fill('Mang theo sổ theo dõi huyết áp');
  await aForm.getByTestId('appointment-physicianLicense').fill('001234/LC-CCHN');
  await aForm.getByTestId('appointment-issue').click();
  const slip = await downloadPdf(page, 'e2e-appointment');
  const aText = pdfText(slip);
  expect(pdfInfo(slip)['Page size']).toBe('419.53 x 595.28 pts');
  const [appt] = (await ok(station.url, 'appointments.forPerson', { personId }, station.adminToken)).appointments;
  expectEveryField(aText, [
    'PHIẾU HẸN KHÁM LẠI', `Số: ${appt.number}`, 'Họ và tên: NGUYỄN THỊ HƯỜNG', 'Ngày sinh: 23/04/1968', 'Địa chỉ: Số 7, Thôn Phú Hà, Xã Bảo Thắng, Tỉnh Lào Cai',
    'Số thẻ BHYT: GD4151234567890', 'Giá trị sử dụng đến ngày 31/12/2026', 'Chẩn đoán: Viêm phổi, không đặc hiệu (mã ICD-10: J18.9)',
    'Bệnh kèm theo: Bệnh lý tăng huyết áp vô căn (nguyên phát)', 'Lời dặn: Mang theo sổ theo dõi huyết áp', `Hẹn khám lại vào ngày ${rd} tháng ${rm} năm ${ry}`,
    'Phiếu hẹn khám lại chỉ có giá trị sử dụng 01 (một) lần.', 'Trạm trưởng Đặng Thị Ngọc Ánh',
  ]);
  const [aPng] = pdfToPng(slip, OUT, 'e2e-appointment', 200);
  expect(decodeSlipQr(decodeQr(aPng!))).toMatchObject({ ok: true, value: { kind: 'appointment', number: appt.number, facilityCode: '15123', cccd: '015168000123', icdCodes: ['J18.9', 'I10'] } });
  await page.getByTestId('pdf-print').click();
  await expect(page.getByText('Đã ghi nhận lần in thứ 1')).toBeVisible();
  await page.getByTestId('pdf-close').click();
  await expect(page.getByTestId('appointment-active')).toBeVisible();
  const xml14 = await exportXml(page, page.getByTestId('appointment-active'), 'appointment', 'qd3176', 'XML14');
  expect(xml14).toMatchObject({ SO_GIAYHEN_KL: appt.number, NGAY_HEN_KL: `${ry}${rm}${rd}0000`, MA_CSKCB: '15123', HO_TEN: 'Nguyễn Thị Hường' });
  await page.getByTestId('appointment-form-close').click();
  await expect(page.getByTestId('appointment-row')).toContainText('Nguyễn Thị Hường');
  await snap(page, '5x-appointments');

  // The visit queue of the return day shows who is expected back.
  await page.goto(`${station.url}/#/kham-benh`);
  await page.getByTestId('queue-date').fill(`${rd}/${rm}/${ry}`);
  await page.getByTestId('queue-date').press('Enter');
  await expect(page.getByTestId('appointments-due')).toContainText('Nguyễn Thị Hường');
});
