import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../print/lazy.js';
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

export async function buildRegisterWorkbook(facility: Facility, from: string, to: string, rows: readonly RegisterRow[]): Promise<Buffer> {
  // The streaming writer without shared strings: a month's register of a large commune (6,000+ rows) is written in
  // a fraction of the time the in-memory workbook takes.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Trạm Y tế số';
  wb.created = new Date(0);
  const ws = wb.addWorksheet('Sổ khám bệnh', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: REGISTER_HEADER_ROW }],
  });
  const lastCol = REGISTER_COLUMNS.length;
  ws.columns = REGISTER_COLUMNS.map((c) => ({ width: c.width }));

  ws.getCell(1, 1).value = facility.governingBody.toUpperCase();
  ws.getCell(2, 1).value = facility.name.toUpperCase();
  ws.getCell(2, 1).font = { bold: true };
  ws.getCell(2, lastCol - 3).value = `Mã cơ sở: ${facility.code}`;
  ws.mergeCells(4, 1, 4, lastCol);
  const title = ws.getCell(4, 1);
  title.value = REGISTER_TITLE;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(5, 1, 5, lastCol);
  const period = ws.getCell(5, 1);
  period.value = `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}`;
  period.alignment = { horizontal: 'center' };
  period.font = { italic: true };

  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  const header = ws.getRow(REGISTER_HEADER_ROW);
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } },
  };
  REGISTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.style = headerStyle;
  });
  header.height = 32;
  for (let r = 1; r <= REGISTER_HEADER_ROW; r++) ws.getRow(r).commit();

  // One style object shared by every data cell: exceljs registers a style per distinct object.
  const dataStyle: Partial<ExcelJS.Style> = { alignment: { vertical: 'top', wrapText: true }, border };
  rows.forEach((r, n) => {
    const row = ws.getRow(REGISTER_HEADER_ROW + 1 + n);
    REGISTER_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = c.value(r);
      cell.style = dataStyle;
    });
    row.commit();
  });
  const footer = ws.getRow(REGISTER_HEADER_ROW + rows.length + 2);
  footer.getCell(1).value = `Tổng số lượt khám: ${rows.length}`;
  footer.getCell(1).font = { bold: true };
  footer.commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

export function registerFileName(from: string, to: string): string {
  return from === to ? `so-kham-benh_${from}.xlsx` : `so-kham-benh_${from}_${to}.xlsx`;
}
