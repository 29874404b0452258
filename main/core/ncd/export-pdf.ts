import { formatDateVi } from '../../../shared/dates.js';
import { cohortLines, indicatorLines, percentText, periodLabel, periodRange, trendColumns, unfinishedPeriodNote, type ReportLine } from '../../../shared/ncd/report.js';
import { dateLine, documentBase, nationalMotto, signature, stationBlock, type Content } from '../print/blocks.js';
import { CALL_LIST_HEADERS, type CallListDoc, type IndicatorReportDoc } from './export-model.js';

/** pdfmake documents of the call list (A4 landscape) and the indicator report (A4 portrait), with the station header. */

const GRID = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#555555',
  vLineColor: () => '#555555',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (row: number) => (row === 0 ? '#E6F4F1' : null),
};

function header(d: { station: CallListDoc['station'] }, side: number): Content {
  return {
    columns: [
      { width: side, stack: [stationBlock(d.station, `Mã cơ sở: ${d.station.code}`, 9)] },
      { width: '*', text: '' },
      { width: side, stack: [nationalMotto(9, 120)] },
    ],
  };
}

function pageFooter(title: string) {
  return (page: number, pages: number) => ({
    columns: [
      { text: title, italics: true, fontSize: 7, color: '#666666' },
      { text: `Trang ${page}/${pages}`, alignment: 'right', fontSize: 7, color: '#666666' },
    ],
    margin: [28, 8, 28, 0],
  });
}

function headCell(text: string): Content {
  return { text, bold: true, alignment: 'center' };
}

/** The call list: one row per patient, tall enough to write the call's result by hand. */
export function callListDocument(d: CallListDoc): Record<string, unknown> {
  const highRisk = d.lines.filter((l) => l.highRisk).length;
  // Widths in points (content, without the 3 + 3 padding); A4 landscape minus margins is 786 pt.
  const widths: (number | string)[] = [16, 92, 30, 22, 54, 52, 50, 44, 34, 32, 40, 78, 95, '*'];
  const body: Content[][] = [
    CALL_LIST_HEADERS.map(headCell),
    ...d.lines.map((l) => [
      { text: String(l.number), alignment: 'center' },
      { text: l.fullName, bold: true },
      { text: l.birthYear, alignment: 'center' },
      { text: l.sex, alignment: 'center' },
      l.phone,
      l.hamlet,
      l.program,
      { text: l.appointment, alignment: 'center' },
      { text: String(l.daysOverdue), alignment: 'center' },
      { text: l.highRisk, alignment: 'center', bold: true, color: '#B00020' },
      { text: l.latestBp, alignment: 'center' },
      { text: l.lastCall, fontSize: 7 },
      '',
      '',
    ]),
  ];
  const content: Content[] = [
    header(d, 250),
    { text: d.title, bold: true, fontSize: 13, alignment: 'center', margin: [0, 12, 0, 2] },
    { text: d.filters, italics: true, alignment: 'center', margin: [0, 0, 0, 8] },
    d.lines.length
      ? { table: { headerRows: 1, widths, heights: (row: number) => (row === 0 ? 'auto' : 22), dontBreakRows: true, body }, layout: GRID }
      : { text: 'Không có người bệnh nào trong danh sách.', italics: true, alignment: 'center', margin: [0, 12, 0, 12] },
    { text: `Tổng số: ${d.lines.length} người${highRisk ? `, trong đó ${highRisk} người nguy cơ cao (xếp trước)` : ''}.`, bold: true, margin: [0, 6, 0, 0] },
    ...(d.otherListNote ? [{ text: d.otherListNote, italics: true }] : []),
    {
      columns: [{ width: '*', text: '' }, { width: 260, stack: [signature('NGƯỜI LẬP DANH SÁCH', '(Ký, ghi rõ họ tên)', null, dateLine(d.station, d.today))] }],
      margin: [0, 10, 0, 0],
      unbreakable: true,
    },
  ];
  return {
    ...documentBase(d.title, 'A4', [28, 28, 28, 32], 8),
    pageOrientation: 'landscape',
    footer: pageFooter(`${d.station.name} · ${d.title.toLowerCase()} · ${formatDateVi(d.today)}`),
    content,
  };
}

function linesTable(lines: ReportLine[]): Content {
  return {
    table: {
      headerRows: 1,
      widths: [24, '*', 50, 50, 70],
      body: [
        ['STT', 'Chỉ số', 'Số người', 'Tỷ lệ (%)', 'Tỷ lệ trên'].map(headCell),
        ...lines.map((l) => [
          { text: l.number, alignment: 'center', bold: !!l.bold },
          { text: l.label, bold: !!l.bold, margin: [l.number.includes('.') ? 8 : 0, 0, 0, 0] },
          { text: String(l.value), alignment: 'right', bold: !!l.bold },
          { text: l.percent === null ? '' : percentText(l.percent), alignment: 'right' },
          { text: l.base, alignment: 'center', fontSize: 7.5, color: '#555555' },
        ]),
      ],
    },
    layout: GRID,
  };
}

function section(text: string): Content {
  return { text, bold: true, fontSize: 10.5, margin: [0, 10, 0, 4] };
}

/** The monthly / quarterly report: indicators, the quarter's cohort, the 12-month trend, the definitions used. */
export function indicatorReportDocument(d: IndicatorReportDoc): Record<string, unknown> {
  const quarterly = d.period.includes('Q');
  const [from, to] = periodRange(d.period);
  const title = `BÁO CÁO QUẢN LÝ BỆNH ${d.programName.toUpperCase()}`;
  const cols = trendColumns(d.control);
  const unfinished = unfinishedPeriodNote(d.period, d.today);
  const content: Content[] = [
    header(d, 210),
    { text: title, bold: true, fontSize: 13, alignment: 'center', margin: [0, 14, 0, 2] },
    { text: `${periodLabel(d.period)} (từ ${formatDateVi(from)} đến ${formatDateVi(to)})${d.hamlet ? ` · Thôn: ${d.hamlet}` : ''}`, alignment: 'center', italics: true },
    { text: `Ngày lập báo cáo: ${formatDateVi(d.today)}`, alignment: 'center', italics: true, margin: [0, 0, 0, 4] },
    ...(unfinished ? [{ text: unfinished, alignment: 'center', bold: true, color: '#B00020' }] : []),
    section(`I. CHỈ SỐ ${quarterly ? 'QUÝ' : 'THÁNG'}`),
    linesTable(indicatorLines(d.indicators, d.control, quarterly)),
  ];
  let n = 1;
  if (d.cohort) {
    content.push(
      section(`${['II', 'III', 'IV'][n++ - 1]}. NHÓM ĐĂNG KÝ ${periodLabel(d.cohort.quarter).toUpperCase()}: KẾT QUẢ ${periodLabel(d.cohort.outcomeQuarter).toUpperCase()}`),
      linesTable(cohortLines(d.cohort)),
    );
  }
  // The trend table is kept whole (with its heading) on one page.
  const trendTable: Content = {
    table: {
      headerRows: 1,
      widths: cols.map((_, i) => (i === 0 ? 40 : '*')),
      body: [
        cols.map((c) => ({ text: c.header, bold: true, alignment: 'center', fontSize: 7.5 })),
        ...d.trend.map((m) =>
          cols.map((c, i) => {
            const v = c.value(m);
            return { text: c.percent ? percentText(v as number | null) : String(v), alignment: i === 0 ? 'center' : 'right' };
          }),
        ),
      ],
    },
    layout: GRID,
  };
  content.push({ stack: [section(`${['II', 'III', 'IV'][n++ - 1]}. XU HƯỚNG 12 THÁNG`), trendTable], unbreakable: true });
  content.push(
    {
      text:
        'Cách tính (WHO HEARTS): khám = có đo huyết áp, xét nghiệm đường huyết, cấp thuốc hoặc hẹn tái khám. Đang quản lý = đăng ký dưới 12 tháng hoặc có khám trong 12 tháng gần nhất. ' +
        'Mẫu số = người đang quản lý đăng ký trước 3 tháng gần nhất; mỗi người xét lần lượt trong 3 tháng gần nhất: không đến khám, có khám nhưng không đo, kiểm soát (lần đo gần nhất < 140/90), chưa kiểm soát. ' +
        'Không tính người đã tử vong hoặc ra khỏi danh sách.' +
        (d.cohort ? ' Nhóm đăng ký: người đăng ký trong một quý, đánh giá sau hai quý.' : ''),
      fontSize: 7.5,
      italics: true,
      color: '#444444',
      margin: [0, 8, 0, 0],
    },
    {
      columns: [
        { width: '*', stack: [{ text: ' ', margin: [0, 0, 0, 2] }, signature('NGƯỜI LẬP BIỂU', '(Ký, ghi rõ họ tên)', null)] },
        { width: '*', stack: [signature('TRƯỞNG TRẠM Y TẾ', '(Ký, ghi rõ họ tên, đóng dấu)', null, dateLine(d.station, d.today))] },
      ],
      margin: [0, 12, 0, 0],
      unbreakable: true,
    },
  );
  return {
    ...documentBase(`${title} – ${periodLabel(d.period)}`, 'A4', [36, 30, 36, 34], 8.5),
    footer: pageFooter(`${d.station.name} · ${d.programName} · ${periodLabel(d.period)}`),
    content,
  };
}
