import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { persons } from '../persons/schema.js';
import { syncedColumns } from '../sync-data/columns.js';

/**
 * Immunization (docs/immunization.md). Every table is synced (syncedColumns, written only through ctx.write).
 * Append-only facts stay append-only: a dose is voided, never deleted; stock is a ledger of movements whose sum is
 * the level; screenings are kept one per check; adverse events are kept with their report flags.
 */

/** Schedule versions loaded by an administrator or delivered by sync (shipped versions live in code). */
export const vaccineSchedules = sqliteTable(
  'vaccine_schedules',
  {
    ...syncedColumns(),
    scheduleId: text('schedule_id').notNull(),
    family: text('family').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    /** The version as JSON (docs/schedule-engine.md format 1), validated by loadSchedule before it is stored. */
    json: text('json').notNull(),
    loadedBy: text('loaded_by'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('vaccine_schedules_family').on(t.family, t.effectiveFrom)],
);

/** Pregnancies (for the tetanus schedule and the pregnant-women register). */
export const immPregnancies = sqliteTable(
  'imm_pregnancies',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** Last menstrual period, when known (yyyy-mm-dd). */
    lmp: text('lmp'),
    expectedDelivery: text('expected_delivery').notNull(),
    gravida: integer('gravida'),
    endedOn: text('ended_on'),
    outcome: text('outcome', { enum: ['live_birth', 'stillbirth', 'miscarriage', 'abortion', 'other'] }),
    note: text('note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('imm_pregnancies_person').on(t.personId), index('imm_pregnancies_edd').on(t.expectedDelivery)],
);

/** Immunization sessions (buổi tiêm chủng): date, place, hamlets covered. */
export const immSessions = sqliteTable(
  'imm_sessions',
  {
    ...syncedColumns(),
    sessionDate: text('session_date').notNull(),
    place: text('place').notNull(),
    /** JSON array of hamlet ids. */
    hamletIds: text('hamlet_ids').notNull(),
    status: text('status', { enum: ['planned', 'open', 'closed'] }).notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [index('imm_sessions_date').on(t.sessionDate)],
);

/** Doses given (here, or elsewhere and recorded here). Append-only: a mistaken entry is voided, not deleted. */
export const immDoses = sqliteTable(
  'imm_doses',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    vaccineCode: text('vaccine_code').notNull(),
    /** The schedule series the dose counts toward (resolved when recorded). */
    seriesKey: text('series_key'),
    scheduleId: text('schedule_id'),
    /** The dose number written by the user (doses from elsewhere); the engine's own number is recomputed. */
    doseNumberRecorded: integer('dose_number_recorded'),
    givenOn: text('given_on').notNull(),
    givenAt: text('given_at'),
    givenElsewhere: integer('given_elsewhere', { mode: 'boolean' }).notNull().default(false),
    place: text('place'),
    lotId: text('lot_id'),
    lotNumber: text('lot_number'),
    expiry: text('expiry'),
    site: text('site'),
    route: text('route'),
    vaccinatorName: text('vaccinator_name'),
    sessionId: text('session_id'),
    attendanceId: text('attendance_id'),
    /** Hepatitis B birth dose given within 24 hours of birth (register A2.1); null when unknown. */
    within24h: integer('within_24h', { mode: 'boolean' }),
    /** The engine's verdict when recorded (the card re-evaluates; the warning is the user's record of it). */
    validWhenRecorded: integer('valid_when_recorded', { mode: 'boolean' }).notNull(),
    invalidReason: text('invalid_reason'),
    note: text('note'),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
    recordedBy: text('recorded_by'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('imm_doses_person').on(t.personId, t.givenOn),
    index('imm_doses_date').on(t.givenOn),
    index('imm_doses_session').on(t.sessionId),
    // Covering index of the doses the engine sees: due-cache refreshes and coverage read many persons' doses at
    // once, and without it every dose was a random row lookup.
    index('imm_doses_engine')
      .on(t.personId, t.givenOn, t.seriesKey, t.vaccineCode, t.givenElsewhere, t.id, t.deleted, t.voidedAt)
      .where(sql`deleted = 0 AND voided_at IS NULL`),
  ],
);

/** A person checked into a session, with where they are in the day. */
export const immAttendance = sqliteTable(
  'imm_attendance',
  {
    ...syncedColumns(),
    sessionId: text('session_id')
      .notNull()
      .references(() => immSessions.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    checkedInAt: text('checked_in_at').notNull(),
    walkIn: integer('walk_in', { mode: 'boolean' }).notNull().default(false),
    /** The latest screening of this check-in. */
    screeningId: text('screening_id'),
    /** Time of the last injection: the 30-minute observation runs from it. */
    injectedAt: text('injected_at'),
    leftAt: text('left_at'),
    leftOverrideReason: text('left_override_reason'),
    note: text('note'),
    checkedInBy: text('checked_in_by'),
  },
  (t) => [index('imm_attendance_session').on(t.sessionId), index('imm_attendance_person').on(t.personId)],
);

/** Pre-vaccination screenings (QĐ 1575 checklist), one row per screening. */
export const immScreenings = sqliteTable(
  'imm_screenings',
  {
    ...syncedColumns(),
    attendanceId: text('attendance_id')
      .notNull()
      .references(() => immAttendance.id),
    sessionId: text('session_id').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    screenedAt: text('screened_at').notNull(),
    screenerName: text('screener_name'),
    /** JSON {item: true|false}. */
    answers: text('answers').notNull(),
    otherText: text('other_text'),
    temperature: real('temperature'),
    /** JSON of the newborn facts, or null. */
    newborn: text('newborn'),
    derivedOutcome: text('derived_outcome').notNull(),
    /** JSON arrays. */
    reasons: text('reasons').notNull(),
    excludedSeries: text('excluded_series').notNull(),
    outcome: text('outcome').notNull(),
    overrideReason: text('override_reason'),
    returnDate: text('return_date'),
    referTo: text('refer_to'),
    note: text('note'),
  },
  (t) => [index('imm_screenings_attendance').on(t.attendanceId), index('imm_screenings_session').on(t.sessionId)],
);

/** Adverse events after immunization. */
export const immAefi = sqliteTable(
  'imm_aefi',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    sessionId: text('session_id'),
    attendanceId: text('attendance_id'),
    /** JSON array of dose ids. */
    doseIds: text('dose_ids').notNull(),
    onsetAt: text('onset_at').notNull(),
    severity: text('severity', { enum: ['common', 'serious'] }).notNull(),
    /** JSON arrays of sign / action keys (shared/immunization/checklists.ts). */
    signs: text('signs').notNull(),
    anaphylaxisGrade: integer('anaphylaxis_grade'),
    actions: text('actions').notNull(),
    actionsText: text('actions_text'),
    outcome: text('outcome').notNull(),
    referredTo: text('referred_to'),
    note: text('note'),
    reporterName: text('reporter_name'),
    /** Serious events: pushed upward at once (the sync service is asked to run right after the commit). */
    urgentSync: integer('urgent_sync', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('imm_aefi_person').on(t.personId), index('imm_aefi_session').on(t.sessionId), index('imm_aefi_onset').on(t.onsetAt)],
);

/** Vaccine lots received by the station. */
export const immLots = sqliteTable(
  'imm_lots',
  {
    ...syncedColumns(),
    vaccineCode: text('vaccine_code').notNull(),
    lotNumber: text('lot_number').notNull(),
    expiry: text('expiry').notNull(),
    vialSize: integer('vial_size').notNull(),
    gtin: text('gtin'),
    manufacturer: text('manufacturer'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('imm_lots_vaccine').on(t.vaccineCode, t.expiry), index('imm_lots_number').on(t.lotNumber)],
);

/**
 * The stock ledger: one row per movement. `delta` is the effect on the station's on-hand doses (received +,
 * administered −, wasted −, returned upward −, adjusted ±, issued 0); on hand = SUM(delta) per lot.
 */
export const immMovements = sqliteTable(
  'imm_movements',
  {
    ...syncedColumns(),
    lotId: text('lot_id')
      .notNull()
      .references(() => immLots.id),
    kind: text('kind', { enum: ['received', 'issued', 'administered', 'wasted', 'returned', 'adjusted'] }).notNull(),
    doses: integer('doses').notNull(),
    delta: integer('delta').notNull(),
    occurredOn: text('occurred_on').notNull(),
    sessionId: text('session_id'),
    doseId: text('dose_id'),
    reason: text('reason'),
    note: text('note'),
    userName: text('user_name'),
    createdAt: text('created_at').notNull(),
  },
  // (lot, deleted, delta) covers the stock-on-hand sums: no row lookups per movement (68,000 of them on a 100,000-person station).
  (t) => [index('imm_movements_lot').on(t.lotId, t.deleted, t.delta), index('imm_movements_session').on(t.sessionId), index('imm_movements_date').on(t.occurredOn)],
);

/** Opened vials per lot at the end of a session (the wastage entry); the wasted movement records the doses. */
export const immSessionVials = sqliteTable(
  'imm_session_vials',
  {
    ...syncedColumns(),
    sessionId: text('session_id')
      .notNull()
      .references(() => immSessions.id),
    lotId: text('lot_id')
      .notNull()
      .references(() => immLots.id),
    openedVials: integer('opened_vials').notNull(),
    wastedDoses: integer('wasted_doses').notNull(),
    reason: text('reason').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('imm_session_vials_session').on(t.sessionId)],
);

/**
 * Local cache (not synced) of each person's pending children's-schedule doses, so a due list over a whole commune
 * reads only the people with something due instead of evaluating every child (docs/immunization.md, "Due list
 * speed"). For children the engine's next-dose dates do not depend on the evaluation date, only on the birth date
 * and the doses, so they are computed once per change. Triggers (migration imm_due_cache_triggers) mark a row
 * stale when the person, their household's hamlet or their doses change — whoever writes, sync included — and a
 * row is made stale for every new person; the due list refreshes stale rows before reading.
 */
export const immDueCache = sqliteTable(
  'imm_due_cache',
  {
    personId: text('person_id').primaryKey(),
    stale: integer('stale').notNull().default(1),
    scheduleId: text('schedule_id'),
    birthDate: text('birth_date'),
    sex: text('sex'),
    hamletId: text('hamlet_id'),
    /** The latest dose date: a due list for an earlier date evaluates the person directly. */
    lastDoseOn: text('last_dose_on'),
    /** Earliest due date of a pending series; null when nothing is pending (or not a child). */
    firstDue: text('first_due'),
    /** Latest expiry of a pending series; null when a pending series never expires. */
    until: text('until'),
    /** The first date the row answers for (the refresh day − 90 days): series expired before it are left out; a list for an earlier date evaluates directly. */
    computedOn: text('computed_on'),
    /** Earliest expiry among the cached series: from that day the row is computed again (it sheds the expired series). */
    nextExpiry: text('next_expiry'),
    /** JSON: the pending series, packed (shared/immunization/pending.ts `packPending`): [series index, dose, dates…]. */
    series: text('series'),
    /** JSON: the person as due lists show them (name, parents, phones, address), for rows with a pending series. */
    person: text('person'),
    /** 1 when the person is active and not deleted (the women 15–35 of a due list are read from the cache). */
    active: integer('active'),
    /**
     * Women and girls (full birth date, less than 40 years old at the refresh, active): the women's tetanus schedule
     * pending as `series` ('[]' when nothing is pending), computed without pregnancies — a woman with a pregnancy on
     * record is evaluated directly. Null when not computed.
     */
    womanSeries: text('woman_series'),
    /** The latest of her doses: a due list for an earlier date evaluates her directly. */
    womanLastDoseOn: text('woman_last_dose_on'),
  },
  (t) => [
    index('imm_due_cache_due').on(t.firstDue),
    index('imm_due_cache_stale').on(t.stale),
    index('imm_due_cache_expiry').on(t.nextExpiry),
    // The women 15–35 of a due list: by sex, then birth date.
    index('imm_due_cache_woman').on(t.sex, t.birthDate),
  ],
);

/**
 * Local cache (not synced) of each person's coverage facts (docs/immunization.md "Coverage speed"): what the monthly
 * coverage figures read about a child, computed by the engine once per change instead of once per child per report.
 * A dose's validity does not depend on the evaluation date (the engine checks doses in date order and ignores those
 * after it), so the valid dates of a far date, cut at a month's end, are that month's. Kept stale by the same
 * triggers as imm_due_cache (migration imm_coverage_cache_triggers), whoever writes; a new schedule version in force
 * makes every row stale once.
 */
export const immCoverageCache = sqliteTable(
  'imm_coverage_cache',
  {
    personId: text('person_id').primaryKey(),
    stale: integer('stale').notNull().default(1),
    scheduleId: text('schedule_id'),
    /** Null when the person cannot be counted (deleted, merged, no full birth date). */
    birthDate: text('birth_date'),
    hamletId: text('hamlet_id'),
    /** JSON {series key: valid dose dates in order} of the coverage series; null when none is valid. */
    valid: text('valid'),
    /** 1 when a hepatitis B birth dose is recorded as given within 24 h. */
    hepbWithin24h: integer('hepb_within_24h'),
    /** Dates of every recorded DPT-VGB-Hib dose, valid or not, in order, comma-separated (a month's cohort takes older children with one that year). */
    dptDoses: text('dpt_doses'),
    /** The latest of dpt_doses (indexed: older children with a dose from a given day on). */
    lastDptOn: text('last_dpt_on'),
  },
  (t) => [
    index('imm_coverage_cache_birth').on(t.birthDate),
    index('imm_coverage_cache_stale').on(t.stale),
    index('imm_coverage_cache_dpt').on(t.lastDptOn),
  ],
);
