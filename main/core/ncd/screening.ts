import type Database from 'better-sqlite3';
import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Screening, ScreeningOffer } from '../../../shared/contract/ncd.js';
import { AppError } from '../../../shared/errors.js';
import { bpMean, mgdlToMmol, toMgdl, type GlucoseType } from '../../../shared/ncd/measures.js';
import { checkFollowupReadings } from '../../../shared/ncd/plausibility.js';
import { SCREENING_ADULT_AGE, screeningFindings, type ScreeningFinding, type ScreeningInput } from '../../../shared/ncd/screening.js';
import { ageInYears } from '../../../shared/persons/age.js';
import { checkNotFuture, type PlausibilityIssue } from '../../../shared/visits/plausibility.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { persons } from '../persons/schema.js';
import { visits } from '../visits/schema.js';
import { refuse } from '../visits/service.js';
import { findProgram } from './programs.js';
import { ncdScreenings } from './schema.js';

/**
 * Opportunistic BP / blood-sugar screening of adults (issue 8 §1): a reading above threshold (shared/ncd/screening.ts)
 * offers enrollment in the matching program, unless the person is already actively enrolled in it.
 */

function livePerson(ctx: HandlerContext, id: string) {
  let person = ctx.write.get(persons, id);
  if (person?.mergedInto) person = ctx.write.get(persons, person.mergedInto);
  if (!person || person.deleted) throw new AppError('NOT_FOUND');
  return person;
}

function activePrograms(sqlite: Database.Database, personId: string): Set<string> {
  const rows = sqlite.prepare('SELECT program FROM ncd_enrollments WHERE person_id = ? AND deleted = 0 AND ended_on IS NULL').all(personId) as { program: string }[];
  return new Set(rows.map((r) => r.program));
}

/** Findings → offers: the program exists and is in use, and the person is not actively enrolled in it. */
function toOffers(sqlite: Database.Database, personId: string, findings: ScreeningFinding[]): ScreeningOffer[] {
  const enrolled = activePrograms(sqlite, personId);
  const offers: ScreeningOffer[] = [];
  for (const f of findings) {
    const program = findProgram(sqlite, f.program);
    if (!program || program.archived || enrolled.has(f.program) || offers.some((o) => o.program === f.program)) continue;
    offers.push({ program: f.program, programName: program.nameVi, reasonKey: f.reasonKey, reasonParams: f.reasonParams, reading: f.reading });
  }
  return offers;
}

export function recordScreening(ctx: HandlerContext, input: ProcedureParsedInput<'ncd.recordScreening'>): { id: string; offers: ScreeningOffer[] } {
  const user = ctx.user();
  const person = livePerson(ctx, input.personId);
  if (person.status !== 'active') throw new AppError('PERSON_NOT_ACTIVE');
  let visitDate: string | null = null;
  if (input.visitId) {
    const visit = ctx.write.get(visits, input.visitId);
    if (!visit || visit.deleted) throw new AppError('NOT_FOUND');
    if (visit.personId !== person.id) refuse(ctx, [{ path: 'visitId', key: 'v.ncdScreeningVisit' }]);
    visitDate = visit.visitDate;
  }
  const date = input.date ?? visitDate ?? ctx.today;
  const age = ageInYears(person.birthDate, date);
  if (age === null || age < SCREENING_ADULT_AGE) refuse(ctx, [{ path: 'personId', key: 'v.ncdScreeningAdult', params: { age: age ?? '?' } }]);
  if (!input.bp1 && !input.bp2 && !input.glucose && input.hba1c == null) refuse(ctx, [{ path: 'bp1', key: 'v.ncdScreeningEmpty' }]);
  const issues: PlausibilityIssue[] = [...checkNotFuture('date', date, ctx.today), ...checkFollowupReadings({ bp1: input.bp1, bp2: input.bp2, glucose: input.glucose, hba1c: input.hba1c })];
  if (issues.length) refuse(ctx, issues);

  const bp = bpMean([input.bp1, input.bp2]);
  const glucoseMgdl = input.glucose ? toMgdl(input.glucose.value, input.glucose.unit) : null;
  const offers = toOffers(ctx.station.sqlite, person.id, screeningFindings({ bp, glucose: input.glucose && glucoseMgdl != null ? { type: input.glucose.type, mgdl: glucoseMgdl } : null, hba1c: input.hba1c ?? null }));
  const row = ctx.write.insert(ncdScreenings, {
    personId: person.id,
    visitId: input.visitId ?? null,
    screenedOn: date,
    systolic1: input.bp1?.systolic ?? null,
    diastolic1: input.bp1?.diastolic ?? null,
    systolic2: input.bp2?.systolic ?? null,
    diastolic2: input.bp2?.diastolic ?? null,
    systolic: bp?.systolic ?? null,
    diastolic: bp?.diastolic ?? null,
    glucoseMgdl,
    glucoseType: input.glucose?.type ?? null,
    glucoseUnitEntered: input.glucose?.unit ?? null,
    hba1c: input.hba1c ?? null,
    note: input.note || null,
    offered: JSON.stringify(offers.map((o) => o.program)),
    userName: user.fullName,
    createdAt: ctx.now.toISOString(),
  });
  ctx.audit({ kind: 'change', action: 'ncd.recordScreening', entity: 'ncd_screenings', entityId: row.id, personId: person.id, details: { offered: offers.map((o) => o.program) } });
  return { id: row.id, offers };
}

interface ScreeningRow {
  id: string;
  personId: string;
  visitId: string | null;
  screenedOn: string;
  systolic1: number | null;
  diastolic1: number | null;
  systolic2: number | null;
  diastolic2: number | null;
  systolic: number | null;
  diastolic: number | null;
  glucoseMgdl: number | null;
  glucoseType: string | null;
  glucoseUnitEntered: string | null;
  hba1c: number | null;
  note: string | null;
  offered: string;
  userName: string | null;
}

const SCREENING_COLUMNS = `id, person_id AS personId, visit_id AS visitId, screened_on AS screenedOn, systolic1, diastolic1, systolic2, diastolic2,
  systolic, diastolic, glucose_mgdl AS glucoseMgdl, glucose_type AS glucoseType, glucose_unit_entered AS glucoseUnitEntered, hba1c, note, offered,
  user_name AS userName`;

function screeningView(r: ScreeningRow): Screening {
  const pair = (s: number | null, d: number | null) => (s != null && d != null ? { systolic: s, diastolic: d } : null);
  return {
    id: r.id,
    personId: r.personId,
    visitId: r.visitId,
    date: r.screenedOn,
    bp1: pair(r.systolic1, r.diastolic1),
    bp2: pair(r.systolic2, r.diastolic2),
    bp: pair(r.systolic, r.diastolic),
    glucoseMgdl: r.glucoseMgdl,
    glucoseMmol: r.glucoseMgdl != null ? mgdlToMmol(r.glucoseMgdl) : null,
    glucoseType: r.glucoseType,
    glucoseUnitEntered: r.glucoseUnitEntered,
    hba1c: r.hba1c,
    note: r.note,
    offered: JSON.parse(r.offered) as string[],
    userName: r.userName,
  };
}

export function screeningById(sqlite: Database.Database, id: string): Screening {
  return screeningView(sqlite.prepare(`SELECT ${SCREENING_COLUMNS} FROM ncd_screenings WHERE id = ?`).get(id) as ScreeningRow);
}

export function screeningsOfPerson(sqlite: Database.Database, personId: string): Screening[] {
  const rows = sqlite.prepare(`SELECT ${SCREENING_COLUMNS} FROM ncd_screenings WHERE person_id = ? AND deleted = 0 ORDER BY screened_on DESC, created_at DESC`).all(personId) as ScreeningRow[];
  return rows.map(screeningView);
}

/**
 * Offers for the visit page without a separate screening entry. Readings: with a visit, its vital signs and the
 * screenings recorded at it; without one, the person's visits and screenings of today. A screening's BP (often the
 * mean of two readings) is preferred to the visit's single reading; the newest one of each is used.
 */
export function screeningOffers(ctx: HandlerContext, personId: string, visitId: string | undefined): { eligible: boolean; offers: ScreeningOffer[] } {
  const sqlite = ctx.station.sqlite;
  const person = livePerson(ctx, personId);
  let on = ctx.today;
  let visitRows: { systolic: number | null; diastolic: number | null }[];
  let screenings: ScreeningRow[];
  if (visitId) {
    const visit = ctx.write.get(visits, visitId);
    if (!visit || visit.deleted || visit.personId !== person.id) throw new AppError('NOT_FOUND');
    on = visit.visitDate;
    visitRows = [visit];
    screenings = sqlite.prepare(`SELECT ${SCREENING_COLUMNS} FROM ncd_screenings WHERE visit_id = ? AND deleted = 0 ORDER BY created_at DESC`).all(visitId) as ScreeningRow[];
  } else {
    visitRows = sqlite
      .prepare("SELECT systolic, diastolic FROM visits WHERE person_id = ? AND visit_date = ? AND deleted = 0 AND status != 'cancelled' ORDER BY arrived_at DESC")
      .all(person.id, on) as typeof visitRows;
    screenings = sqlite.prepare(`SELECT ${SCREENING_COLUMNS} FROM ncd_screenings WHERE person_id = ? AND screened_on = ? AND deleted = 0 ORDER BY created_at DESC`).all(person.id, on) as ScreeningRow[];
  }
  const age = ageInYears(person.birthDate, on);
  if (person.status !== 'active' || age === null || age < SCREENING_ADULT_AGE) return { eligible: false, offers: [] };
  const bpScreening = screenings.find((s) => s.systolic != null && s.diastolic != null);
  const bpVisit = visitRows.find((v) => v.systolic != null && v.diastolic != null);
  const sugar = screenings.find((s) => s.glucoseMgdl != null || s.hba1c != null);
  const input: ScreeningInput = {
    bp: bpScreening ? { systolic: bpScreening.systolic!, diastolic: bpScreening.diastolic! } : bpVisit ? { systolic: bpVisit.systolic!, diastolic: bpVisit.diastolic! } : null,
    glucose: sugar?.glucoseMgdl != null ? { type: (sugar.glucoseType ?? 'random') as GlucoseType, mgdl: sugar.glucoseMgdl } : null,
    hba1c: sugar?.hba1c ?? null,
  };
  return { eligible: true, offers: toOffers(sqlite, person.id, screeningFindings(input)) };
}

export const screeningHandlers = {
  'ncd.recordScreening': (input, ctx) => {
    const { id, offers } = recordScreening(ctx, input);
    return { screening: screeningById(ctx.station.sqlite, id), offers };
  },
  'ncd.screeningOffers': (input, ctx) => screeningOffers(ctx, input.personId, input.visitId),
  'ncd.screeningsForPerson': (input, ctx) => {
    ctx.audit({ kind: 'view', action: 'ncd.screeningsForPerson', entity: 'persons', entityId: input.personId, personId: input.personId });
    return { screenings: screeningsOfPerson(ctx.station.sqlite, livePerson(ctx, input.personId).id) };
  },
} satisfies Partial<HandlerMap>;
