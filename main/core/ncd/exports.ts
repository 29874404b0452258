import type { OverdueRow } from '../../../shared/contract/ncd.js';
import type { Facility } from '../../../shared/contract/setup.js';
import { formatDateVi } from '../../../shared/dates.js';
import { AppError } from '../../../shared/errors.js';
import { birthYearOf } from '../../../shared/persons/age.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { renderPdf } from '../print/pdf.js';
import { currentFacility } from '../setup/service.js';
import { refuse } from '../visits/service.js';
import type { CallListDoc, CallListLine, IndicatorReportDoc } from './export-model.js';
import { callListDocument, indicatorReportDocument } from './export-pdf.js';
import { callListWorkbook, indicatorReportWorkbook } from './export-xlsx.js';
// handlers.ts spreads exportHandlers and this file calls its indicatorsFor only inside handlers: a safe cycle.
import { indicatorsFor } from './handlers.js';
import { findProgram, type ProgramEntry } from './programs.js';
import { overdueList, patientList } from './service.js';
import { patientListWorkbook } from './patients-xlsx.js';

export { CALL_LIST_HEADERS } from './export-model.js';

/**
 * Print and .xlsx export of the call list (ncd.md: "print and export it") and of the indicator report (issue 8 §4).
 * Official paper: always in Vietnamese, whatever the user's language.
 */

type CallOutcome = NonNullable<OverdueRow['lastCall']>['outcome'];
const OUTCOME_LABELS: Record<CallOutcome, string> = {
  agreed: 'Đồng ý đến khám',
  remind_later: 'Hẹn gọi lại',
  unreachable: 'Không liên lạc được',
  removed: 'Đưa ra khỏi danh sách',
};

export function programLabel(p: ProgramEntry | undefined, code: string): string {
  return p?.shortName ?? p?.nameVi ?? code;
}

function lastCallText(c: OverdueRow['lastCall']): string {
  if (!c) return '';
  const what = c.outcome === 'remind_later' && c.remindOn ? `${OUTCOME_LABELS.remind_later} ${formatDateVi(c.remindOn)}` : OUTCOME_LABELS[c.outcome];
  return `${formatDateVi(c.callDate)}: ${what}${c.note ? ` (${c.note})` : ''}`;
}

export function callListLines(ctx: HandlerContext, rows: readonly OverdueRow[]): CallListLine[] {
  const programs = new Map<string, string>();
  const label = (code: string) => {
    if (!programs.has(code)) programs.set(code, programLabel(findProgram(ctx.station.sqlite, code), code));
    return programs.get(code)!;
  };
  return rows.map((r, i) => ({
    number: i + 1,
    fullName: r.fullName,
    birthYear: String(birthYearOf(r.birthDate) ?? ''),
    sex: r.sex === 'M' ? 'Nam' : 'Nữ',
    phone: r.phone ?? '',
    hamlet: r.hamletName ?? '',
    program: label(r.program),
    appointment: formatDateVi(r.appointmentDate),
    daysOverdue: r.daysOverdue,
    highRisk: r.highRisk ? 'Có' : '',
    latestBp: r.latestBp ? `${Math.round(r.latestBp.systolic)}/${Math.round(r.latestBp.diastolic)}` : '',
    lastCall: lastCallText(r.lastCall),
  }));
}

/** ASCII piece of a file name: "Thôn 1" → "thon-1". */
function slug(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "THA", "DTD" (from ĐTĐ), or the code of a program without a short name. */
export function programFileToken(p: ProgramEntry | undefined, code: string): string {
  return p?.shortName ? slug(p.shortName).toUpperCase() : slug(code.replace(/_/g, ' '));
}

/** ds-qua-hen-THA-thon-1-2026-11-22.xlsx */
export function callListFileName(list: 'overdue' | 'lost', program: string | null, hamlet: string | null, today: string, format: 'pdf' | 'xlsx'): string {
  return [list === 'overdue' ? 'ds-qua-hen' : 'ds-mat-dau', program, hamlet ? slug(hamlet) : null, today].filter(Boolean).join('-') + `.${format}`;
}

/** bao-cao-THA-thon-1-2026-Q1.pdf */
export function reportFileName(program: string, hamlet: string | null, period: string, format: 'pdf' | 'xlsx'): string {
  return ['bao-cao', program, hamlet ? slug(hamlet) : null, period].filter(Boolean).join('-') + `.${format}`;
}

function facilityOf(ctx: HandlerContext): Facility {
  const f = currentFacility(ctx.station);
  if (!f) throw new AppError('SETUP_REQUIRED');
  return f;
}

function hamletName(ctx: HandlerContext, hamletId: string | undefined): string | null {
  if (!hamletId) return null;
  const row = ctx.station.sqlite.prepare('SELECT name FROM hamlets WHERE id = ? AND deleted = 0').get(hamletId) as { name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row.name;
}

function knownProgram(ctx: HandlerContext, code: string | undefined): ProgramEntry | undefined {
  if (code === undefined) return undefined;
  const p = findProgram(ctx.station.sqlite, code);
  if (!p) refuse(ctx, [{ path: 'program', key: 'v.ncdProgram', params: { code } }]);
  return p;
}

async function file(format: 'pdf' | 'xlsx', ctx: HandlerContext, pdf: () => Record<string, unknown>, xlsx: () => Promise<Buffer>): Promise<Buffer> {
  return format === 'pdf' ? renderPdf(pdf(), ctx.station.options.resourcesDir) : xlsx();
}

export const exportHandlers = {
  'ncd.exportOverdue': async (input, ctx) => {
    const station = facilityOf(ctx);
    const program = knownProgram(ctx, input.program);
    const hamlet = hamletName(ctx, input.hamletId);
    const { overdue, lost } = overdueList(ctx, input);
    const rows = input.list === 'overdue' ? overdue : lost;
    const other = input.list === 'overdue' ? lost.length : overdue.length;
    const doc: CallListDoc = {
      station,
      title: input.list === 'overdue' ? 'DANH SÁCH NGƯỜI BỆNH QUÁ HẸN TÁI KHÁM' : 'DANH SÁCH NGƯỜI BỆNH MẤT DẤU (QUÁ HẸN TRÊN 12 THÁNG)',
      filters: [`Chương trình: ${program ? program.nameVi : 'tất cả'}`, `Thôn: ${hamlet ?? 'tất cả'}`, `Ngày lập: ${formatDateVi(ctx.today)}`].join(' · '),
      today: ctx.today,
      lines: callListLines(ctx, rows),
      otherListNote: other ? (input.list === 'overdue' ? `Ngoài ra có ${other} người quá hẹn trên 12 tháng (danh sách mất dấu riêng).` : `Ngoài ra có ${other} người quá hẹn dưới 12 tháng (danh sách quá hẹn).`) : null,
    };
    const content = await file(input.format, ctx, () => callListDocument(doc), () => callListWorkbook(doc));
    ctx.audit({ kind: 'view', action: 'ncd.exportOverdue', entity: 'ncd_enrollments', details: { list: input.list, format: input.format, rows: rows.length, program: input.program ?? null } });
    const token = program ? programFileToken(program, program.code) : null;
    return { fileName: callListFileName(input.list, token, hamlet, ctx.today, input.format), contentBase64: content.toString('base64') };
  },

  'ncd.exportPatients': (input, ctx) => {
    const station = facilityOf(ctx);
    const program = knownProgram(ctx, input.program);
    const hamlet = hamletName(ctx, input.hamletId);
    const rows = patientList(ctx, input);
    const programs = new Map<string, string>();
    const programNameOf = (code: string) => programs.get(code) ?? programs.set(code, findProgram(ctx.station.sqlite, code)?.nameVi ?? code).get(code)!;
    const content = patientListWorkbook({
      station,
      ended: input.status === 'ended',
      filters: [`Chương trình: ${program ? program.nameVi : 'tất cả'}`, `Thôn: ${hamlet ?? 'tất cả'}`, `Ngày lập: ${formatDateVi(ctx.today)}`].join(' · '),
      rows,
      programNameOf,
    });
    ctx.audit({ kind: 'view', action: 'ncd.exportPatients', entity: 'ncd_enrollments', details: { status: input.status, rows: rows.length, program: input.program ?? null } });
    const token = program ? programFileToken(program, program.code) : null;
    const name = [input.status === 'ended' ? 'ds-ket-thuc-quan-ly' : 'ds-dang-quan-ly', token, hamlet ? slug(hamlet) : null, ctx.today].filter(Boolean).join('-');
    return { fileName: `${name}.xlsx`, contentBase64: content.toString('base64') };
  },

  'ncd.exportIndicators': async (input, ctx) => {
    const station = facilityOf(ctx);
    const program = knownProgram(ctx, input.program)!;
    const hamlet = hamletName(ctx, input.hamletId);
    const { indicators, trend, cohort } = indicatorsFor(ctx, input.period, program.code, input.hamletId, true);
    const doc: IndicatorReportDoc = { station, programName: program.nameVi, control: program.control, period: input.period, hamlet, today: ctx.today, indicators, cohort, trend };
    const content = await file(input.format, ctx, () => indicatorReportDocument(doc), () => indicatorReportWorkbook(doc));
    ctx.audit({ kind: 'view', action: 'ncd.exportIndicators', entity: 'ncd_enrollments', details: { period: input.period, program: program.code, format: input.format } });
    return { fileName: reportFileName(programFileToken(program, program.code), hamlet, input.period, input.format), contentBase64: content.toString('base64') };
  },
} satisfies Partial<HandlerMap>;
