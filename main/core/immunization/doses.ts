import { v7 as uuidv7 } from 'uuid';
import type { ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Dose } from '../../../shared/contract/immunization.js';
import { AppError } from '../../../shared/errors.js';
import { daysBetween, isIsoDate } from '../../../shared/immunization/dates.js';
import type { DoseEvaluation } from '../../../shared/immunization/engine.js';
import type { Schedule, ScheduleSeries } from '../../../shared/immunization/schedule-schema.js';
import { vaccineInfo } from '../../../shared/immunization/vaccines.js';
import { ageInYears } from '../../../shared/persons/age.js';
import type { HandlerContext } from '../dispatch/types.js';
import { livePerson, refuseOne, t, userName, viDay } from './common.js';
import { belongsTo, doseView, evaluatePerson, familiesFor, isOngoing, pregnancyView } from './evaluate.js';
import { doseRowsByIds, dosesOfPerson, immPerson, personRow, pregnanciesOf, type DoseFact, type DoseRow } from './repo.js';
import { scheduleFor, type Family } from './schedules.js';
import { addMovement, lotById } from './stock.js';
import { immDoses } from './schema.js';

/** Recording doses (here or elsewhere) through the schedule engine, voiding mistakes, and the person's card. */

type Person = ReturnType<typeof livePerson>;
export interface Warning {
  key: string;
  message: string;
}

const FAMILIES: readonly Family[] = ['epi-children', 'tetanus-women'];

/** The series a vaccine code counts toward for this person: Td goes to the women's tetanus series for women ≥ 15 or pregnant. */
export function resolveSeries(
  ctx: HandlerContext,
  person: Pick<Person, 'id' | 'sex' | 'birthDate'>,
  vaccineCode: string,
  seriesKey: string | undefined,
  date: string,
): { schedule: Schedule; series: ScheduleSeries; family: Family } {
  const options: { schedule: Schedule; series: ScheduleSeries; family: Family }[] = [];
  for (const family of FAMILIES) {
    const schedule = scheduleFor(ctx.station, family, date);
    for (const series of schedule.series) {
      if (!series.vaccineCodes.includes(vaccineCode) || (seriesKey && series.key !== seriesKey) || (series.sex && series.sex !== person.sex)) continue;
      options.push({ schedule, series, family });
    }
  }
  if (options.length === 0) {
    if (!vaccineInfo(vaccineCode) && !seriesKey) refuseOne(ctx, 'vaccineCode', 'v.immVaccine', { code: vaccineCode });
    refuseOne(ctx, seriesKey ? 'seriesKey' : 'vaccineCode', 'v.immSeries', { code: vaccineCode });
  }
  if (options.length === 1) return options[0]!;
  const age = ageInYears(person.birthDate, date);
  const pregnant = (pregnanciesOf(ctx.station.sqlite, [person.id]).get(person.id) ?? []).some((p) => isOngoing(p, date));
  const women = person.sex === 'F' && ((age !== null && age >= 15) || pregnant);
  return options.find((o) => o.family === (women ? 'tetanus-women' : 'epi-children')) ?? options[0]!;
}

function facts(rows: readonly DoseRow[]): DoseFact[] {
  return rows.filter((d) => d.voidedAt === null);
}

export interface DoseToRecord {
  vaccineCode: string;
  seriesKey?: string;
  doseNumber?: number;
  givenOn: string;
  givenAt?: string | null;
  givenElsewhere: boolean;
  place?: string | null;
  lotId?: string | null;
  lotNumber?: string | null;
  expiry?: string | null;
  within24h?: boolean | null;
  site?: string | null;
  route?: string | null;
  vaccinatorName?: string | null;
  sessionId?: string | null;
  attendanceId?: string | null;
  note?: string | null;
}

/**
 * Records one dose: resolves its series, refuses a duplicate (same series on the same day, a dose number already
 * valid, a complete series), evaluates it with the engine (an invalid dose is kept, with a warning), and for a lot
 * of the station's stock records the administered movement. Runs inside the caller's transaction.
 */
export function insertDose(ctx: HandlerContext, person: Person, d: DoseToRecord, warnings: Warning[]): { row: DoseRow; evaluation: DoseEvaluation | undefined; labels: string[] } {
  if (!isIsoDate(d.givenOn)) refuseOne(ctx, 'givenOn', 'v.date');
  if (d.givenOn > ctx.today) refuseOne(ctx, 'givenOn', 'v.immFutureDate');
  if (isIsoDate(person.birthDate) && d.givenOn < person.birthDate) refuseOne(ctx, 'givenOn', 'v.immBeforeBirth', { birthDate: viDay(person.birthDate) });
  const { schedule, series } = resolveSeries(ctx, person, d.vaccineCode, d.seriesKey, d.givenOn);
  const labels = series.doses.map((x) => x.label);
  const sqlite = ctx.station.sqlite;
  const existing = facts(dosesOfPerson(sqlite, person.id));
  const inSeries = (x: DoseFact) => (x.seriesKey ? x.seriesKey === series.key : series.vaccineCodes.includes(x.vaccineCode) && belongsTo(schedule, x));
  const pregnancies = pregnanciesOf(sqlite, [person.id]).get(person.id) ?? [];

  // Duplicates, judged on what is recorded before this dose.
  const sameDay = existing.find((x) => inSeries(x) && x.givenOn === d.givenOn);
  if (sameDay) throw new AppError('IMM_DOSE_DUPLICATE', { detail: t(ctx, 'imm.dup.sameDay', { label: series.name, date: viDay(d.givenOn) }) });
  const before = evaluatePerson(schedule, person, existing, pregnancies, ctx.today).series.find((s) => s.key === series.key)!;
  const validBefore = before.doses.filter((x) => x.valid);
  if (d.doseNumber !== undefined) {
    const same = validBefore.find((x) => x.doseNumber === d.doseNumber);
    if (same) throw new AppError('IMM_DOSE_DUPLICATE', { detail: t(ctx, 'imm.dup.doseValid', { label: labels[d.doseNumber - 1] ?? series.name, date: viDay(same.dose.date) }) });
  }
  if (before.state === 'complete') throw new AppError('IMM_DOSE_DUPLICATE', { detail: t(ctx, 'imm.dup.complete', { series: series.name }) });

  // Stock: a lot of the station's own stock, checked before the dose is marked given.
  let lot = d.lotId ? lotById(sqlite, d.lotId) : undefined;
  if (d.lotId && !lot) throw new AppError('NOT_FOUND');
  if (lot) {
    if (lot.vaccineCode !== d.vaccineCode) refuseOne(ctx, 'lotId', 'v.immLotVaccine', { lot: lot.lotNumber, lotVaccine: lot.vaccineCode, code: d.vaccineCode });
    if (lot.expiry < d.givenOn) throw new AppError('IMM_LOT_EXPIRED', { lot: lot.lotNumber, expiry: viDay(lot.expiry) });
  } else if (d.expiry && d.expiry < d.givenOn && !d.givenElsewhere) {
    throw new AppError('IMM_LOT_EXPIRED', { lot: d.lotNumber ?? '', expiry: viDay(d.expiry) });
  }

  const id = uuidv7();
  const fact: DoseFact = { id, personId: person.id, vaccineCode: d.vaccineCode, seriesKey: series.key, givenOn: d.givenOn, givenElsewhere: d.givenElsewhere ? 1 : 0 };
  const after = evaluatePerson(schedule, person, [...existing, fact], pregnancies, ctx.today);
  const evaluation = after.series.find((s) => s.key === series.key)?.doses.find((x) => x.dose.id === id);
  if (evaluation && !evaluation.valid && evaluation.reason) {
    warnings.push({ key: 'imm.warn.invalidDose', message: t(ctx, 'imm.warn.invalidDose', { reason: t(ctx, `imm.invalid.${evaluation.reason}`) }) });
  }
  if (evaluation?.valid && d.doseNumber !== undefined && evaluation.doseNumber !== d.doseNumber) {
    warnings.push({ key: 'imm.warn.doseNumber', message: t(ctx, 'imm.warn.doseNumber', { recorded: d.doseNumber, counted: evaluation.doseNumber ?? '?' }) });
  }
  let within24h = d.within24h ?? null;
  if (series.key === 'hepb-birth' && within24h === null && isIsoDate(person.birthDate)) {
    // Same calendar day as the birth: within 24 h; two days or more: after. The next day needs the times (asked).
    const days = daysBetween(person.birthDate, d.givenOn);
    within24h = days === 0 ? true : days >= 2 ? false : null;
  }
  const row = ctx.write.insert(immDoses, {
    id,
    personId: person.id,
    vaccineCode: d.vaccineCode,
    seriesKey: series.key,
    scheduleId: schedule.id,
    doseNumberRecorded: d.doseNumber ?? null,
    givenOn: d.givenOn,
    givenAt: d.givenAt ?? null,
    givenElsewhere: d.givenElsewhere,
    place: d.place || null,
    lotId: lot?.id ?? null,
    lotNumber: lot?.lotNumber ?? (d.lotNumber || null),
    expiry: lot?.expiry ?? d.expiry ?? null,
    site: d.site ?? null,
    route: d.route ?? null,
    vaccinatorName: d.vaccinatorName || null,
    sessionId: d.sessionId ?? null,
    attendanceId: d.attendanceId ?? null,
    within24h,
    validWhenRecorded: evaluation?.valid ?? false,
    invalidReason: evaluation?.reason ?? null,
    note: d.note || null,
    recordedBy: userName(ctx),
    createdAt: ctx.now.toISOString(),
  });
  if (lot && !d.givenElsewhere) {
    if (lot.onHand <= 0) warnings.push({ key: 'imm.warn.lotNotInStock', message: t(ctx, 'imm.warn.lotNotInStock', { lot: lot.lotNumber }) });
    addMovement(ctx, { lotId: lot.id, kind: 'administered', doses: 1, occurredOn: d.givenOn, sessionId: d.sessionId ?? null, doseId: id });
  }
  // The stored row by its id (not the person's whole history again).
  const stored = doseRowsByIds(sqlite, [row.id])[0]!;
  return { row: stored, evaluation, labels };
}

export function recordDose(ctx: HandlerContext, input: ProcedureParsedInput<'imm.recordDose'>): ProcedureOutput<'imm.recordDose'> {
  const person = livePerson(ctx, input.personId);
  if (input.givenElsewhere && !input.place) refuseOne(ctx, 'place', 'v.immPlaceElsewhere');
  const warnings: Warning[] = [];
  const { row, evaluation, labels } = insertDose(
    ctx,
    person,
    {
      vaccineCode: input.vaccineCode,
      seriesKey: input.seriesKey,
      doseNumber: input.doseNumber,
      givenOn: input.givenOn,
      givenElsewhere: input.givenElsewhere,
      place: input.place,
      lotId: input.givenElsewhere ? null : (input.lotId ?? null),
      lotNumber: input.lotNumber || null,
      expiry: input.expiry ?? null,
      within24h: input.within24h ?? null,
      site: input.site ?? null,
      route: input.route ?? null,
      vaccinatorName: input.vaccinatorName || (input.givenElsewhere ? null : userName(ctx)),
      note: input.note,
    },
    warnings,
  );
  ctx.audit({ kind: 'change', action: 'imm.recordDose', entity: 'imm_doses', entityId: row.id, personId: person.id, details: { vaccine: row.vaccineCode, valid: evaluation?.valid ?? false } });
  return { dose: doseView(row, evaluation, labels), warnings };
}

export function voidDose(ctx: HandlerContext, input: ProcedureParsedInput<'imm.voidDose'>): Dose {
  const row = ctx.write.get(immDoses, input.id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  if (row.voidedAt) throw new AppError('IMM_STATE_INVALID', { reason: t(ctx, 'imm.state.voided') });
  ctx.write.update(immDoses, row.id, { voidedAt: ctx.now.toISOString(), voidReason: input.reason });
  // The dose came out of a lot: the doses go back on the shelf count (the ledger stays append-only).
  const lot = row.lotId && !row.givenElsewhere ? lotById(ctx.station.sqlite, row.lotId) : undefined;
  if (lot) addMovement(ctx, { lotId: lot.id, kind: 'adjusted', doses: 1, occurredOn: ctx.today, sessionId: row.sessionId, doseId: row.id, reason: input.reason });
  ctx.audit({ kind: 'change', action: 'imm.voidDose', entity: 'imm_doses', entityId: row.id, personId: row.personId, details: { reason: input.reason } });
  const stored = doseRowsByIds(ctx.station.sqlite, [row.id])[0]!;
  return doseView(stored, undefined);
}

/** The card: for each schedule that applies, series × doses with the engine's verdict on `date`. */
export function personCard(ctx: HandlerContext, personId: string, date: string): ProcedureOutput<'imm.personCard'> {
  const p = livePerson(ctx, personId);
  const sqlite = ctx.station.sqlite;
  const row = personRow(sqlite, p.id)!;
  const all = dosesOfPerson(sqlite, p.id);
  const live = all.filter((d) => d.voidedAt === null);
  const pregnancies = pregnanciesOf(sqlite, [p.id]).get(p.id) ?? [];
  const schedules = FAMILIES.map((f) => ({ family: f, schedule: scheduleFor(ctx.station, f, date) }));
  const count = (f: Family) => live.filter((d) => belongsTo(schedules.find((s) => s.family === f)!.schedule, d)).length;
  const families = familiesFor(p, date, { pregnancies: pregnancies.length, uvDoses: count('tetanus-women'), childDoses: count('epi-children') });
  const seen = new Set<string>();
  const cards = families.map((family) => {
    const schedule = schedules.find((s) => s.family === family)!.schedule;
    const ev = evaluatePerson(schedule, p, live, pregnancies, date);
    return {
      family,
      scheduleId: schedule.id,
      scheduleTitle: schedule.title,
      series: ev.series.map((s, i) => {
        const labels = schedule.series[i]!.doses.map((d) => d.label);
        return {
          key: s.key,
          name: s.name,
          state: s.state,
          validDoses: s.validDoses,
          totalDoses: s.totalDoses,
          doseLabels: labels,
          vaccineCodes: [...schedule.series[i]!.vaccineCodes],
          next: s.next ? { ...s.next, vaccines: [...s.next.vaccines] } : null,
          doses: s.doses.map((e) => {
            seen.add(e.dose.id!);
            return doseView(live.find((d) => d.id === e.dose.id)!, e, labels);
          }),
        };
      }),
    };
  });
  const unmatched = live.filter((d) => !seen.has(d.id)).map((d) => doseView(d, undefined));
  const voided = all.filter((d) => d.voidedAt !== null).map((d) => doseView(d, undefined));
  return { person: immPerson(row), date, cards, unmatched, voided, pregnancies: pregnancies.map((g) => pregnancyView(g, date)), aefi: [] };
}
