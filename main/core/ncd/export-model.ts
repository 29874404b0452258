import type { Facility } from '../../../shared/contract/setup.js';
import type { Cohort, Indicators } from '../../../shared/ncd/indicators.js';
import type { NcdControl } from '../../../shared/ncd/program-schema.js';

/** What the call-list and report builders (export-pdf.ts, export-xlsx.ts) print: plain data, already formatted. */

/** One printed line of the call list, as text (the same in the PDF and the workbook, except numbers). */
export interface CallListLine {
  number: number;
  fullName: string;
  birthYear: string;
  sex: string;
  phone: string;
  hamlet: string;
  program: string;
  appointment: string;
  daysOverdue: number;
  highRisk: string;
  latestBp: string;
  lastCall: string;
}

/** The column headers, in order; the last two are left empty for writing by hand during the calls. */
export const CALL_LIST_HEADERS = ['STT', 'Họ và tên', 'Năm sinh', 'Giới', 'Điện thoại', 'Thôn', 'Chương trình', 'Ngày hẹn', 'Số ngày quá hẹn', 'Nguy cơ cao', 'HA gần nhất', 'Lần gọi gần nhất', 'Kết quả gọi', 'Ghi chú'] as const;

export interface CallListDoc {
  station: Facility;
  title: string;
  /** "Chương trình: … · Thôn: …". */
  filters: string;
  today: string;
  lines: CallListLine[];
  /** Patients on the other list (lost to follow-up when printing the overdue list, and back). */
  otherListNote: string | null;
}

export interface IndicatorReportDoc {
  station: Facility;
  programName: string;
  control: NcdControl;
  period: string;
  hamlet: string | null;
  today: string;
  indicators: Indicators;
  cohort: Cohort | null;
  trend: Indicators[];
}
