import type Database from 'better-sqlite3';
import { addMonths, monthEnd, monthStart, type IndicatorEnrollment, type IndicatorFollowup } from '../../../shared/ncd/indicators.js';
import type { SugarReading } from '../../../shared/ncd/measures.js';

/** Read queries of chronic-disease follow-up (raw SQL: window functions and correlated look-ups on the indexes). */

export interface EnrollmentRow {
  id: string;
  personId: string;
  program: string;
  enrolledOn: string;
  icdCode: string;
  icdName: string | null;
  diagnosedAt: string | null;
  baselineSystolic: number | null;
  baselineDiastolic: number | null;
  baselineGlucoseMgdl: number | null;
  baselineGlucoseType: string | null;
  baselineHba1c: number | null;
  baselineWeightKg: number | null;
  historyHeartAttack: number;
  historyStroke: number;
  riskNotes: string | null;
  followUpDays: number | null;
  firstAppointment: string;
  endedOn: string | null;
  endReason: string | null;
  endNote: string | null;
  lastFollowupDate: string | null;
  /** The latest follow-up's next appointment, or the first appointment when there is no follow-up. */
  appointment: string | null;
}

const LATEST = `WITH latest AS (
  SELECT enrollment_id, followup_date, next_appointment,
    ROW_NUMBER() OVER (PARTITION BY enrollment_id ORDER BY followup_date DESC, created_at DESC) AS rn
  FROM ncd_followups WHERE deleted = 0 AND enrollment_id IN (SELECT id FROM ncd_enrollments WHERE %WHERE%)
)`;

const ENROLLMENT_COLUMNS = `e.id, e.person_id AS personId, e.program, e.enrolled_on AS enrolledOn, e.icd_code AS icdCode, e.icd_name AS icdName,
  e.diagnosed_at AS diagnosedAt, e.baseline_systolic AS baselineSystolic, e.baseline_diastolic AS baselineDiastolic,
  e.baseline_glucose_mgdl AS baselineGlucoseMgdl, e.baseline_glucose_type AS baselineGlucoseType, e.baseline_hba1c AS baselineHba1c,
  e.baseline_weight_kg AS baselineWeightKg, e.history_heart_attack AS historyHeartAttack, e.history_stroke AS historyStroke,
  e.risk_notes AS riskNotes, e.follow_up_days AS followUpDays, e.first_appointment AS firstAppointment, e.ended_on AS endedOn,
  e.end_reason AS endReason, e.end_note AS endNote, l.followup_date AS lastFollowupDate,
  CASE WHEN l.enrollment_id IS NULL THEN e.first_appointment ELSE l.next_appointment END AS appointment`;

export function enrollmentsOfPerson(sqlite: Database.Database, personId: string): EnrollmentRow[] {
  return sqlite
    .prepare(
      `${LATEST.replace('%WHERE%', 'person_id = @personId')}
       SELECT ${ENROLLMENT_COLUMNS} FROM ncd_enrollments e LEFT JOIN latest l ON l.enrollment_id = e.id AND l.rn = 1
       WHERE e.person_id = @personId AND e.deleted = 0 ORDER BY e.enrolled_on, e.program`,
    )
    .all({ personId }) as EnrollmentRow[];
}

export function enrollmentById(sqlite: Database.Database, id: string): EnrollmentRow | undefined {
  return sqlite
    .prepare(
      `${LATEST.replace('%WHERE%', 'id = @id')}
       SELECT ${ENROLLMENT_COLUMNS} FROM ncd_enrollments e LEFT JOIN latest l ON l.enrollment_id = e.id AND l.rn = 1
       WHERE e.id = @id AND e.deleted = 0`,
    )
    .get({ id }) as EnrollmentRow | undefined;
}

export interface FollowupRow {
  id: string;
  enrollmentId: string;
  program: string;
  visitId: string | null;
  followupDate: string;
  systolic1: number | null;
  diastolic1: number | null;
  systolic2: number | null;
  diastolic2: number | null;
  systolic: number | null;
  diastolic: number | null;
  pulse: number | null;
  weightKg: number | null;
  glucoseMgdl: number | null;
  glucoseType: string | null;
  glucoseUnitEntered: string | null;
  hba1c: number | null;
  symptoms: string | null;
  adherence: string | null;
  complications: string | null;
  medicines: string;
  nextAppointment: string | null;
  /** JSON of the program's own fields, or null. */
  extra: string | null;
}

export function followupsOfPerson(sqlite: Database.Database, personId: string, program?: string): FollowupRow[] {
  return sqlite
    .prepare(
      `SELECT f.id, f.enrollment_id AS enrollmentId, e.program, f.visit_id AS visitId, f.followup_date AS followupDate,
         f.systolic1, f.diastolic1, f.systolic2, f.diastolic2, f.systolic, f.diastolic, f.pulse, f.weight_kg AS weightKg,
         f.glucose_mgdl AS glucoseMgdl, f.glucose_type AS glucoseType, f.glucose_unit_entered AS glucoseUnitEntered, f.hba1c,
         f.symptoms, f.adherence, f.complications, f.medicines, f.next_appointment AS nextAppointment, f.extra
       FROM ncd_followups f JOIN ncd_enrollments e ON e.id = f.enrollment_id
       WHERE f.person_id = @personId AND f.deleted = 0 AND (@program IS NULL OR e.program = @program)
       ORDER BY f.followup_date DESC, f.created_at DESC`,
    )
    .all({ personId, program: program ?? null }) as FollowupRow[];
}

export interface OverdueCandidate {
  enrollmentId: string;
  personId: string;
  program: string;
  appointment: string;
  cardiovascular: number;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  hamletId: string | null;
  hamletName: string | null;
  latestBp: string | null;
  latestSugar: string | null;
  lastCall: string | null;
}

/**
 * Active enrollments of active persons whose current appointment is before `today`. The appointment is computed
 * once per enrollment (MATERIALIZED: a flattened CTE would run the look-up again for each reference) from the
 * covering index `ncd_followups_enrollment_cover`: the latest follow-up's next appointment ('' when it set none,
 * so "no follow-up yet" — NULL — falls back to the first appointment), and only the overdue rows go on to the
 * person, hamlet, latest readings and last call.
 */
export function overdueCandidates(sqlite: Database.Database, today: string, filter: { program?: string | undefined; hamletId?: string | undefined }): OverdueCandidate[] {
  return sqlite
    .prepare(
      `WITH due AS MATERIALIZED (
         SELECT e.id, e.person_id, e.program, e.history_heart_attack OR e.history_stroke AS cardiovascular,
           NULLIF(COALESCE(
             (SELECT IFNULL(f.next_appointment, '') FROM ncd_followups f WHERE f.enrollment_id = e.id AND f.deleted = 0
               ORDER BY f.followup_date DESC, f.created_at DESC LIMIT 1),
             e.first_appointment), '') AS appointment
         FROM ncd_enrollments e
         WHERE e.deleted = 0 AND e.ended_on IS NULL AND (@program IS NULL OR e.program = @program)
       )
       SELECT d.id AS enrollmentId, d.person_id AS personId, d.program, d.appointment, d.cardiovascular,
         p.full_name AS fullName, p.sex, p.birth_date AS birthDate, COALESCE(p.phone, p.phone2, p.carer_phone) AS phone,
         h.hamlet_id AS hamletId, hm.name AS hamletName,
         (SELECT json_array(f.systolic, f.diastolic) FROM ncd_followups f WHERE f.enrollment_id = d.id AND f.deleted = 0 AND f.systolic IS NOT NULL
            ORDER BY f.followup_date DESC, f.created_at DESC LIMIT 1) AS latestBp,
         (SELECT json_array(f.glucose_mgdl, f.glucose_type, f.hba1c) FROM ncd_followups f WHERE f.enrollment_id = d.id AND f.deleted = 0
            AND (f.glucose_mgdl IS NOT NULL OR f.hba1c IS NOT NULL) ORDER BY f.followup_date DESC, f.created_at DESC LIMIT 1) AS latestSugar,
         (SELECT json_array(c.outcome, c.call_date, c.remind_on, c.note, c.appointment_date) FROM ncd_calls c WHERE c.enrollment_id = d.id AND c.deleted = 0
            ORDER BY c.called_at DESC LIMIT 1) AS lastCall
       FROM due d
       JOIN persons p ON p.id = d.person_id
       LEFT JOIN households h ON h.id = p.household_id
       LEFT JOIN hamlets hm ON hm.id = h.hamlet_id
       WHERE d.appointment < @today AND p.deleted = 0 AND p.status = 'active'
         AND (@hamletId IS NULL OR h.hamlet_id = @hamletId)`,
    )
    .all({ today, program: filter.program ?? null, hamletId: filter.hamletId ?? null }) as OverdueCandidate[];
}

export interface PatientCandidate {
  enrollmentId: string;
  personId: string;
  program: string;
  enrolledOn: string;
  endedOn: string | null;
  endReason: string | null;
  appointment: string | null;
  lastFollowupDate: string | null;
  latestBp: string | null;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  hamletName: string | null;
}

/**
 * The enrollments of a program list (active, or ended), with each one's latest follow-up date, current appointment
 * and latest BP read from the covering index `ncd_followups_enrollment_cover`, as the overdue list reads them.
 */
export function patientCandidates(sqlite: Database.Database, filter: { program?: string | undefined; hamletId?: string | undefined; ended: boolean }): PatientCandidate[] {
  return sqlite
    .prepare(
      `WITH e AS MATERIALIZED (
         SELECT e.id, e.person_id, e.program, e.enrolled_on, e.ended_on, e.end_reason, e.first_appointment,
           (SELECT json_array(f.followup_date, IFNULL(f.next_appointment, '')) FROM ncd_followups f WHERE f.enrollment_id = e.id AND f.deleted = 0
             ORDER BY f.followup_date DESC, f.created_at DESC LIMIT 1) AS latest,
           (SELECT json_array(f.systolic, f.diastolic) FROM ncd_followups f WHERE f.enrollment_id = e.id AND f.deleted = 0 AND f.systolic IS NOT NULL
             ORDER BY f.followup_date DESC, f.created_at DESC LIMIT 1) AS latestBp
         FROM ncd_enrollments e
         WHERE e.deleted = 0 AND (e.ended_on IS NOT NULL) = @ended AND (@program IS NULL OR e.program = @program)
       )
       SELECT e.id AS enrollmentId, e.person_id AS personId, e.program, e.enrolled_on AS enrolledOn, e.ended_on AS endedOn,
         e.end_reason AS endReason, e.latest ->> '$[0]' AS lastFollowupDate,
         NULLIF(COALESCE(e.latest ->> '$[1]', e.first_appointment), '') AS appointment, e.latestBp,
         p.full_name AS fullName, p.sex, p.birth_date AS birthDate, COALESCE(p.phone, p.phone2, p.carer_phone) AS phone,
         hm.name AS hamletName
       FROM e
       JOIN persons p ON p.id = e.person_id
       LEFT JOIN households h ON h.id = p.household_id
       LEFT JOIN hamlets hm ON hm.id = h.hamlet_id
       WHERE p.deleted = 0 AND (@hamletId IS NULL OR h.hamlet_id = @hamletId)`,
    )
    .all({ program: filter.program ?? null, hamletId: filter.hamletId ?? null, ended: filter.ended ? 1 : 0 }) as PatientCandidate[];
}

/** Person and program of every active enrollment (for the BP target: stricter with diabetes). */
export function activeEnrollmentPrograms(sqlite: Database.Database): { personId: string; program: string }[] {
  return sqlite.prepare('SELECT person_id AS personId, program FROM ncd_enrollments WHERE deleted = 0 AND ended_on IS NULL').all() as { personId: string; program: string }[];
}

/** A follow-up's sugar reading as the indicators see it: HbA1c when measured, else the glucose. */
export function sugarOf(glucoseMgdl: number | null, glucoseType: string | null, hba1c: number | null): SugarReading | null {
  if (hba1c != null) return { kind: 'hba1c', percent: hba1c };
  if (glucoseMgdl != null) return { kind: 'glucose', type: (glucoseType ?? 'random') as 'fasting' | 'random' | 'post_meal', mgdl: glucoseMgdl };
  return null;
}

/**
 * ncd.md's "visit" over a follow-up row: a BP or sugar reading, a medicine refill, an appointment. The medicine test
 * is written exactly as the covering index's expression, so SQLite reads it from the index — only while the
 * expression is a result column: `LIMIT -1` (no limit) below keeps a subquery from being flattened into a WHERE.
 */
const VISIT = `((f.medicines != '[]') OR f.systolic IS NOT NULL OR f.glucose_mgdl IS NOT NULL OR f.hba1c IS NOT NULL OR f.next_appointment IS NOT NULL)`;

export interface IndicatorData {
  enrollments: IndicatorEnrollment[];
  followups: IndicatorFollowup[];
}

/**
 * What the pure indicator functions need for one program and reporting month `ym` (window rules in
 * shared/ncd/indicators.ts). Same as `indicatorDataForMonths(…, ym, ym, …)`.
 */
export function indicatorData(sqlite: Database.Database, program: string, ym: string, hamletId?: string): IndicatorData {
  return indicatorDataForMonths(sqlite, program, ym, ym, hamletId);
}

/**
 * The data of every reporting month from `first` to `last` (yyyy-mm) in one load, for the trend: every enrollment
 * registered by the end of `last` (ended when the enrollment ended or the person died / moved away, whichever came
 * first); every follow-up from the start of `first`'s last-3-months window to the end of `last`; and, before that
 * window, only each enrollment's latest visit within `first`'s 12-month window, as one follow-up that is a visit
 * without readings. For every month M from `first` to `last` the pure functions give exactly the same result as
 * with every follow-up: data after M's end is ignored by them; rows before the loaded range lie before M's
 * last-3-months window, where only "a visit in the last 12 months" matters — and the latest such visit decides it
 * (any visit in the 12 months before M's end, if none is in the loaded range, is at most that latest one).
 *
 * Reads go enrollment by enrollment through the covering index `ncd_followups_enrollment_cover` (the follow-ups
 * of one enrollment are adjacent there; in the table they are scattered in recording order).
 */
export function indicatorDataForMonths(sqlite: Database.Database, program: string, first: string, last: string, hamletId?: string): IndicatorData {
  const params = { program, end: monthEnd(last), start3: monthStart(addMonths(first, -2)), start12: monthStart(addMonths(first, -11)) };
  // The household (for its hamlet) is looked up only when a hamlet is asked for.
  const scope = `FROM ncd_enrollments e JOIN persons p ON p.id = e.person_id
      ${hamletId ? 'JOIN households h ON h.id = p.household_id AND h.hamlet_id = @hamletId' : ''}
    WHERE e.deleted = 0 AND e.program = @program AND e.enrolled_on <= @end AND p.deleted = 0 AND p.status != 'merged'`;
  // `earlier`: walking the enrollment's follow-ups back from the window, the first visit (usually the first row).
  const rows = sqlite
    .prepare(
      `SELECT e.id, e.enrolled_on, e.ended_on,
        CASE p.status WHEN 'died' THEN COALESCE(p.died_on, '0000-00-00') WHEN 'moved_away' THEN COALESCE(p.moved_away_on, '0000-00-00') END,
        (SELECT d FROM (SELECT f.followup_date AS d, ${VISIT} AS visit FROM ncd_followups f
           WHERE f.enrollment_id = e.id AND f.deleted = 0 AND f.followup_date >= @start12 AND f.followup_date < @start3
           ORDER BY f.followup_date DESC LIMIT -1) WHERE visit LIMIT 1) AS earlier
       ${scope}`,
    )
    .raw()
    .all(hamletId ? { ...params, hamletId } : params) as [string, string, string | null, string | null, string | null][];
  const enrollments: IndicatorEnrollment[] = [];
  const followups: IndicatorFollowup[] = [];
  for (const [id, enrolledOn, endedOn, personEnded, earlier] of rows) {
    const endedBy = endedOn && personEnded ? (endedOn < personEnded ? endedOn : personEnded) : (endedOn ?? personEnded);
    enrollments.push({ id, enrolledOn, endedOn: endedBy ?? null });
    if (earlier) followups.push({ enrollmentId: id, date: earlier, bp: null, sugar: null, medicineRefill: true, appointmentScheduled: false });
  }
  // The follow-ups of exactly these enrollments (their ids as a JSON array, so the person / hamlet look-ups are not
  // repeated), returned as ONE JSON text: building a JS row per follow-up costs more than reading it. SQLite writes
  // REAL values with round-trip precision, so JSON.parse gives back the stored numbers; the array index stands for
  // the enrollment id.
  const json = sqlite
    .prepare(
      `SELECT json_group_array(json_array(j.key, f.followup_date, f.created_at, f.systolic, f.diastolic, f.glucose_mgdl, f.glucose_type, f.hba1c,
         (f.medicines != '[]'), f.next_appointment IS NOT NULL))
       FROM json_each(@ids) j CROSS JOIN ncd_followups f ON f.enrollment_id = j.value
       WHERE f.deleted = 0 AND f.followup_date >= @start3 AND f.followup_date <= @end`,
    )
    .pluck()
    .get({ ids: JSON.stringify(enrollments.map((e) => e.id)), start3: params.start3, end: params.end }) as string;
  const recent = JSON.parse(json) as [number, string, string, number | null, number | null, number | null, string | null, number | null, number, number][];
  for (const [index, date, createdAt, systolic, diastolic, glucoseMgdl, glucoseType, hba1c, refill, appointment] of recent) {
    followups.push({
      enrollmentId: enrollments[index]!.id,
      date,
      order: createdAt,
      bp: systolic != null && diastolic != null ? { systolic, diastolic } : null,
      sugar: sugarOf(glucoseMgdl, glucoseType, hba1c),
      medicineRefill: refill === 1,
      appointmentScheduled: appointment === 1,
    });
  }
  return { enrollments, followups };
}
