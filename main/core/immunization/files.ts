import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { FileOutput } from '../../../shared/contract/immunization.js';
import { AppError } from '../../../shared/errors.js';
import { formatDateVi } from '../../../shared/dates.js';
import { vaccineName } from '../../../shared/immunization/vaccines.js';
import type { HandlerContext } from '../dispatch/types.js';
import { stationHeader } from '../referrals/slip.js';
import { aefiRows } from './aefi.js';
import { computeDue, dueListView } from './due.js';
import { evaluatePerson } from './evaluate.js';
import { niisCsv, niisXlsx, registerXlsx, requisitionXlsx, type NiisRow } from './exports.js';
import { aefiReportDocument, dueListDocument, pdfFile, registerDocument, requisitionDocument } from './print.js';
import { childRegister } from './register.js';
import { doseFactsOf, doseRowsByIds, doseRowsWhere, hamletNames, immPerson, personRow, personRows, pregnanciesOf } from './repo.js';
import { scheduleFor } from './schedules.js';
import { checkedInPersons, liveSession, sessionHamlets, sessionNeed, sessionViews } from './sessions.js';

/** The printouts and exports of immunization, as downloadable files. */

const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '');

export async function dueListPdf(ctx: HandlerContext, input: ProcedureParsedInput<'imm.dueListPdf'>): Promise<FileOutput> {
  const s = liveSession(ctx, input.sessionId);
  const view = sessionViews(ctx.station, [s])[0]!;
  const due = dueListView(ctx.station, computeDue(ctx.station, { date: s.sessionDate, hamletIds: sessionHamlets(s), includeWomen: input.includeWomen }));
  const present = input.kind === 'absentees' ? checkedInPersons(ctx.station, s.id) : new Set<string>();
  const groups = due.groups.map((g) => ({ hamletName: g.hamletName, rows: g.rows.filter((r) => !present.has(r.person.id)) }));
  ctx.audit({ kind: 'view', action: 'imm.dueListPdf', entity: 'imm_sessions', entityId: s.id, details: { kind: input.kind, total: due.total } });
  const doc = dueListDocument(stationHeader(ctx.station), { date: s.sessionDate, place: s.place, hamletNames: view.hamletNames }, groups, input.kind);
  const name = { invitation: 'danh-sach-moi-tiem', call: 'danh-sach-goi-dien', absentees: 'danh-sach-vang-mat' }[input.kind];
  return pdfFile(doc, ctx.station.options.resourcesDir, `${name}_${s.sessionDate}.pdf`);
}

export async function requisition(ctx: HandlerContext, input: ProcedureParsedInput<'imm.requisition'>): Promise<FileOutput> {
  const s = liveSession(ctx, input.sessionId);
  const view = sessionViews(ctx.station, [s])[0]!;
  const need = sessionNeed(ctx, s.id, input.includeWomen);
  const heading = { date: s.sessionDate, place: s.place, hamletNames: view.hamletNames };
  const fileName = `du-tru-vac-xin_${s.sessionDate}.${input.format}`;
  if (input.format === 'xlsx') return requisitionXlsx(stationHeader(ctx.station), heading, need.rows, fileName);
  return pdfFile(requisitionDocument(stationHeader(ctx.station), heading, need.rows, ctx.today), ctx.station.options.resourcesDir, fileName);
}

export async function aefiReportPdf(ctx: HandlerContext, id: string): Promise<FileOutput> {
  const event = aefiRows(ctx.station, 'e.id = @id', { id })[0];
  if (!event) throw new AppError('NOT_FOUND');
  const p = personRow(ctx.station.sqlite, event.personId)!;
  const person = immPerson(p);
  const doses = doseRowsByIds(ctx.station.sqlite, event.doseIds).map((d) => ({
    vaccineName: vaccineName(d.vaccineCode),
    label: null,
    givenAt: d.givenAt,
    givenOn: d.givenOn,
    lotNumber: d.lotNumber,
    expiry: d.expiry,
    site: d.site,
    route: d.route,
    vaccinatorName: d.vaccinatorName,
  }));
  ctx.audit({ kind: 'view', action: 'imm.aefiReportPdf', entity: 'imm_aefi', entityId: id, personId: event.personId });
  const doc = aefiReportDocument(
    stationHeader(ctx.station),
    { event, person: { fullName: p.fullName, birthDate: p.birthDate, sex: p.sex, address: p.address, parents: [p.motherName, p.fatherName].filter(Boolean).join(' / ') || p.carerName, phones: person.phones }, doses },
    ctx.today,
  );
  return pdfFile(doc, ctx.station.options.resourcesDir, `bao-cao-phan-ung-sau-tiem_${safe(event.onsetAt.slice(0, 10))}_${id.slice(-6)}.pdf`);
}

export async function registerExport(ctx: HandlerContext, input: ProcedureParsedInput<'imm.registerExport'>): Promise<FileOutput> {
  const rows = childRegister(ctx, input.from, input.to, input.hamletId ?? null);
  const hamletName = input.hamletId ? (hamletNames(ctx.station.sqlite).get(input.hamletId)?.name ?? null) : null;
  ctx.audit({ kind: 'view', action: 'imm.registerExport', entity: 'imm_doses', details: { from: input.from, to: input.to, rows: rows.length, format: input.format } });
  const fileName = `so-tiem-chung-tre-em_${input.from}_${input.to}.${input.format}`;
  if (input.format === 'xlsx') return registerXlsx(stationHeader(ctx.station), input.from, input.to, hamletName, rows, fileName);
  return pdfFile(registerDocument(stationHeader(ctx.station), input.from, input.to, hamletName, rows), ctx.station.options.resourcesDir, fileName);
}

/** Doses given at the station (a session's, or in a date range) with the engine's dose numbers. */
export function niisRows(ctx: HandlerContext, input: ProcedureParsedInput<'imm.exportNiis'>): NiisRow[] {
  const sqlite = ctx.station.sqlite;
  const doses = input.sessionId
    ? doseRowsWhere(sqlite, 'session_id = @s AND voided_at IS NULL AND given_elsewhere = 0', { s: liveSession(ctx, input.sessionId).id })
    : doseRowsWhere(sqlite, 'given_on BETWEEN @from AND @to AND voided_at IS NULL AND given_elsewhere = 0', { from: input.from, to: input.to });
  const ids = [...new Set(doses.map((d) => d.personId))];
  const people = personRows(sqlite, ids);
  const facts = doseFactsOf(sqlite, ids);
  const pregs = pregnanciesOf(sqlite, ids);
  const station = stationHeader(ctx.station);
  const numbers = new Map<string, number | null>();
  for (const id of ids) {
    const p = people.get(id);
    if (!p) continue;
    for (const family of ['epi-children', 'tetanus-women'] as const) {
      const ev = evaluatePerson(scheduleFor(ctx.station, family, ctx.today), p, facts.get(id) ?? [], pregs.get(id) ?? [], ctx.today);
      for (const s of ev.series) for (const d of s.doses) if (d.dose.id && d.valid) numbers.set(d.dose.id, d.doseNumber);
    }
  }
  return doses.flatMap((d) => {
    const p = people.get(d.personId);
    if (!p) return [];
    const person = immPerson(p);
    return [
      {
        fullName: p.fullName,
        birthDate: p.birthDate,
        sex: p.sex,
        identifier: p.cccd ?? '',
        parentName: p.motherName ?? p.fatherName ?? p.carerName ?? '',
        phone: person.phones[0] ?? '',
        address: p.address && p.hamletName && !p.address.includes(p.hamletName) ? `${p.address}, ${p.hamletName}` : (p.address ?? p.hamletName ?? ''),
        vaccineCode: d.vaccineCode,
        vaccineName: vaccineName(d.vaccineCode),
        doseNumber: numbers.get(d.id) ?? d.doseNumberRecorded,
        givenOn: d.givenOn,
        lotNumber: d.lotNumber ?? '',
        expiry: d.expiry ?? '',
        place: station.name,
      },
    ];
  });
}

export async function exportNiis(ctx: HandlerContext, input: ProcedureParsedInput<'imm.exportNiis'>): Promise<FileOutput> {
  const rows = niisRows(ctx, input);
  const label = input.sessionId ? `buoi-${liveSession(ctx, input.sessionId).sessionDate}` : `${input.from}_${input.to}`;
  const fileName = `mui-tiem-niis_${label}.${input.format}`;
  ctx.audit({ kind: 'view', action: 'imm.exportNiis', entity: 'imm_doses', details: { rows: rows.length, format: input.format } });
  if (input.format === 'csv') return niisCsv(rows, fileName);
  const subtitle = input.sessionId ? `Buổi tiêm chủng ngày ${formatDateVi(liveSession(ctx, input.sessionId).sessionDate)}` : `Từ ngày ${formatDateVi(input.from!)} đến ngày ${formatDateVi(input.to!)}`;
  return niisXlsx(stationHeader(ctx.station), subtitle, rows, fileName);
}
