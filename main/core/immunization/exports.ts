import { loadExcel } from '../print/lazy.js';
import type { FileOutput } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { StationHeader } from '../../../shared/referrals/snapshot.js';
import type { RegisterPrintRow, RequisitionRow, SessionHeading } from './print.js';

/** Spreadsheet and CSV exports of immunization (Vietnamese headers: they are the station's paperwork). */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

async function sheetFile(
  station: StationHeader,
  sheetName: string,
  title: string,
  subtitle: string,
  columns: { header: string; width: number }[],
  rows: (string | number | null)[][],
  fileName: string,
): Promise<FileOutput> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'Trạm Y tế số';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheetName, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, views: [{ state: 'frozen', ySplit: 5 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.getCell(1, 1).value = station.governingBody.toUpperCase();
  ws.getCell(2, 1).value = station.name.toUpperCase();
  ws.getCell(2, 1).font = { bold: true };
  ws.mergeCells(3, 1, 3, columns.length);
  ws.getCell(3, 1).value = title;
  ws.getCell(3, 1).font = { bold: true, size: 14 };
  ws.getCell(3, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(4, 1, 4, columns.length);
  ws.getCell(4, 1).value = subtitle;
  ws.getCell(4, 1).alignment = { horizontal: 'center' };
  ws.getCell(4, 1).font = { italic: true };
  const head = ws.getRow(5);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.style = { font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } } };
  });
  head.height = 30;
  const style = { alignment: { vertical: 'top' as const, wrapText: true }, border };
  rows.forEach((r, n) => {
    const row = ws.getRow(6 + n);
    r.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.style = style;
    });
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName, mimeType: XLSX, contentBase64: buf.toString('base64') };
}

export function registerXlsx(station: StationHeader, from: string, to: string, hamletName: string | null, rows: RegisterPrintRow[], fileName: string): Promise<FileOutput> {
  const cols: [string, number][] = [
    ['STT', 5],
    ['Họ và tên trẻ', 22],
    ['Ngày sinh', 11],
    ['Giới', 6],
    ['Họ tên mẹ/cha', 20],
    ['Địa chỉ', 24],
    ['BCG', 11],
    ['VGB sơ sinh ≤ 24 giờ', 11],
    ['VGB sơ sinh > 24 giờ', 11],
    ['DPT-VGB-Hib 1', 11],
    ['DPT-VGB-Hib 2', 11],
    ['DPT-VGB-Hib 3', 11],
    ['bOPV 1', 11],
    ['bOPV 2', 11],
    ['bOPV 3', 11],
    ['IPV', 11],
    ['Sởi 1', 11],
    ['Tiêm chủng đầy đủ', 11],
    ['DPT4', 11],
    ['Sởi 2 (MR)', 11],
    ['Số mũi UV của mẹ', 8],
    ['Ghi chú', 30],
  ];
  const d = (x: string | null) => (x ? formatDateVi(x) : '');
  const body = rows.map((r) => [
    r.order,
    r.fullName,
    d(r.birthDate),
    r.sex === 'M' ? 'Nam' : 'Nữ',
    r.parentName ?? '',
    r.address ?? '',
    d(r.bcg),
    r.hepbWithin24h === true ? d(r.hepbBirth) : '',
    r.hepbWithin24h !== true ? d(r.hepbBirth) : '',
    d(r.dpt[0] ?? null),
    d(r.dpt[1] ?? null),
    d(r.dpt[2] ?? null),
    d(r.opv[0] ?? null),
    d(r.opv[1] ?? null),
    d(r.opv[2] ?? null),
    d(r.ipv[0] ?? null),
    d(r.measles1),
    d(r.fullyImmunizedOn),
    d(r.dpt4),
    d(r.measles2),
    r.motherUvDoses,
    r.notes,
  ]);
  return sheetFile(
    station,
    'Sổ tiêm chủng',
    'SỔ TIÊM CHỦNG CƠ BẢN TRẺ EM',
    `Trẻ sinh từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}${hamletName ? ` — ${hamletName}` : ''}`,
    cols.map(([header, width]) => ({ header, width })),
    body,
    fileName,
  );
}

export function requisitionXlsx(station: StationHeader, s: SessionHeading, rows: RequisitionRow[], fileName: string): Promise<FileOutput> {
  return sheetFile(
    station,
    'Dự trù vắc xin',
    'PHIẾU DỰ TRÙ VẮC XIN',
    `Buổi tiêm chủng ngày ${formatDateVi(s.date)} tại ${s.place}`,
    [
      { header: 'STT', width: 5 },
      { header: 'Vắc xin', width: 30 },
      { header: 'Số liều cần', width: 11 },
      { header: 'Hệ số hao phí', width: 11 },
      { header: 'Số liều/lọ', width: 10 },
      { header: 'Số lọ cần', width: 10 },
      { header: 'Lọ tồn kho', width: 10 },
      { header: 'Số lọ dự trù', width: 12 },
      { header: 'Hạn dùng gần nhất', width: 14 },
    ],
    rows.map((r, i) => [i + 1, r.vaccineName, r.doses, r.wastageFactor, r.vialSize, r.vials, r.onHandVials, r.shortfallVials, r.nearestExpiry ? formatDateVi(r.nearestExpiry) : '']),
    fileName,
  );
}

/** One dose as the national immunization information system (NIIS) entry screen asks for it. */
export interface NiisRow {
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  identifier: string;
  parentName: string;
  phone: string;
  address: string;
  vaccineCode: string;
  vaccineName: string;
  doseNumber: number | null;
  givenOn: string;
  lotNumber: string;
  expiry: string;
  place: string;
}

export const NIIS_COLUMNS: readonly { header: string; width: number; value: (r: NiisRow) => string | number }[] = [
  { header: 'Họ và tên', width: 24, value: (r) => r.fullName },
  { header: 'Ngày sinh', width: 11, value: (r) => formatDateVi(r.birthDate) },
  { header: 'Giới tính', width: 8, value: (r) => (r.sex === 'M' ? 'Nam' : 'Nữ') },
  { header: 'Số định danh/CCCD', width: 16, value: (r) => r.identifier },
  { header: 'Họ tên mẹ/cha/người giám hộ', width: 24, value: (r) => r.parentName },
  { header: 'Điện thoại', width: 12, value: (r) => r.phone },
  { header: 'Địa chỉ', width: 30, value: (r) => r.address },
  { header: 'Mã vắc xin', width: 12, value: (r) => r.vaccineCode },
  { header: 'Tên vắc xin', width: 24, value: (r) => r.vaccineName },
  { header: 'Mũi thứ', width: 7, value: (r) => r.doseNumber ?? '' },
  { header: 'Ngày tiêm', width: 11, value: (r) => formatDateVi(r.givenOn) },
  { header: 'Số lô', width: 12, value: (r) => r.lotNumber },
  { header: 'Hạn dùng', width: 11, value: (r) => (r.expiry ? formatDateVi(r.expiry) : '') },
  { header: 'Nơi tiêm', width: 24, value: (r) => r.place },
];

/** RFC 4180 CSV with a UTF-8 byte-order mark (so Excel on Windows opens the Vietnamese text correctly). */
export function niisCsv(rows: readonly NiisRow[], fileName: string): FileOutput {
  const cell = (v: string | number) => {
    const s = String(v);
    // A leading =, +, - or @ would be read as a formula by a spreadsheet (CSV injection): quote it as text.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [NIIS_COLUMNS.map((c) => cell(c.header)).join(','), ...rows.map((r) => NIIS_COLUMNS.map((c) => cell(c.value(r))).join(','))];
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  return { fileName, mimeType: 'text/csv; charset=utf-8', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
}

export function niisXlsx(station: StationHeader, subtitle: string, rows: readonly NiisRow[], fileName: string): Promise<FileOutput> {
  return sheetFile(
    station,
    'Mũi tiêm',
    'DANH SÁCH MŨI TIÊM ĐỂ NHẬP HỆ THỐNG THÔNG TIN TIÊM CHỦNG QUỐC GIA',
    subtitle,
    NIIS_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    rows.map((r) => NIIS_COLUMNS.map((c) => c.value(r))),
    fileName,
  );
}
