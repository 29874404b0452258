import type { ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Aefi, BoardEntry } from '../../../shared/contract/immunization.js';
import { AppError } from '../../../shared/errors.js';
import { OBSERVATION_MINUTES } from '../../../shared/immunization/checklists.js';
import { addDays } from '../../../shared/immunization/dates.js';
import { POSTPONE_DAYS, screeningOutcome } from '../../../shared/immunization/screening.js';
import { vaccineInfo } from '../../../shared/immunization/vaccines.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import type { HandlerContext } from '../dispatch/types.js';
import { aefiRows } from './aefi.js';
import { attendanceOfSession, boardEntries, dueTodayFor, seriesStatusFor, type AttendanceRow } from './board.js';
import { livePerson, refuseOne, refuseState, t, userName, viDay } from './common.js';
import { doseView } from './evaluate.js';
import { insertDose, type Warning } from './doses.js';
import { doseFactsOf, personRow, pregnanciesOf } from './repo.js';
import { immAttendance, immLots, immScreenings, immSessions } from './schema.js';
import { liveSession, sessionHamlets, sessionViews, type SessionRow } from './sessions.js';
import { lotById, lotByNumber, type LotRow } from './stock.js';

/** The session day (issue 7 §4): check-in → screening → vaccination → observation; several workstations at once. */

function aefiByAttendance(ctx: HandlerContext, sessionId: string): Map<string, Aefi[]> {
  const out = new Map<string, Aefi[]>();
  for (const e of aefiRows(ctx.station, 'e.session_id = @s', { s: sessionId })) {
    if (!e.attendanceId) continue;
    const list = out.get(e.attendanceId) ?? [];
    list.push(e);
    out.set(e.attendanceId, list);
  }
  return out;
}

export function entryOf(ctx: HandlerContext, attendanceId: string): BoardEntry {
  const a = liveAttendance(ctx, attendanceId);
  const s = liveSession(ctx, a.sessionId);
  return boardEntries(ctx.station, s.sessionDate, [a], aefiByAttendance(ctx, s.id), ctx.now)[0]!;
}

function liveAttendance(ctx: HandlerContext, id: string): AttendanceRow {
  const a = ctx.write.get(immAttendance, id);
  if (!a || a.deleted) throw new AppError('NOT_FOUND');
  return a;
}

function openSession(ctx: HandlerContext, id: string): SessionRow {
  const s = liveSession(ctx, id);
  if (s.status === 'closed') refuseState(ctx, 'imm.state.sessionClosed');
  return s;
}

export function sessionBoard(ctx: HandlerContext, sessionId: string): ProcedureOutput<'imm.sessionBoard'> {
  const s = liveSession(ctx, sessionId);
  const entries = boardEntries(ctx.station, s.sessionDate, attendanceOfSession(ctx.station, s.id), aefiByAttendance(ctx, s.id), ctx.now);
  const n = (st: BoardEntry['state']) => entries.filter((e) => e.state === st).length;
  return {
    session: sessionViews(ctx.station, [s])[0]!,
    now: ctx.now.toISOString(),
    entries,
    counts: {
      waiting: n('waiting_screening'),
      screened: n('screened'),
      observing: n('observing'),
      left: n('left'),
      notVaccinated: n('not_vaccinated'),
      aefi: entries.filter((e) => e.aefi.length > 0).length,
    },
  };
}

export function checkIn(ctx: HandlerContext, input: ProcedureParsedInput<'imm.checkIn'>): ProcedureOutput<'imm.checkIn'> {
  const s = openSession(ctx, input.sessionId);
  const person = livePerson(ctx, input.personId);
  if (person.status !== 'active') throw new AppError('PERSON_NOT_ACTIVE');
  const existing = ctx.station.sqlite.prepare(`SELECT id FROM imm_attendance WHERE session_id = ? AND person_id = ? AND deleted = 0`).pluck().get(s.id, person.id) as string | undefined;
  // A double scan or two desks checking in the same child: the same entry, not a second one.
  if (existing) return { entry: entryOf(ctx, existing), alreadyCheckedIn: true };
  const sqlite = ctx.station.sqlite;
  const row = personRow(sqlite, person.id)!;
  const due = dueTodayFor(ctx.station, person, doseFactsOf(sqlite, [person.id]).get(person.id) ?? [], pregnanciesOf(sqlite, [person.id]).get(person.id) ?? [], s.sessionDate);
  // On the due list = lives in a covered hamlet and has a dose due or overdue; anyone else is a walk-in.
  const onList = row.hamletId !== null && sessionHamlets(s).includes(row.hamletId) && due.some((d) => d.state === 'due' || d.state === 'overdue');
  const a = ctx.write.insert(immAttendance, {
    sessionId: s.id,
    personId: person.id,
    checkedInAt: ctx.now.toISOString(),
    walkIn: !onList,
    note: input.note || null,
    checkedInBy: userName(ctx),
  });
  if (s.status === 'planned') ctx.write.update(immSessions, s.id, { status: 'open' });
  ctx.audit({ kind: 'change', action: 'imm.checkIn', entity: 'imm_attendance', entityId: a.id, personId: person.id, details: { walkIn: !onList } });
  return { entry: entryOf(ctx, a.id), alreadyCheckedIn: false };
}

export function screen(ctx: HandlerContext, input: ProcedureParsedInput<'imm.screen'>): ProcedureOutput<'imm.screen'> {
  const a = liveAttendance(ctx, input.attendanceId);
  const s = openSession(ctx, a.sessionId);
  if (a.leftAt) refuseState(ctx, 'imm.state.alreadyLeft');
  if (a.injectedAt) refuseState(ctx, 'imm.state.alreadyVaccinated');
  const person = livePerson(ctx, a.personId);
  const sqlite = ctx.station.sqlite;
  const due = dueTodayFor(ctx.station, person, doseFactsOf(sqlite, [person.id]).get(person.id) ?? [], pregnanciesOf(sqlite, [person.id]).get(person.id) ?? [], s.sessionDate);
  const derived = screeningOutcome({ answers: input.answers, temperature: input.temperature, newborn: input.newborn ?? null, due });
  const overridden = input.override !== undefined && input.override.outcome !== derived.outcome;
  const outcome = overridden ? input.override!.outcome : derived.outcome;
  let returnDate: string | null = null;
  if (outcome === 'postpone') {
    returnDate = input.returnDate ?? addDays(s.sessionDate, POSTPONE_DAYS);
    if (returnDate <= s.sessionDate) refuseOne(ctx, 'returnDate', 'v.immReturnDate');
  }
  const answers = { ...input.answers, 'fever-or-hypothermia': derived.feverOrHypothermia };
  const row = ctx.write.insert(immScreenings, {
    attendanceId: a.id,
    sessionId: s.id,
    personId: person.id,
    screenedAt: ctx.now.toISOString(),
    screenerName: userName(ctx),
    answers: JSON.stringify(answers),
    otherText: input.otherText || null,
    temperature: input.temperature,
    newborn: input.newborn
      ? JSON.stringify({
          gestationalWeeks: input.newborn.gestationalWeeks ?? null,
          birthWeightGrams: input.newborn.birthWeightGrams ?? null,
          motherHbsag: input.newborn.motherHbsag ?? null,
          motherHivNoPmtct: input.newborn.motherHivNoPmtct,
        })
      : null,
    derivedOutcome: derived.outcome,
    reasons: JSON.stringify(derived.reasons),
    excludedSeries: JSON.stringify(derived.excluded.map((e) => ({ seriesKey: e.seriesKey, reason: e.reason }))),
    outcome,
    overrideReason: overridden ? input.override!.reason : null,
    returnDate,
    referTo: outcome === 'refer' ? input.referTo || null : null,
    note: input.note || null,
  });
  ctx.write.update(immAttendance, a.id, { screeningId: row.id });
  ctx.audit({ kind: 'change', action: 'imm.screen', entity: 'imm_screenings', entityId: row.id, personId: person.id, details: { derived: derived.outcome, outcome, overridden } });
  const entry = entryOf(ctx, a.id);
  return { screening: entry.screening!, entry };
}

/** The lot of a dose: from stock by id, or a scanned/typed lot (found in stock by number, else confirmed as not in stock). */
function lotFor(
  ctx: HandlerContext,
  path: string,
  vaccineCode: string,
  d: ProcedureParsedInput<'imm.vaccinate'>['doses'][number],
  givenOn: string,
  confirm: boolean,
  warnings: Warning[],
): LotRow {
  const sqlite = ctx.station.sqlite;
  let lot = d.lotId ? lotById(sqlite, d.lotId) : d.lot ? lotByNumber(sqlite, vaccineCode, d.lot.lotNumber) : undefined;
  if (d.lotId && !lot) throw new AppError('NOT_FOUND');
  if (!d.lotId && !d.lot) refuseOne(ctx, `${path}.lotId`, 'v.immLotChoice');
  if (lot && d.lot && lot.expiry !== d.lot.expiry) refuseOne(ctx, `${path}.lot.expiry`, 'v.immExpiryMismatch', { lot: lot.lotNumber, expiry: viDay(lot.expiry) });
  const expiry = lot?.expiry ?? d.lot!.expiry;
  const number = lot?.lotNumber ?? d.lot!.lotNumber;
  // The lot is checked before the dose is marked given (immunization.md): an expired lot is never used.
  if (expiry < givenOn) throw new AppError('IMM_LOT_EXPIRED', { lot: number, expiry: viDay(expiry) });
  if (lot && lot.vaccineCode !== vaccineCode) refuseOne(ctx, `${path}.lotId`, 'v.immLotVaccine', { lot: lot.lotNumber, lotVaccine: lot.vaccineCode, code: vaccineCode });
  if (!lot || lot.onHand <= 0) {
    if (!confirm) throw new AppError('IMM_LOT_NOT_IN_STOCK', { lot: number }, { fields: [{ path: `${path}.lotId`, message: '' }] });
    if (!lot) {
      // Record the lot so the ledger has it; its stock goes negative until the delivery is entered or counted.
      const row = ctx.write.insert(immLots, {
        vaccineCode,
        lotNumber: number,
        expiry,
        vialSize: vaccineInfo(vaccineCode)?.vialSize ?? 1,
        gtin: d.lot?.gtin ?? null,
        manufacturer: null,
        createdAt: ctx.now.toISOString(),
      });
      lot = { ...row, onHand: 0 };
    }
  }
  return lot;
}

export function vaccinate(ctx: HandlerContext, input: ProcedureParsedInput<'imm.vaccinate'>): ProcedureOutput<'imm.vaccinate'> {
  const a = liveAttendance(ctx, input.attendanceId);
  const s = openSession(ctx, a.sessionId);
  if (a.leftAt) refuseState(ctx, 'imm.state.alreadyLeft');
  const entry = entryOf(ctx, a.id);
  if (!entry.screening || entry.screening.outcome !== 'vaccinate') refuseState(ctx, 'imm.state.notScreened');
  const person = livePerson(ctx, a.personId);
  const givenAt = input.givenAt ? new Date(Date.parse(input.givenAt)) : ctx.now;
  const givenOn = stationDate(givenAt);
  if (givenAt.getTime() > ctx.now.getTime() + 5 * 60_000) refuseOne(ctx, 'givenAt', 'v.immFutureDate');
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  const plan = input.doses.map((d, i) => {
    const path = `doses.${i}`;
    if (seen.has(d.seriesKey)) throw new AppError('IMM_DOSE_DUPLICATE', { detail: d.seriesKey });
    seen.add(d.seriesKey);
    const due = entry.dueToday.find((x) => x.seriesKey === d.seriesKey);
    const given = entry.given.find((x) => x.seriesKey === d.seriesKey);
    if (given) throw new AppError('IMM_DOSE_DUPLICATE', { detail: `${given.vaccineName} ${viDay(given.givenOn)}` });
    if (!due) {
      // Not eligible today: complete (a duplicate), or not yet / no longer.
      const status = seriesStatusFor(ctx.station, person, s.sessionDate, d.seriesKey);
      if (status?.state === 'complete') throw new AppError('IMM_DOSE_DUPLICATE', { detail: t(ctx, 'imm.dup.complete', { series: status.name }) });
      refuseOne(ctx, `${path}.seriesKey`, 'v.immNotDueToday', { label: status?.next?.label ?? d.seriesKey, date: status?.next ? viDay(status.next.earliest) : '—' });
    }
    if (due.excluded) refuseOne(ctx, `${path}.seriesKey`, 'v.immSeriesExcluded', { label: due.label });
    const vaccineCode = d.vaccineCode ?? due.vaccines[0]!;
    const lot = lotFor(ctx, path, vaccineCode, d, givenOn, input.confirmLotNotInStock, warnings);
    return { d, due, vaccineCode, lot };
  });
  const doses = plan.map(({ d, due, vaccineCode, lot }) => {
    const info = vaccineInfo(vaccineCode);
    const { row, evaluation, labels } = insertDose(
      ctx,
      person,
      {
        vaccineCode,
        seriesKey: due.seriesKey,
        givenOn,
        givenAt: givenAt.toISOString(),
        givenElsewhere: false,
        lotId: lot.id,
        site: d.site ?? info?.defaultSite ?? null,
        route: d.route ?? info?.defaultRoute ?? null,
        vaccinatorName: input.vaccinatorName || userName(ctx),
        sessionId: s.id,
        attendanceId: a.id,
      },
      warnings,
    );
    return doseView(row, evaluation, labels);
  });
  // insertDose warns "not in stock" once per dose; one message per lot is enough.
  const unique = warnings.filter((w, i) => warnings.findIndex((x) => x.message === w.message) === i);
  const latest = a.injectedAt && a.injectedAt > givenAt.toISOString() ? a.injectedAt : givenAt.toISOString();
  ctx.write.update(immAttendance, a.id, { injectedAt: latest });
  ctx.audit({ kind: 'change', action: 'imm.vaccinate', entity: 'imm_attendance', entityId: a.id, personId: person.id, details: { doses: doses.map((x) => x.vaccineCode) } });
  return { entry: entryOf(ctx, a.id), doses, warnings: unique };
}

export function observationEnd(ctx: HandlerContext, input: ProcedureParsedInput<'imm.observationEnd'>): ProcedureOutput<'imm.observationEnd'> {
  const a = liveAttendance(ctx, input.attendanceId);
  if (a.leftAt) refuseState(ctx, 'imm.state.alreadyLeft');
  if (!a.injectedAt) refuseState(ctx, 'imm.state.notVaccinated');
  const leftMs = Date.parse(a.injectedAt) + OBSERVATION_MINUTES * 60_000 - ctx.now.getTime();
  if (leftMs > 0 && !input.overrideReason) throw new AppError('IMM_OBSERVATION_NOT_DONE', { minutes: Math.ceil(leftMs / 60_000) });
  ctx.write.update(immAttendance, a.id, { leftAt: ctx.now.toISOString(), leftOverrideReason: leftMs > 0 ? input.overrideReason! : null });
  ctx.audit({ kind: 'change', action: 'imm.observationEnd', entity: 'imm_attendance', entityId: a.id, personId: a.personId, details: { early: leftMs > 0 } });
  return { entry: entryOf(ctx, a.id) };
}
