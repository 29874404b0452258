import type { Aefi, BoardEntry, Screening } from '../../../shared/contract/immunization.js';
import { OBSERVATION_MINUTES } from '../../../shared/immunization/checklists.js';
import type { SeriesStatus } from '../../../shared/immunization/engine.js';
import type { Schedule } from '../../../shared/immunization/schedule-schema.js';
import { ageInYears } from '../../../shared/persons/age.js';
import type { Station } from '../station.js';
import { belongsTo, doseView, evaluatePerson, familiesFor, isOngoing } from './evaluate.js';
import { doseFactsOf, doseRowsWhere, immPerson, personRows, pregnanciesOf, type DoseFact, type PregnancyRow } from './repo.js';
import { scheduleFor, type Family } from './schedules.js';
import { immAttendance, immScreenings } from './schema.js';

/**
 * The session board (issue 7 §4): every check-in of a session with where the person is in the day. Read in a few
 * batched queries (persons, doses, pregnancies, screenings, adverse events), so every workstation can poll it.
 */

export type AttendanceRow = typeof immAttendance.$inferSelect;
export type ScreeningRow = typeof immScreenings.$inferSelect;
export type DueToday = BoardEntry['dueToday'][number];

const json = <T>(text: string | null, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function screeningView(r: ScreeningRow): Screening {
  return {
    id: r.id,
    attendanceId: r.attendanceId,
    personId: r.personId,
    screenedAt: r.screenedAt,
    screenerName: r.screenerName,
    answers: json<Record<string, boolean>>(r.answers, {}),
    otherText: r.otherText,
    temperature: r.temperature,
    newborn: json<Screening['newborn']>(r.newborn, null),
    derivedOutcome: r.derivedOutcome as Screening['outcome'],
    reasons: json<string[]>(r.reasons, []),
    excludedSeries: json<Screening['excludedSeries']>(r.excludedSeries, []),
    outcome: r.outcome as Screening['outcome'],
    overridden: r.overrideReason !== null,
    overrideReason: r.overrideReason,
    returnDate: r.returnDate,
    referTo: r.referTo,
    note: r.note,
  };
}

export interface DueWithRule extends DueToday {
  family: Family;
}

/** What may be given on `date`: series eligible, due or overdue (by the engine), with their contraindication keys. */
/** Both families' schedules in force on `date` (looked up once per board, not once per check-in). */
export function schedulesOn(station: Station, date: string): Record<Family, Schedule> {
  return { 'epi-children': scheduleFor(station, 'epi-children', date), 'tetanus-women': scheduleFor(station, 'tetanus-women', date) };
}

export function dueTodayFor(
  station: Station,
  person: { sex: 'M' | 'F'; birthDate: string },
  facts: readonly DoseFact[],
  pregnancies: readonly PregnancyRow[],
  date: string,
  excluded: ReadonlySet<string> = new Set(),
  schedules: Record<Family, Schedule> = schedulesOn(station, date),
): DueWithRule[] {
  const count = (f: Family) => facts.filter((d) => belongsTo(schedules[f], d)).length;
  const families = familiesFor(person, date, { pregnancies: pregnancies.length, uvDoses: count('tetanus-women'), childDoses: count('epi-children') });
  const out: DueWithRule[] = [];
  for (const family of families) {
    const schedule = schedules[family];
    const ev = evaluatePerson(schedule, person, facts, pregnancies, date);
    ev.series.forEach((s, i) => {
      if (!s.next || (s.state !== 'eligible' && s.state !== 'due' && s.state !== 'overdue')) return;
      out.push({
        ...s.next,
        vaccines: [...s.next.vaccines],
        seriesKey: s.key,
        seriesName: s.name,
        state: s.state,
        excluded: excluded.has(s.key),
        contraindications: [...(schedule.series[i]!.doses[s.next.doseNumber - 1]?.contraindications ?? [])],
        family,
      });
    });
  }
  return out;
}

/** The engine's status of one series for the person on `date` (any family), or null when no schedule has it. */
export function seriesStatusFor(station: Station, person: { id: string; sex: 'M' | 'F'; birthDate: string }, date: string, seriesKey: string): SeriesStatus | null {
  const facts = doseFactsOf(station.sqlite, [person.id]).get(person.id) ?? [];
  const pregnancies = pregnanciesOf(station.sqlite, [person.id]).get(person.id) ?? [];
  for (const family of ['epi-children', 'tetanus-women'] as const) {
    const schedule = scheduleFor(station, family, date);
    if (!schedule.series.some((s) => s.key === seriesKey)) continue;
    return evaluatePerson(schedule, person, facts, pregnancies, date).series.find((s) => s.key === seriesKey) ?? null;
  }
  return null;
}

export function groupOf(person: { sex: 'M' | 'F'; birthDate: string }, pregnancies: readonly PregnancyRow[], date: string): BoardEntry['group'] {
  if (person.sex === 'F' && pregnancies.some((p) => isOngoing(p, date))) return 'pregnant';
  const age = ageInYears(person.birthDate, date);
  return age !== null && age >= 15 && person.sex === 'F' ? 'woman' : 'child';
}

export function boardEntries(station: Station, sessionDate: string, rows: readonly AttendanceRow[], aefiByAttendance: ReadonlyMap<string, Aefi[]>, now: Date): BoardEntry[] {
  if (rows.length === 0) return [];
  const sqlite = station.sqlite;
  const personIds = rows.map((r) => r.personId);
  const people = personRows(sqlite, personIds);
  const facts = doseFactsOf(sqlite, personIds);
  const pregs = pregnanciesOf(sqlite, personIds);
  const screeningIds = rows.map((r) => r.screeningId).filter((x): x is string => x !== null);
  const screenings = new Map(
    (screeningIds.length
      ? (sqlite
          .prepare(
            `SELECT id, owner_facility AS ownerFacility, hlc, deleted, attendance_id AS attendanceId, session_id AS sessionId, person_id AS personId,
               screened_at AS screenedAt, screener_name AS screenerName, answers, other_text AS otherText, temperature, newborn,
               derived_outcome AS derivedOutcome, reasons, excluded_series AS excludedSeries, outcome, override_reason AS overrideReason,
               return_date AS returnDate, refer_to AS referTo, note
             FROM imm_screenings WHERE id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(screeningIds)) as ScreeningRow[])
      : []
    ).map((s) => [s.id, s]),
  );
  // Doses given at a check-in carry its session: looked up by the session index (attendance_id has none, and a
  // scan of every dose per check-in/board refresh was most of the session day's cost at 100,000 persons).
  const given = doseRowsWhere(sqlite, 'session_id IN (SELECT value FROM json_each(@sessions)) AND attendance_id IN (SELECT value FROM json_each(@ids)) AND voided_at IS NULL', {
    sessions: JSON.stringify([...new Set(rows.map((r) => r.sessionId))]),
    ids: JSON.stringify(rows.map((r) => r.id)),
  });
  const schedules = schedulesOn(station, sessionDate);
  const out: BoardEntry[] = [];
  for (const a of rows) {
    const p = people.get(a.personId);
    if (!p) continue;
    const screeningRow = a.screeningId ? screenings.get(a.screeningId) : undefined;
    const screening = screeningRow ? screeningView(screeningRow) : null;
    const myPregs = pregs.get(a.personId) ?? [];
    const excluded = new Set(screening?.excludedSeries.map((e) => e.seriesKey) ?? []);
    const due = dueTodayFor(station, p, facts.get(a.personId) ?? [], myPregs, sessionDate, excluded, schedules).map(({ family: _f, ...d }) => d);
    const observeUntil = a.injectedAt ? new Date(Date.parse(a.injectedAt) + OBSERVATION_MINUTES * 60_000).toISOString() : null;
    let state: BoardEntry['state'] = 'waiting_screening';
    if (a.leftAt) state = 'left';
    else if (a.injectedAt) state = 'observing';
    else if (screening) state = screening.outcome === 'vaccinate' ? 'screened' : 'not_vaccinated';
    out.push({
      attendanceId: a.id,
      person: immPerson(p),
      group: groupOf(p, myPregs, sessionDate),
      checkedInAt: a.checkedInAt,
      walkIn: a.walkIn,
      state,
      screening,
      dueToday: due,
      given: given.filter((d) => d.attendanceId === a.id).map((d) => doseView(d, undefined)),
      injectedAt: a.injectedAt,
      observeUntil,
      mayLeave: observeUntil !== null && now.getTime() >= Date.parse(observeUntil),
      leftAt: a.leftAt,
      leftOverrideReason: a.leftOverrideReason,
      aefi: aefiByAttendance.get(a.id) ?? [],
    });
  }
  return out;
}

export function attendanceOfSession(station: Station, sessionId: string): AttendanceRow[] {
  return station.sqlite
    .prepare(
      `SELECT id, owner_facility AS ownerFacility, hlc, deleted, session_id AS sessionId, person_id AS personId, checked_in_at AS checkedInAt,
         walk_in AS walkIn, screening_id AS screeningId, injected_at AS injectedAt, left_at AS leftAt, left_override_reason AS leftOverrideReason,
         note, checked_in_by AS checkedInBy
       FROM imm_attendance WHERE session_id = ? AND deleted = 0 ORDER BY checked_in_at`,
    )
    .all(sessionId)
    .map((r) => ({ ...(r as AttendanceRow), walkIn: (r as { walkIn: number }).walkIn === 1, deleted: false })) as AttendanceRow[];
}
