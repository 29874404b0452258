import type ExcelJS from 'exceljs';
import { formatDateVi } from '../../../shared/dates.js';
import { cohortLines, indicatorLines, periodLabel, periodRange, trendColumns, unfinishedPeriodNote, type ReportLine } from '../../../shared/ncd/report.js';
import { loadExcel } from '../print/lazy.js';
import { CALL_LIST_HEADERS, type CallListDoc, type IndicatorReportDoc } from './export-model.js';

/** .xlsx workbooks of the call list and the indicator report, laid out like the visit register's workbook. */

const BORDER = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
const HEAD: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: BORDER,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } },
};
const CELL: Partial<ExcelJS.Style> = { alignment: { vertical: 'top', wrapText: true }, border: BORDER };
const NUMBER: Partial<ExcelJS.Style> = { alignment: { vertical: 'top', horizontal: 'right' }, border: BORDER };
const PERCENT: Partial<ExcelJS.Style> = { ...NUMBER, numFmt: '0.0' };

/** Row of the call list's column headers (data starts on the next row). */
export const CALL_LIST_HEADER_ROW = 7;

async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'Trạm Y tế số';
  wb.created = new Date(0);
  return wb;
}

/** Governing body / facility at the top left, title and subtitle centred over `lastCol` columns (rows 1–5). */
function stationTop(ws: ExcelJS.Worksheet, station: CallListDoc['station'], lastCol: number, title: string, subtitle: string[]): void {
  ws.getCell(1, 1).value = station.governingBody.toUpperCase();
  ws.getCell(2, 1).value = station.name.toUpperCase();
  ws.getCell(2, 1).font = { bold: true };
  ws.getCell(2, Math.max(lastCol - 2, 3)).value = `Mã cơ sở: ${station.code}`;
  ws.mergeCells(4, 1, 4, lastCol);
  const t = ws.getCell(4, 1);
  t.value = title;
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center' };
  subtitle.forEach((s, i) => {
    ws.mergeCells(5 + i, 1, 5 + i, lastCol);
    const c = ws.getCell(5 + i, 1);
    c.value = s;
    c.font = { italic: true };
    c.alignment = { horizontal: 'center' };
  });
}

const CALL_LIST_WIDTHS = [6, 26, 9, 7, 14, 14, 16, 12, 10, 9, 11, 30, 24, 24];

export async function callListWorkbook(d: CallListDoc): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('Danh sách gọi', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${CALL_LIST_HEADER_ROW}:${CALL_LIST_HEADER_ROW}` },
    views: [{ state: 'frozen', ySplit: CALL_LIST_HEADER_ROW }],
  });
  ws.columns = CALL_LIST_WIDTHS.map((width) => ({ width }));
  stationTop(ws, d.station, CALL_LIST_HEADERS.length, d.title, [d.filters]);
  const head = ws.getRow(CALL_LIST_HEADER_ROW);
  CALL_LIST_HEADERS.forEach((h, i) => {
    head.getCell(i + 1).value = h;
    head.getCell(i + 1).style = HEAD;
  });
  head.height = 30;
  d.lines.forEach((l, n) => {
    const row = ws.getRow(CALL_LIST_HEADER_ROW + 1 + n);
    const values = [l.number, l.fullName, l.birthYear ? Number(l.birthYear) : '', l.sex, l.phone, l.hamlet, l.program, l.appointment, l.daysOverdue, l.highRisk, l.latestBp, l.lastCall, '', ''];
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.style = typeof v === 'number' ? NUMBER : CELL;
    });
    row.height = 24;
  });
  const end = CALL_LIST_HEADER_ROW + d.lines.length + 2;
  ws.getCell(end, 1).value = `Tổng số: ${d.lines.length} người`;
  ws.getCell(end, 1).font = { bold: true };
  if (d.otherListNote) ws.getCell(end + 1, 1).value = d.otherListNote;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes a table of report lines from `start`; returns the next free row. */
function writeLines(ws: ExcelJS.Worksheet, start: number, lines: ReportLine[]): number {
  ['STT', 'Chỉ số', 'Số người', 'Tỷ lệ (%)', 'Tỷ lệ trên'].forEach((h, i) => {
    ws.getCell(start, i + 1).value = h;
    ws.getCell(start, i + 1).style = HEAD;
  });
  lines.forEach((l, n) => {
    const r = start + 1 + n;
    const cells: [string | number | null, Partial<ExcelJS.Style>][] = [
      [l.number, CELL],
      [l.label, CELL],
      [l.value, NUMBER],
      [l.percent, PERCENT],
      [l.base, CELL],
    ];
    cells.forEach(([v, style], i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = v;
      cell.style = l.bold && i < 3 ? { ...style, font: { bold: true } } : style;
    });
  });
  return start + lines.length + 2;
}

export async function indicatorReportWorkbook(d: IndicatorReportDoc): Promise<Buffer> {
  const wb = await newWorkbook();
  const quarterly = d.period.includes('Q');
  const [from, to] = periodRange(d.period);
  const title = `BÁO CÁO QUẢN LÝ BỆNH ${d.programName.toUpperCase()}`;
  const sub = `${periodLabel(d.period)} (từ ${formatDateVi(from)} đến ${formatDateVi(to)})${d.hamlet ? ` · Thôn: ${d.hamlet}` : ''} · Ngày lập: ${formatDateVi(d.today)}`;
  const unfinished = unfinishedPeriodNote(d.period, d.today);

  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 7 }, { width: 70 }, { width: 11 }, { width: 11 }, { width: 18 }];
  stationTop(ws, d.station, 5, title, [sub]);
  if (unfinished) ws.getCell(6, 1).value = unfinished;
  ws.getCell(7, 1).value = `I. CHỈ SỐ ${quarterly ? 'QUÝ' : 'THÁNG'}`;
  ws.getCell(7, 1).font = { bold: true };
  let next = writeLines(ws, 8, indicatorLines(d.indicators, d.control, quarterly));
  if (d.cohort) {
    ws.getCell(next, 1).value = `II. NHÓM ĐĂNG KÝ ${periodLabel(d.cohort.quarter).toUpperCase()}: KẾT QUẢ ${periodLabel(d.cohort.outcomeQuarter).toUpperCase()}`;
    ws.getCell(next, 1).font = { bold: true };
    next = writeLines(ws, next + 1, cohortLines(d.cohort));
  }

  const cols = trendColumns(d.control);
  const tr = wb.addWorksheet('Xu hướng 12 tháng', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  tr.columns = cols.map((c, i) => ({ width: i === 0 ? 10 : Math.max(10, Math.min(16, c.header.length)) }));
  stationTop(tr, d.station, cols.length, `${title}: XU HƯỚNG 12 THÁNG`, [sub]);
  cols.forEach((c, i) => {
    tr.getCell(7, i + 1).value = c.header;
    tr.getCell(7, i + 1).style = HEAD;
  });
  tr.getRow(7).height = 30;
  d.trend.forEach((m, n) => {
    cols.forEach((c, i) => {
      const cell = tr.getCell(8 + n, i + 1);
      cell.value = c.value(m);
      cell.style = i === 0 ? CELL : c.percent ? PERCENT : NUMBER;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
