import { XlsxSheet, type XlsxCell } from '../print/xlsx-sheet.js';
import type { RegisterRow } from '../../../shared/contract/visits.js';
import type { Facility } from '../../../shared/contract/setup.js';
import { formatDateVi } from '../../../shared/dates.js';
import { vitalsLine } from '../../../shared/visits/vitals-line.js';

/**
 * The visit register as an .xlsx workbook laid out like the paper book: governing body and facility at the top
 * left, the title "SỔ KHÁM BỆNH", the period, a header row with the 14 columns of register A1 (TT 23/2025/TT-BYT)
 * followed by vital signs and medicines, and one row per visit. Always in Vietnamese: it is an official form.
 */
export const REGISTER_COLUMNS: readonly { header: string; width: number; value: (r: RegisterRow) => string | number }[] = [
  { header: 'STT', width: 6, value: (r) => r.orderNumber },
  { header: 'Ngày khám', width: 12, value: (r) => formatDateVi(r.visitDate) },
  { header: 'Họ và tên', width: 24, value: (r) => r.fullName },
  { header: 'Giới tính', width: 8, value: (r) => (r.sex === 'M' ? 'Nam' : 'Nữ') },
  { header: 'Ngày sinh', width: 12, value: (r) => formatDateVi(r.birthDate) },
  { header: 'Số CCCD/giấy tờ tùy thân', width: 16, value: (r) => r.identityDocument ?? '' },
  { header: 'Số thẻ BHYT', width: 18, value: (r) => r.bhytCardCode ?? '' },
  { header: 'Địa chỉ', width: 28, value: (r) => r.address ?? '' },
  { header: 'Dân tộc', width: 10, value: (r) => r.ethnicity ?? '' },
  { header: 'Nghề nghiệp', width: 14, value: (r) => r.occupation ?? '' },
  { header: 'Triệu chứng', width: 28, value: (r) => r.symptoms ?? '' },
  { header: 'Chẩn đoán (mã ICD-10)', width: 32, value: (r) => r.diagnosis },
  { header: 'Điều trị', width: 28, value: (r) => r.treatment ?? '' },
  { header: 'Người khám', width: 20, value: (r) => r.examinerName ?? '' },
  { header: 'Ghi chú', width: 20, value: (r) => r.notes },
  { header: 'Dấu hiệu sinh tồn', width: 34, value: (r) => vitalsLine(r.vitals, 'vi') },
  { header: 'Thuốc', width: 40, value: (r) => r.medicines },
];

export const REGISTER_TITLE = 'SỔ KHÁM BỆNH';
/** Row number of the header row (the data starts on the next row). */
export const REGISTER_HEADER_ROW = 6;

export function buildRegisterWorkbook(facility: Facility, from: string, to: string, rows: readonly RegisterRow[]): Buffer {
  const lastCol = REGISTER_COLUMNS.length;
  const sheet = new XlsxSheet({
    sheetName: 'Sổ khám bệnh',
    columnWidths: REGISTER_COLUMNS.map((c) => c.width),
    frozenRows: REGISTER_HEADER_ROW,
    printTitleRow: REGISTER_HEADER_ROW,
    landscape: true,
  });
  const facilityRow: XlsxCell[] = [{ value: facility.name.toUpperCase(), style: 'bold' }];
  facilityRow[lastCol - 4] = { value: `Mã cơ sở: ${facility.code}` };
  sheet.row(1, [facility.governingBody.toUpperCase()]);
  sheet.row(2, facilityRow);
  sheet.row(4, [REGISTER_TITLE], { style: 'title', height: 24 });
  sheet.merge(4, 1, 4, lastCol);
  sheet.row(5, [`Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}`], { style: 'subtitle' });
  sheet.merge(5, 1, 5, lastCol);
  sheet.row(REGISTER_HEADER_ROW, REGISTER_COLUMNS.map((c) => c.header), { style: 'header', height: 32 });
  rows.forEach((r, n) => sheet.row(REGISTER_HEADER_ROW + 1 + n, REGISTER_COLUMNS.map((c) => c.value(r)), { style: 'data' }));
  sheet.row(REGISTER_HEADER_ROW + rows.length + 2, [{ value: `Tổng số lượt khám: ${rows.length}`, style: 'bold' }]);
  return sheet.toBuffer();
}

export function registerFileName(from: string, to: string): string {
  return from === to ? `so-kham-benh_${from}.xlsx` : `so-kham-benh_${from}_${to}.xlsx`;
}
