import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sampleAppointment, sampleReferral } from '../referrals/sample.js';
import { ethnicityCode, nationalityCode, occupationCode, sexCode } from './codes.js';
import { exportXml13, exportXml14, xml13Record, xml14Record } from './export.js';
import { validateRecord } from './validate.js';
import { fieldTable } from './variants.js';

const parser = new XMLParser({ parseTagValue: false, trimValues: false, htmlEntities: true });
const decodeBase64 = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

function unwrap(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const env = parser.parse(xml).GIAMDINHHS;
  const file = env.THONGTINHOSO.DANHSACHHOSO.HOSO.FILEHOSO;
  const inner = decodeBase64(file.NOIDUNGFILE);
  expect(XMLValidator.validate(inner)).toBe(true);
  return { env, file, inner, record: parser.parse(inner) };
}

describe('XML13 (referral)', () => {
  it('fills every field of the QĐ 3176 table from the slip, with the xml130.md formats', () => {
    const r = xml13Record(sampleReferral(), 'qd3176');
    expect(Object.keys(r)).toEqual(fieldTable('XML13', 'qd3176').map((f) => f.element));
    expect(r).toMatchObject({
      MA_LK: '0190a000-0000-7000-8000-0000000000b1',
      SO_HOSO: '2026-0345',
      SO_CHUYENTUYEN: '12',
      GIAY_CHUYEN_TUYEN: '12/2026/PCCSKBCB',
      MA_CSKCB: '15123',
      MA_CSKCB_DI: '',
      MA_CSKCB_DEN: '15001',
      HO_TEN: 'Nguyễn Thị Hường',
      NGAY_SINH: '196804230000',
      GIOI_TINH: '2',
      MA_QUOCTICH: '000',
      MA_DANTOC: '02',
      MA_NGHE_NGHIEP: '',
      MA_THE_BHYT: 'GD4151234567890',
      GT_THE_DEN: '20261231',
      NGAY_VAO: '202603150805',
      NGAY_RA: '202603151020',
      MA_BENH_CHINH: 'J18.9',
      MA_BENH_KT: 'I10',
      CHAN_DOAN_RV: 'Viêm phổi thùy dưới phải; tăng huyết áp',
      TINH_TRANG_CT: 'Tỉnh, tiếp xúc tốt; mạch 96 lần/phút, huyết áp 150/90 mmHg',
      MA_LOAI_RV: '2',
      MA_LYDO_CT: '2',
      PHUONGTIEN_VC: 'Xe cứu thương của Trung tâm Y tế khu vực',
      MA_BAC_SI: '001234/LC-CCHN',
      MA_TTDV: '1512345678',
    });
    expect(validateRecord(r, fieldTable('XML13', 'qd3176'))).toEqual([]);
  });

  it('uses the QĐ 4750 names and fields in that variant', () => {
    const r = xml13Record(sampleReferral(), 'qd4750');
    expect(Object.keys(r)).toEqual(fieldTable('XML13', 'qd4750').map((f) => f.element));
    expect(r.MA_NOI_DEN).toBe('15001');
    expect(r.TEN_DICH_VU).toBe('Thở oxy qua gọng mũi');
    expect(r.TEN_THUOC).toBe('Paracetamol 500 mg × 2 viên; Amoxicilin 500 mg × 3 viên');
    expect(r.PP_DIEU_TRI).toBe('Paracetamol 500 mg uống; thở oxy 2 lít/phút');
    expect(r).not.toHaveProperty('TINH_TRANG_CT');
  });

  it('wraps the table in the GIAMDINHHS envelope as base64 of UTF-8, and it reads back', () => {
    const out = exportXml13(sampleReferral({ escortName: 'Lò Văn "Đức" <A&B>' }), 'qd3176', '2026-03-15T03:40:00Z');
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    const { env, file, record } = unwrap(out.xml);
    expect(String(env.THONGTINDONVI.MACSKCB)).toBe('15123');
    expect(String(env.THONGTINHOSO.NGAYLAP)).toBe('20260315');
    expect(String(env.THONGTINHOSO.SOLUONGHOSO)).toBe('1');
    expect(file.LOAIHOSO).toBe('XML13');
    expect(record.CHI_TIEU_GIAYCHUYENTUYEN.HOTEN_NGUOI_HT).toBe('Lò Văn "Đức" <A&B>');
    expect(record.CHI_TIEU_GIAYCHUYENTUYEN.HO_TEN).toBe('Nguyễn Thị Hường');
    expect(out.inner.startsWith('<?xml version="1.0" encoding="utf-8"?><CHI_TIEU_GIAYCHUYENTUYEN><MA_LK>')).toBe(true);
  });

  it('refuses an incomplete record, listing what is missing in Vietnamese', () => {
    const out = exportXml13(sampleReferral({ clinicalSigns: null, transport: ' ', physician: { name: 'A', code: null, title: null }, procedures: [] }), 'qd4750', '2026-03-15T03:40:00Z');
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => i.message)).toEqual([
      'Thiếu "Dấu hiệu lâm sàng" (DAU_HIEU_LS)',
      'Thiếu "Phương pháp, thủ thuật đã thực hiện" (TEN_DICH_VU)',
      'Thiếu "Phương tiện vận chuyển" (PHUONGTIEN_VC)',
      'Thiếu "Mã người khám (số chứng chỉ hành nghề)" (MA_BAC_SI)',
    ]);
  });

  it('checks lengths and number fields against the table', () => {
    const long = exportXml13(sampleReferral({ signer: { name: 'A', code: '12345678901', title: null } }), 'qd4750', '2026-03-15T03:40:00Z');
    expect(long.ok ? [] : long.issues.map((i) => i.message)).toEqual(['"Mã số bảo hiểm xã hội của người đứng đầu cơ sở hoặc người được ủy quyền ký" (MA_TTDV) dài 11 ký tự, tối đa 10 ký tự']);
    // QĐ 3176 allows 255 characters there.
    expect(exportXml13(sampleReferral({ signer: { name: 'A', code: '12345678901', title: null } }), 'qd3176', '2026-03-15T03:40:00Z').ok).toBe(true);
    expect(validateRecord({ GIOI_TINH: 'x' }, fieldTable('XML13', 'qd3176')).map((i) => i.message)).toContain('"Giới tính" (GIOI_TINH) phải là số');
  });
});

describe('XML14 (appointment)', () => {
  it('fills the table with the appointment date as 12 characters and the issue date as 8', () => {
    const r = xml14Record(sampleAppointment());
    expect(Object.keys(r)).toEqual(fieldTable('XML14', 'qd3176').map((f) => f.element));
    expect(r).toMatchObject({ SO_GIAYHEN_KL: '5/2026', MA_CSKCB: '15123', NGAY_HEN_KL: '202603290000', NGAY_CT: '20260315', NGAY_VAO: '202603150805', NGAY_RA: '202603151025', MA_BENH_CHINH: 'I10', MA_BENH_KT: 'E11.9' });
    const out = exportXml14(sampleAppointment(), 'qd3176', '2026-03-15T03:40:00Z');
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    const { file, record } = unwrap(out.xml);
    expect(file.LOAIHOSO).toBe('XML14');
    expect(record.CHI_TIEU_GIAYHEN_KHAMLAI.HO_TEN).toBe('Nguyễn Thị Hường');
  });

  it('refuses a slip without a number or physician code', () => {
    const out = exportXml14(sampleAppointment({ number: null, physician: { name: null, code: null, title: null } }), 'qd4750', '2026-03-15T03:40:00Z');
    expect(out.ok ? [] : out.issues.map((i) => i.element)).toEqual(['SO_GIAYHEN_KL', 'MA_BAC_SI']);
  });
});

describe('code mappings', () => {
  it('maps stored codes to the XML codes', () => {
    expect([sexCode('M'), sexCode('F')]).toEqual(['1', '2']);
    expect([ethnicityCode('01'), ethnicityCode('54'), ethnicityCode('56'), ethnicityCode('57'), ethnicityCode('1'), ethnicityCode(null)]).toEqual(['01', '54', '56', '', '', '']);
    expect([nationalityCode('Việt Nam'), nationalityCode('viet nam'), nationalityCode('Lào'), nationalityCode('')]).toEqual(['000', '000', '', '']);
    expect([occupationCode('61110'), occupationCode('Nông dân'), occupationCode(null)]).toEqual(['61110', '', '']);
  });
});
