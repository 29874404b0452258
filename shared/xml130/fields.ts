/**
 * BHYT XML field table for XML13 (giấy chuyển tuyến) and XML14 (giấy hẹn khám lại), QĐ 130/QĐ-BYT as amended by
 * QĐ 4750/QĐ-BYT. GENERATED from ../shared/data/xml130_fields.csv (the QĐ 4750 appendix workbook published in
 * github.com/dh-hos/Mo-ta-he-thong; `required` is a hospital vendor's reading — the decision has no formal flag).
 * Do not edit by hand: regenerate from the CSV (fields.test.ts checks this file against it when the CSV is present).
 * `maxLen: null` is the table's "n" (no fixed limit). QĐ 3176 changes are applied in variants.ts, not here.
 */
export interface Xml130Field {
  element: string;
  /** Chuỗi (string) or Số (number). */
  type: 'string' | 'number';
  maxLen: number | null;
  required: boolean;
  /** The STT column of the table. */
  stt: number;
}

export const XML130_SOURCE = 'QĐ 4750/QĐ-BYT field table, ../shared/data/xml130_fields.csv';

/** XML13, record tag CHI_TIEU_GIAYCHUYENTUYEN. */
export const XML13_FIELDS_4750: readonly Xml130Field[] = [
  { element: 'MA_LK', type: 'string', maxLen: 100, required: true, stt: 1 },
  { element: 'SO_HOSO', type: 'string', maxLen: 50, required: true, stt: 2 },
  { element: 'SO_CHUYENTUYEN', type: 'string', maxLen: 50, required: true, stt: 3 },
  { element: 'GIAY_CHUYEN_TUYEN', type: 'string', maxLen: 50, required: true, stt: 4 },
  { element: 'MA_CSKCB', type: 'string', maxLen: 5, required: false, stt: 5 },
  { element: 'MA_NOI_DI', type: 'string', maxLen: 5, required: false, stt: 6 },
  { element: 'MA_NOI_DEN', type: 'string', maxLen: 5, required: false, stt: 7 },
  { element: 'HO_TEN', type: 'string', maxLen: 255, required: true, stt: 8 },
  { element: 'NGAY_SINH', type: 'string', maxLen: 12, required: false, stt: 9 },
  { element: 'GIOI_TINH', type: 'number', maxLen: 1, required: false, stt: 10 },
  { element: 'MA_QUOCTICH', type: 'string', maxLen: 3, required: false, stt: 11 },
  { element: 'MA_DANTOC', type: 'string', maxLen: 2, required: false, stt: 12 },
  { element: 'MA_NGHE_NGHIEP', type: 'string', maxLen: 5, required: false, stt: 13 },
  { element: 'DIA_CHI', type: 'string', maxLen: 1024, required: false, stt: 14 },
  { element: 'MA_THE_BHYT', type: 'string', maxLen: null, required: false, stt: 15 },
  { element: 'GT_THE_DEN', type: 'string', maxLen: null, required: false, stt: 16 },
  { element: 'NGAY_VAO', type: 'string', maxLen: 12, required: false, stt: 17 },
  { element: 'NGAY_VAO_NOI_TRU', type: 'string', maxLen: 12, required: false, stt: 18 },
  { element: 'NGAY_RA', type: 'string', maxLen: 12, required: false, stt: 19 },
  { element: 'DAU_HIEU_LS', type: 'string', maxLen: null, required: true, stt: 20 },
  { element: 'CHAN_DOAN_RV', type: 'string', maxLen: null, required: false, stt: 21 },
  { element: 'QT_BENHLY', type: 'string', maxLen: null, required: true, stt: 22 },
  { element: 'TOMTAT_KQ', type: 'string', maxLen: null, required: true, stt: 23 },
  { element: 'PP_DIEUTRI', type: 'string', maxLen: null, required: false, stt: 24 },
  { element: 'MA_BENH_CHINH', type: 'string', maxLen: 7, required: false, stt: 25 },
  { element: 'MA_BENH_KT', type: 'string', maxLen: 100, required: false, stt: 26 },
  { element: 'MA_BENH_YHCT', type: 'string', maxLen: 255, required: false, stt: 27 },
  { element: 'TEN_DICH_VU', type: 'string', maxLen: 1024, required: true, stt: 28 },
  { element: 'TEN_THUOC', type: 'string', maxLen: 1024, required: false, stt: 29 },
  { element: 'PP_DIEU_TRI', type: 'string', maxLen: null, required: false, stt: 30 },
  { element: 'MA_LOAI_RV', type: 'number', maxLen: 1, required: false, stt: 31 },
  { element: 'MA_LYDO_CT', type: 'number', maxLen: 1, required: true, stt: 32 },
  { element: 'HUONG_DIEU_TRI', type: 'string', maxLen: null, required: true, stt: 33 },
  { element: 'PHUONGTIEN_VC', type: 'string', maxLen: 255, required: true, stt: 34 },
  { element: 'HOTEN_NGUOI_HT', type: 'string', maxLen: 255, required: false, stt: 35 },
  { element: 'CHUCDANH_NGUOI_HT', type: 'string', maxLen: 255, required: false, stt: 36 },
  { element: 'MA_BAC_SI', type: 'string', maxLen: 255, required: true, stt: 37 },
  { element: 'MA_TTDV', type: 'string', maxLen: 10, required: true, stt: 38 },
  { element: 'DU_PHONG', type: 'string', maxLen: null, required: false, stt: 39 },
];

/** XML14, record tag CHI_TIEU_GIAYHEN_KHAMLAI. */
export const XML14_FIELDS_4750: readonly Xml130Field[] = [
  { element: 'MA_LK', type: 'string', maxLen: 100, required: true, stt: 1 },
  { element: 'SO_GIAYHEN_KL', type: 'string', maxLen: 50, required: true, stt: 2 },
  { element: 'MA_CSKCB', type: 'string', maxLen: 5, required: true, stt: 3 },
  { element: 'HO_TEN', type: 'string', maxLen: 255, required: true, stt: 4 },
  { element: 'NGAY_SINH', type: 'string', maxLen: 12, required: false, stt: 5 },
  { element: 'GIOI_TINH', type: 'number', maxLen: 1, required: false, stt: 6 },
  { element: 'DIA_CHI', type: 'string', maxLen: 1024, required: false, stt: 7 },
  { element: 'MA_THE_BHYT', type: 'string', maxLen: null, required: false, stt: 8 },
  { element: 'GT_THE_DEN', type: 'string', maxLen: null, required: false, stt: 9 },
  { element: 'NGAY_VAO', type: 'string', maxLen: 12, required: false, stt: 10 },
  { element: 'NGAY_VAO_NOI_TRU', type: 'string', maxLen: 12, required: false, stt: 11 },
  { element: 'NGAY_RA', type: 'string', maxLen: 12, required: false, stt: 12 },
  { element: 'NGAY_HEN_KL', type: 'string', maxLen: 12, required: true, stt: 13 },
  { element: 'CHAN_DOAN_RV', type: 'string', maxLen: null, required: false, stt: 15 },
  { element: 'MA_BENH_CHINH', type: 'string', maxLen: 7, required: false, stt: 16 },
  { element: 'MA_BENH_KT', type: 'string', maxLen: 100, required: false, stt: 17 },
  { element: 'MA_BENH_YHCT', type: 'string', maxLen: 255, required: false, stt: 18 },
  { element: 'MA_DOITUONG_KCB', type: 'string', maxLen: 4, required: false, stt: 19 },
  { element: 'MA_BAC_SI', type: 'string', maxLen: 255, required: true, stt: 20 },
  { element: 'MA_TTDV', type: 'string', maxLen: 10, required: true, stt: 21 },
  { element: 'NGAY_CT', type: 'string', maxLen: 8, required: true, stt: 22 },
  { element: 'DU_PHONG', type: 'string', maxLen: null, required: false, stt: 23 },
];
