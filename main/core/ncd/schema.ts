import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { persons } from '../persons/schema.js';
import { syncedColumns } from '../sync-data/columns.js';
import { visits } from '../visits/schema.js';

/**
 * Chronic-disease follow-up (docs/ncd.md). `program` is a program code (shared/ncd/programs.ts: data, not an enum),
 * so new programs need no schema change. Glucose is stored in mg/dL (canonical), with the unit the user typed.
 */
export const ncdEnrollments = sqliteTable(
  'ncd_enrollments',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    program: text('program').notNull(),
    /** yyyy-mm-dd: the registration date the indicators use. */
    enrolledOn: text('enrolled_on').notNull(),
    icdCode: text('icd_code').notNull(),
    icdName: text('icd_name'),
    /** Where the diagnosis was made (this station, district hospital…). */
    diagnosedAt: text('diagnosed_at'),
    baselineSystolic: real('baseline_systolic'),
    baselineDiastolic: real('baseline_diastolic'),
    baselineGlucoseMgdl: real('baseline_glucose_mgdl'),
    baselineGlucoseType: text('baseline_glucose_type'),
    baselineHba1c: real('baseline_hba1c'),
    baselineWeightKg: real('baseline_weight_kg'),
    historyHeartAttack: integer('history_heart_attack', { mode: 'boolean' }).notNull().default(false),
    historyStroke: integer('history_stroke', { mode: 'boolean' }).notNull().default(false),
    riskNotes: text('risk_notes'),
    /** Days between follow-ups for this patient; null = the program's interval. */
    followUpDays: integer('follow_up_days'),
    /** First appointment, set at enrollment (later ones come from follow-ups). */
    firstAppointment: text('first_appointment').notNull(),
    endedOn: text('ended_on'),
    endReason: text('end_reason', { enum: ['died', 'moved', 'transferred', 'refused', 'lost', 'other'] }),
    endNote: text('end_note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('ncd_enrollments_person').on(t.personId), index('ncd_enrollments_program').on(t.program, t.enrolledOn)],
);

/** A follow-up visit; `visit_id` is its row in `visits` (kind `ncd_followup`), so it appears in the visit register. */
export const ncdFollowups = sqliteTable(
  'ncd_followups',
  {
    ...syncedColumns(),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => ncdEnrollments.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    visitId: text('visit_id').references(() => visits.id),
    followupDate: text('followup_date').notNull(),
    systolic1: integer('systolic1'),
    diastolic1: integer('diastolic1'),
    systolic2: integer('systolic2'),
    diastolic2: integer('diastolic2'),
    /** Mean of the readings (not rounded), the value indicators use. */
    systolic: real('systolic'),
    diastolic: real('diastolic'),
    pulse: integer('pulse'),
    weightKg: real('weight_kg'),
    glucoseMgdl: real('glucose_mgdl'),
    glucoseType: text('glucose_type', { enum: ['fasting', 'random', 'post_meal'] }),
    glucoseUnitEntered: text('glucose_unit_entered', { enum: ['mg_dl', 'mmol_l'] }),
    hba1c: real('hba1c'),
    symptoms: text('symptoms'),
    adherence: text('adherence', { enum: ['good', 'partial', 'poor'] }),
    complications: text('complications'),
    /** JSON array of {medicineId, name, unit, quantity, days}. */
    medicines: text('medicines').notNull().default('[]'),
    nextAppointment: text('next_appointment'),
    createdAt: text('created_at').notNull(),
    /** JSON object of the program's own fields (key → number | string | boolean), checked by shared/ncd/extra-fields.ts. */
    extra: text('extra'),
  },
  (t) => [
    // Covering index of the overdue list and the indicators (docs/ncd.md, "Loading for the indicators"): an
    // enrollment's follow-ups in date order with everything those reads use, so they never touch the table rows
    // (scattered over the file in recording order). The last expression is the "medicine refill" of a visit.
    index('ncd_followups_enrollment_cover').on(
      t.enrollmentId,
      t.followupDate,
      t.createdAt,
      t.deleted,
      t.nextAppointment,
      t.systolic,
      t.diastolic,
      t.glucoseMgdl,
      t.glucoseType,
      t.hba1c,
      sql`(medicines != '[]')`,
    ),
    index('ncd_followups_person').on(t.personId, t.followupDate),
    index('ncd_followups_date').on(t.followupDate),
  ],
);

/** The result of each call from the overdue list. */
export const ncdCalls = sqliteTable(
  'ncd_calls',
  {
    ...syncedColumns(),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => ncdEnrollments.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** The appointment the call was about (an outcome only applies while that appointment is the latest). */
    appointmentDate: text('appointment_date').notNull(),
    callDate: text('call_date').notNull(),
    calledAt: text('called_at').notNull(),
    outcome: text('outcome', { enum: ['agreed', 'remind_later', 'unreachable', 'removed'] }).notNull(),
    remindOn: text('remind_on'),
    removeReason: text('remove_reason'),
    note: text('note'),
    userName: text('user_name'),
  },
  (t) => [index('ncd_calls_enrollment').on(t.enrollmentId, t.calledAt)],
);

/**
 * Programs added by an administrator (the shipped ones live in resources/ncd/programs.json). The definition is the
 * JSON of shared/ncd/program-schema.ts; synced like every table, so the district sees the same programs. No unique
 * index on `code`: rows arrive by sync, and a duplicate is resolved when reading (newest clock wins).
 */
export const ncdPrograms = sqliteTable('ncd_programs', {
  ...syncedColumns(),
  code: text('code').notNull(),
  definition: text('definition').notNull(),
  /** Archived: kept for existing enrollments and reports, not offered for new ones. */
  archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/** Opportunistic screening of an adult (BP and/or blood sugar), at a visit or on its own; append-only readings. */
export const ncdScreenings = sqliteTable(
  'ncd_screenings',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    visitId: text('visit_id').references(() => visits.id),
    screenedOn: text('screened_on').notNull(),
    systolic1: integer('systolic1'),
    diastolic1: integer('diastolic1'),
    systolic2: integer('systolic2'),
    diastolic2: integer('diastolic2'),
    /** Mean of the readings (not rounded). */
    systolic: real('systolic'),
    diastolic: real('diastolic'),
    glucoseMgdl: real('glucose_mgdl'),
    glucoseType: text('glucose_type', { enum: ['fasting', 'random', 'post_meal'] }),
    glucoseUnitEntered: text('glucose_unit_entered', { enum: ['mg_dl', 'mmol_l'] }),
    hba1c: real('hba1c'),
    note: text('note'),
    /** JSON array of the program codes offered (threshold exceeded, not enrolled at the time). */
    offered: text('offered').notNull().default('[]'),
    userName: text('user_name'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('ncd_screenings_person').on(t.personId, t.screenedOn), index('ncd_screenings_visit').on(t.visitId)],
);
