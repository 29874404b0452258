import type { Cohort, Indicators } from './indicators.js';
import { quarterMonths, monthEnd, monthStart } from './indicators.js';
import type { NcdControl } from './program-schema.js';

/**
 * The lines of the printed / exported indicator report (the same numbers as `ncd.indicators`), always in Vietnamese:
 * it is a report sent upwards. Percentages are of the registered patients for the care lines and of the
 * denominator for the control lines (ncd.md: "show the four shares side by side"), rounded to one decimal.
 */

export interface ReportLine {
  /** "1", "1.1"… */
  number: string;
  label: string;
  value: number;
  percent: number | null;
  /** What the percentage is of ("đăng ký", "mẫu số"), empty when there is none. */
  base: string;
  bold?: boolean;
}

export function percent(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 10 : null;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** '2026-03' → 'Tháng 03/2026'; '2026-Q1' → 'Quý I/2026'. */
export function periodLabel(period: string): string {
  if (period.includes('Q')) return `Quý ${ROMAN[Number(period.slice(6)) - 1]}/${period.slice(0, 4)}`;
  return `Tháng ${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

/** '2026-03' → '03/2026'. */
export function monthLabel(ym: string): string {
  return `${ym.slice(5, 7)}/${ym.slice(0, 4)}`;
}

/** First and last day of a month or quarter. */
export function periodRange(period: string): [string, string] {
  if (period.includes('Q')) {
    const [first, , last] = quarterMonths(period);
    return [monthStart(first), monthEnd(last)];
  }
  return [monthStart(period), monthEnd(period)];
}

/** A note for a period that has not ended yet on `today` (its numbers can still change), else null. */
export function unfinishedPeriodNote(period: string, today: string): string | null {
  const end = periodRange(period)[1];
  if (end <= today) return null;
  return `Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}.`;
}

export function indicatorLines(i: Indicators, control: NcdControl, quarterly: boolean): ReportLine[] {
  const reg = (n: string, label: string, value: number, bold = false): ReportLine => ({ number: n, label, value, percent: percent(value, i.registered), base: 'đăng ký', bold });
  const den = (n: string, label: string, value: number, bold = false): ReportLine => ({ number: n, label, value, percent: percent(value, i.denominator), base: 'mẫu số', bold });
  const lines: ReportLine[] = [
    { number: '1', label: 'Người bệnh đăng ký quản lý (trừ người đã tử vong, ra khỏi danh sách)', value: i.registered, percent: null, base: '', bold: true },
    reg('1.1', quarterly ? 'Trong đó: đăng ký mới trong quý' : 'Trong đó: đăng ký mới trong tháng', i.newlyRegistered),
    reg('2', 'Đang được quản lý (đăng ký dưới 12 tháng hoặc có khám trong 12 tháng gần nhất)', i.underCare, true),
    reg('3', 'Mất dấu (đăng ký từ 12 tháng trở lên, không khám trong 12 tháng gần nhất)', i.lostToFollowUp, true),
    { number: '4', label: 'Mẫu số đánh giá kiểm soát (đang quản lý, đăng ký trước 3 tháng gần nhất)', value: i.denominator, percent: null, base: '', bold: true },
  ];
  if (control === 'bp' || control === 'diabetes') {
    lines.push(
      den('4.1', 'Huyết áp được kiểm soát (lần đo gần nhất < 140/90 mmHg)', i.bp.controlled, true),
      den('4.2', 'Huyết áp chưa kiểm soát (lần đo gần nhất ≥ 140/90 mmHg)', i.bp.uncontrolled),
      den('4.3', 'Có khám nhưng không đo huyết áp trong 3 tháng', i.bp.visitedNoBp),
      den('4.4', 'Không đến khám trong 3 tháng', i.bp.missedVisit),
    );
  }
  if (control === 'diabetes') {
    lines.push(
      den('5.1', 'Đường huyết đạt (bất kỳ/sau ăn < 200, lúc đói < 126 mg/dL, HbA1c < 7 %)', i.diabetes.low, true),
      den('5.2', 'Đường huyết cao (bất kỳ/sau ăn 200–299, lúc đói 126–199 mg/dL, HbA1c 7–8,9 %)', i.diabetes.mid),
      den('5.3', 'Đường huyết rất cao (bất kỳ/sau ăn ≥ 300, lúc đói ≥ 200 mg/dL, HbA1c ≥ 9 %)', i.diabetes.high),
      den('5.4', 'Có khám nhưng không xét nghiệm đường huyết trong 3 tháng', i.diabetes.visitedNoSugar),
      den('5.5', 'Không đến khám trong 3 tháng', i.diabetes.missedVisit),
    );
  }
  return lines;
}

/** 'Quý II/2025' inside a sentence: 'quý II/2025' (the numeral stays upper case). */
function inSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

export function cohortLines(c: Cohort): ReportLine[] {
  const l = (n: string, label: string, value: number): ReportLine => ({ number: n, label, value, percent: percent(value, c.registered), base: 'đăng ký trong quý' });
  return [
    { number: '1', label: `Người bệnh đăng ký trong ${inSentence(periodLabel(c.quarter))}`, value: c.registered, percent: null, base: '', bold: true },
    l('1.1', 'Tử vong hoặc đã ra khỏi danh sách', c.removed),
    l('1.2', `Huyết áp được kiểm soát trong ${inSentence(periodLabel(c.outcomeQuarter))}`, c.controlled),
    l('1.3', 'Huyết áp chưa kiểm soát', c.uncontrolled),
    l('1.4', 'Có khám nhưng không đo huyết áp', c.visitedNoBp),
    l('1.5', 'Không đến khám', c.missedVisit),
  ];
}

export interface TrendColumn {
  header: string;
  value: (i: Indicators) => string | number | null;
  /** A percentage (one decimal) rather than a count. */
  percent?: boolean;
}

/** Columns of the 12-month trend table, by the program's control indicator. */
export function trendColumns(control: NcdControl): TrendColumn[] {
  const cols: TrendColumn[] = [
    { header: 'Tháng', value: (i) => monthLabel(i.month) },
    { header: 'Đăng ký', value: (i) => i.registered },
    { header: 'Mới', value: (i) => i.newlyRegistered },
    { header: 'Đang quản lý', value: (i) => i.underCare },
    { header: 'Mất dấu', value: (i) => i.lostToFollowUp },
  ];
  if (control === 'none') return cols;
  cols.push({ header: 'Mẫu số', value: (i) => i.denominator });
  if (control === 'diabetes') {
    cols.push(
      { header: 'ĐH đạt', value: (i) => i.diabetes.low },
      { header: 'Tỷ lệ ĐH đạt (%)', value: (i) => percent(i.diabetes.low, i.denominator), percent: true },
      { header: 'ĐH cao', value: (i) => i.diabetes.mid },
      { header: 'ĐH rất cao', value: (i) => i.diabetes.high },
      { header: 'Không XN ĐH', value: (i) => i.diabetes.visitedNoSugar },
      { header: 'Không đến khám', value: (i) => i.diabetes.missedVisit },
      { header: 'Tỷ lệ HA kiểm soát (%)', value: (i) => percent(i.bp.controlled, i.denominator), percent: true },
    );
    return cols;
  }
  cols.push(
    { header: 'HA kiểm soát', value: (i) => i.bp.controlled },
    { header: 'Tỷ lệ kiểm soát (%)', value: (i) => percent(i.bp.controlled, i.denominator), percent: true },
    { header: 'HA chưa kiểm soát', value: (i) => i.bp.uncontrolled },
    { header: 'Không đo HA', value: (i) => i.bp.visitedNoBp },
    { header: 'Không đến khám', value: (i) => i.bp.missedVisit },
  );
  return cols;
}

/** A percentage as printed in Vietnamese: one decimal with a comma ("66,7"), a dash when there is no base. */
export function percentText(p: number | null): string {
  return p === null ? '–' : p.toFixed(1).replace('.', ',');
}
