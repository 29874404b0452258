import { diagnosisLines, type AppointmentSnapshot, type ReferralSnapshot, type SlipDiagnosis } from '../referrals/snapshot.js';
import { xmlBirthDate, xmlDate, xmlDateTime } from '../referrals/datetime.js';
import { dischargeKind, ethnicityCode, icdCode, nationalityCode, occupationCode, sexCode } from './codes.js';
import { validateRecord, type XmlIssue, type XmlRecord } from './validate.js';
import { RECORD_TAG, fieldTable, type XmlTable, type XmlVariant } from './variants.js';
import { XML_DECLARATION, base64Utf8, element, wrap } from './xml.js';

/**
 * XML13 (giấy chuyển tuyến) and XML14 (giấy hẹn khám lại) of the BHYT XML standard, built from the stored slip
 * content and wrapped in the GIAMDINHHS envelope with the table's XML as base64 (xml130.md).
 */

export type XmlExport = { ok: true; xml: string; inner: string; record: XmlRecord } | { ok: false; issues: XmlIssue[] };

const text = (v: string | null | undefined) => (v ?? '').trim();

function diagnosisFields(diagnoses: readonly SlipDiagnosis[], diagnosisText: string | null) {
  const { main, secondary } = diagnosisLines(diagnoses);
  const names = [main, ...secondary].filter((d): d is SlipDiagnosis => d !== null).map((d) => `${d.icdName} (${icdCode(d.icdCode)})`);
  return {
    CHAN_DOAN_RV: text(diagnosisText) || names.join('; '),
    MA_BENH_CHINH: main ? icdCode(main.icdCode) : '',
    MA_BENH_KT: secondary.slice(0, 12).map((d) => icdCode(d.icdCode)).join(';'),
  };
}

/** The XML13 record of a referral (field order from the variant's table; empty fields kept as ''). */
export function xml13Record(s: ReferralSnapshot, variant: XmlVariant): XmlRecord {
  const p = s.patient;
  const values: XmlRecord = {
    MA_LK: s.episodeId,
    SO_HOSO: text(s.recordNumber) || text(s.number),
    SO_CHUYENTUYEN: s.seq === null ? '' : String(s.seq),
    GIAY_CHUYEN_TUYEN: text(s.number),
    MA_CSKCB: s.station.code,
    // At the sending facility MA_NOI_DI stays empty and MA_NOI_DEN is the receiving facility (XML1's guidance).
    MA_NOI_DI: '',
    MA_NOI_DEN: text(s.destination.code),
    MA_CSKCB_DI: '',
    MA_CSKCB_DEN: text(s.destination.code),
    HO_TEN: text(p.fullName),
    NGAY_SINH: xmlBirthDate(p.birthDate),
    GIOI_TINH: sexCode(p.sex),
    MA_QUOCTICH: nationalityCode(p.nationality),
    MA_DANTOC: ethnicityCode(p.ethnicityCode),
    MA_NGHE_NGHIEP: occupationCode(p.occupation),
    DIA_CHI: text(p.address),
    MA_THE_BHYT: text(p.bhytCardCode),
    GT_THE_DEN: p.bhytCardCode ? xmlDate(p.bhytValidTo) : '',
    NGAY_VAO: xmlDateTime(s.episodeStart),
    NGAY_VAO_NOI_TRU: '',
    NGAY_RA: xmlDateTime(s.transferAt),
    DAU_HIEU_LS: text(s.clinicalSigns),
    QT_BENHLY: text(s.diseaseCourse),
    TOMTAT_KQ: text(s.mainResults),
    PP_DIEUTRI: text(s.treatment),
    MA_BENH_YHCT: '',
    TEN_DICH_VU: s.procedures.map((x) => x.name.trim()).filter(Boolean).join('; '),
    TEN_THUOC: s.medicines.map((m) => m.trim()).filter(Boolean).join('; '),
    PP_DIEU_TRI: text(s.treatment),
    TINH_TRANG_CT: text(s.stateAtTransfer),
    MA_LOAI_RV: dischargeKind(s.reason),
    MA_LYDO_CT: s.reason,
    HUONG_DIEU_TRI: text(s.treatmentDirection),
    PHUONGTIEN_VC: text(s.transport),
    HOTEN_NGUOI_HT: text(s.escortName),
    CHUCDANH_NGUOI_HT: text(s.escortTitle),
    MA_BAC_SI: text(s.physician.code),
    MA_TTDV: text(s.signer.code),
    DU_PHONG: '',
    ...diagnosisFields(s.diagnoses, s.diagnosisText),
  };
  return ordered('XML13', variant, values);
}

/** The XML14 record of an appointment slip. */
export function xml14Record(s: AppointmentSnapshot): XmlRecord {
  const p = s.patient;
  const values: XmlRecord = {
    MA_LK: s.episodeId,
    SO_GIAYHEN_KL: text(s.number),
    MA_CSKCB: s.station.code,
    HO_TEN: text(p.fullName),
    NGAY_SINH: xmlBirthDate(p.birthDate),
    GIOI_TINH: sexCode(p.sex),
    DIA_CHI: text(p.address),
    MA_THE_BHYT: text(p.bhytCardCode),
    GT_THE_DEN: p.bhytCardCode ? xmlDate(p.bhytValidTo) : '',
    NGAY_VAO: xmlDateTime(s.visitAt),
    NGAY_VAO_NOI_TRU: '',
    NGAY_RA: xmlDateTime(s.visitEndAt),
    // 12 characters (yyyymmddHHMM) per the QĐ 4750 table; the slip gives a day, so the time is 0000.
    NGAY_HEN_KL: xmlDateTime(s.returnDate),
    MA_BENH_YHCT: '',
    MA_DOITUONG_KCB: '',
    MA_BAC_SI: text(s.physician.code),
    MA_TTDV: text(s.signer.code),
    NGAY_CT: xmlDate(s.issuedAt),
    DU_PHONG: '',
    ...diagnosisFields(s.diagnoses, s.diagnosisText),
  };
  return ordered('XML14', 'qd3176', values);
}

function ordered(table: XmlTable, variant: XmlVariant, values: XmlRecord): XmlRecord {
  const out: XmlRecord = {};
  for (const f of fieldTable(table, variant)) out[f.element] = values[f.element] ?? '';
  return out;
}

/** The table's own XML document (what goes base64-encoded into NOIDUNGFILE). */
export function innerXml(table: XmlTable, record: XmlRecord): string {
  return XML_DECLARATION + wrap(RECORD_TAG[table], Object.entries(record).map(([k, v]) => element(k, v)));
}

/** The GIAMDINHHS envelope around one file. The facility's signature (CHUKYDONVI) is left empty: signing is not done here. */
export function envelope(facilityCode: string, createdAt: string, table: XmlTable, inner: string): string {
  return (
    XML_DECLARATION +
    wrap('GIAMDINHHS', [
      wrap('THONGTINDONVI', [element('MACSKCB', facilityCode)]),
      wrap('THONGTINHOSO', [
        element('NGAYLAP', xmlDate(createdAt)),
        element('SOLUONGHOSO', '1'),
        wrap('DANHSACHHOSO', [wrap('HOSO', [wrap('FILEHOSO', [element('LOAIHOSO', table), element('NOIDUNGFILE', base64Utf8(inner))])])]),
      ]),
      element('CHUKYDONVI', ''),
    ])
  );
}

function exportRecord(table: XmlTable, variant: XmlVariant, record: XmlRecord, facilityCode: string, createdAt: string): XmlExport {
  const issues = validateRecord(record, fieldTable(table, variant));
  if (issues.length) return { ok: false, issues };
  const inner = innerXml(table, record);
  return { ok: true, inner, record, xml: envelope(facilityCode, createdAt, table, inner) };
}

/** XML13 of an issued referral, validated against the field table; refused with the list of issues. */
export function exportXml13(s: ReferralSnapshot, variant: XmlVariant, createdAt: string): XmlExport {
  return exportRecord('XML13', variant, xml13Record(s, variant), s.station.code, createdAt);
}

/** XML14 of an appointment slip (one table for both variants). */
export function exportXml14(s: AppointmentSnapshot, variant: XmlVariant, createdAt: string): XmlExport {
  return exportRecord('XML14', variant, xml14Record(s), s.station.code, createdAt);
}
