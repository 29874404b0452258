import { XML13_FIELDS_4750, XML14_FIELDS_4750, type Xml130Field } from './fields.js';

/**
 * The exporter is versioned (xml130.md): QĐ 4750/QĐ-BYT (from 01/07/2024) and QĐ 3176/QĐ-BYT (from 01/01/2025,
 * what the social-insurance portal runs; the default).
 *
 * QĐ 3176 differences applied here, as seen in two or more implementations (xml130.md, confidence M):
 * - XML13: MA_NOI_DI → MA_CSKCB_DI; MA_NOI_DEN → MA_CSKCB_DEN (same type and length, 5 characters);
 *   PP_DIEU_TRI → TINH_TRANG_CT (state of the patient at transfer; string, no fixed limit, not required);
 *   TEN_DICH_VU and TEN_THUOC dropped; MA_TTDV becomes a string of up to 255 characters.
 * - XML14: no documented difference — the QĐ 4750 table is used unchanged.
 * Everything else (order, types, lengths, required flags) is the QĐ 4750 table of fields.ts.
 */
export const XML_VARIANTS = ['qd3176', 'qd4750'] as const;
export type XmlVariant = (typeof XML_VARIANTS)[number];
export const DEFAULT_XML_VARIANT: XmlVariant = 'qd3176';

export type XmlTable = 'XML13' | 'XML14';

/** The record element wrapping one table's fields, and the LOAIHOSO of its file in the envelope. */
export const RECORD_TAG: Record<XmlTable, string> = {
  XML13: 'CHI_TIEU_GIAYCHUYENTUYEN',
  XML14: 'CHI_TIEU_GIAYHEN_KHAMLAI',
};

const RENAMED_3176: Record<string, Partial<Xml130Field> & { element: string }> = {
  MA_NOI_DI: { element: 'MA_CSKCB_DI' },
  MA_NOI_DEN: { element: 'MA_CSKCB_DEN' },
  PP_DIEU_TRI: { element: 'TINH_TRANG_CT', type: 'string', maxLen: null, required: false },
  MA_TTDV: { element: 'MA_TTDV', maxLen: 255 },
};
const DROPPED_3176 = new Set(['TEN_DICH_VU', 'TEN_THUOC']);

/** The ordered field table of one XML table in one variant. */
export function fieldTable(table: XmlTable, variant: XmlVariant): readonly Xml130Field[] {
  if (table === 'XML14') return XML14_FIELDS_4750;
  if (variant === 'qd4750') return XML13_FIELDS_4750;
  return XML13_FIELDS_4750.filter((f) => !DROPPED_3176.has(f.element)).map((f) => (RENAMED_3176[f.element] ? { ...f, ...RENAMED_3176[f.element] } : f));
}

/** Short Vietnamese names of the fields, for the messages that list what is missing. */
export const FIELD_LABELS: Record<string, string> = {
  MA_LK: 'Mã đợt khám bệnh, chữa bệnh',
  SO_HOSO: 'Số hồ sơ',
  SO_CHUYENTUYEN: 'Số vào sổ chuyển cơ sở khám bệnh, chữa bệnh',
  GIAY_CHUYEN_TUYEN: 'Số phiếu chuyển cơ sở khám bệnh, chữa bệnh',
  MA_CSKCB: 'Mã cơ sở khám bệnh, chữa bệnh của trạm',
  MA_NOI_DI: 'Mã nơi chuyển đi',
  MA_NOI_DEN: 'Mã cơ sở khám bệnh, chữa bệnh nơi chuyển đến',
  MA_CSKCB_DI: 'Mã nơi chuyển đi',
  MA_CSKCB_DEN: 'Mã cơ sở khám bệnh, chữa bệnh nơi chuyển đến',
  HO_TEN: 'Họ và tên người bệnh',
  NGAY_SINH: 'Ngày sinh',
  GIOI_TINH: 'Giới tính',
  MA_QUOCTICH: 'Mã quốc tịch',
  MA_DANTOC: 'Mã dân tộc',
  MA_NGHE_NGHIEP: 'Mã nghề nghiệp',
  DIA_CHI: 'Địa chỉ',
  MA_THE_BHYT: 'Mã thẻ bảo hiểm y tế',
  GT_THE_DEN: 'Hạn sử dụng thẻ bảo hiểm y tế',
  NGAY_VAO: 'Thời điểm đến khám',
  NGAY_VAO_NOI_TRU: 'Thời điểm vào điều trị nội trú',
  NGAY_RA: 'Thời điểm kết thúc khám, điều trị',
  DAU_HIEU_LS: 'Dấu hiệu lâm sàng',
  CHAN_DOAN_RV: 'Chẩn đoán',
  QT_BENHLY: 'Quá trình bệnh lý và diễn biến lâm sàng',
  TOMTAT_KQ: 'Tóm tắt kết quả xét nghiệm, cận lâm sàng',
  PP_DIEUTRI: 'Kỹ thuật, thuốc điều trị chính đã sử dụng',
  MA_BENH_CHINH: 'Mã bệnh chính (ICD-10)',
  MA_BENH_KT: 'Mã bệnh kèm theo (ICD-10)',
  MA_BENH_YHCT: 'Mã bệnh y học cổ truyền',
  TEN_DICH_VU: 'Phương pháp, thủ thuật đã thực hiện',
  TEN_THUOC: 'Thuốc đã dùng',
  PP_DIEU_TRI: 'Phương pháp điều trị',
  TINH_TRANG_CT: 'Tình trạng người bệnh lúc chuyển',
  MA_LOAI_RV: 'Mã loại ra viện',
  MA_LYDO_CT: 'Lý do chuyển',
  HUONG_DIEU_TRI: 'Hướng điều trị',
  PHUONGTIEN_VC: 'Phương tiện vận chuyển',
  HOTEN_NGUOI_HT: 'Họ tên người hộ tống',
  CHUCDANH_NGUOI_HT: 'Chức danh, trình độ chuyên môn của người hộ tống',
  MA_BAC_SI: 'Mã người khám (số chứng chỉ hành nghề)',
  MA_TTDV: 'Mã số bảo hiểm xã hội của người đứng đầu cơ sở hoặc người được ủy quyền ký',
  DU_PHONG: 'Trường dự phòng',
  SO_GIAYHEN_KL: 'Số phiếu hẹn khám lại',
  NGAY_HEN_KL: 'Ngày hẹn khám lại',
  MA_DOITUONG_KCB: 'Mã đối tượng khám bệnh, chữa bệnh',
  NGAY_CT: 'Ngày cấp phiếu hẹn khám lại',
};
