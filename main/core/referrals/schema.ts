import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { persons } from '../persons/schema.js';
import { syncedColumns } from '../sync-data/columns.js';
import { visits } from '../visits/schema.js';

/**
 * Referrals (phiếu chuyển cơ sở KBCB), appointment slips (phiếu hẹn khám lại), the receiving-facility catalogue,
 * issued versions and the print log. All synced; written only through ctx.write. JSON columns are plain text
 * (written with JSON.stringify) so the writer logs a field only when its content really changes.
 */

/** Receiving facilities the station refers to; maintained by the station, later updated by sync. */
export const facilities = sqliteTable(
  'facilities',
  {
    ...syncedColumns(),
    /** 5-character MA_CSKCB. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** ban_dau / co_ban / chuyen_sau (cấp chuyên môn kỹ thuật). */
    level: text('level'),
    address: text('address'),
    provinceName: text('province_name'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('facilities_code').on(t.code)],
);

export const referrals = sqliteTable(
  'referrals',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    visitId: text('visit_id').references(() => visits.id),
    destinationId: text('destination_id')
      .notNull()
      .references(() => facilities.id),
    /** draft → issued → printed → received. */
    status: text('status', { enum: ['draft', 'issued', 'printed', 'received'] }).notNull(),
    /** tt01_2025 (Phụ lục VI, default) or tt14_2014. */
    formVersion: text('form_version').notNull(),
    /** Yearly series of the station, set at issue inside the write transaction. */
    year: integer('year'),
    seq: integer('seq'),
    number: text('number'),
    recordNumber: text('record_number'),
    /** MA_LYDO_CT: 1, 2 or 3. */
    reason: text('reason').notNull(),
    clinicalSigns: text('clinical_signs'),
    diseaseCourse: text('disease_course'),
    mainResults: text('main_results'),
    diagnosisText: text('diagnosis_text'),
    /** JSON [{icdCode, icdName, isMain}]. */
    diagnoses: text('diagnoses').notNull(),
    /** JSON [{name, startAt, endAt}]. */
    procedures: text('procedures').notNull(),
    treatment: text('treatment'),
    /** JSON [string]. */
    medicines: text('medicines').notNull(),
    stateAtTransfer: text('state_at_transfer'),
    treatmentDirection: text('treatment_direction'),
    /** Station time yyyy-mm-ddTHH:MM. */
    transferAt: text('transfer_at'),
    transport: text('transport'),
    escortName: text('escort_name'),
    escortTitle: text('escort_title'),
    validOneYear: integer('valid_one_year', { mode: 'boolean' }).notNull().default(false),
    /** JSON [{place, level, from, to}]. */
    priorCare: text('prior_care').notNull(),
    workplace: text('workplace'),
    physicianName: text('physician_name'),
    physicianTitle: text('physician_title'),
    /** Practising-certificate number (MA_BAC_SI). */
    physicianLicense: text('physician_license'),
    /** Current issued version (0 while a draft). */
    version: integer('version').notNull().default(0),
    /** JSON snapshot of the current issued version: what prints and exports. */
    content: text('content'),
    issuedAt: text('issued_at'),
    issuedBy: text('issued_by'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    createdByName: text('created_by_name'),
    receivedAt: text('received_at'),
    receivingDiagnosis: text('receiving_diagnosis'),
    outcome: text('outcome'),
  },
  (t) => [
    uniqueIndex('referrals_number').on(t.ownerFacility, t.year, t.seq),
    index('referrals_person').on(t.personId),
    index('referrals_visit').on(t.visitId),
    index('referrals_status').on(t.status, t.createdAt),
    index('referrals_destination').on(t.destinationId),
  ],
);

/** Every issued version of a referral, content frozen: editing after issue adds one; the number stays. */
export const referralVersions = sqliteTable(
  'referral_versions',
  {
    ...syncedColumns(),
    referralId: text('referral_id')
      .notNull()
      .references(() => referrals.id),
    version: integer('version').notNull(),
    formVersion: text('form_version').notNull(),
    number: text('number').notNull(),
    content: text('content').notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    createdByName: text('created_by_name'),
  },
  (t) => [uniqueIndex('referral_versions_version').on(t.referralId, t.version)],
);

/** Re-exam appointment slips: one active per visit; content frozen at issue. */
export const appointments = sqliteTable(
  'appointments',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    visitId: text('visit_id')
      .notNull()
      .references(() => visits.id),
    status: text('status', { enum: ['active', 'cancelled'] }).notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    /** yyyy-mm-dd. */
    returnDate: text('return_date').notNull(),
    diagnosisText: text('diagnosis_text'),
    diagnoses: text('diagnoses').notNull(),
    comorbidities: text('comorbidities'),
    note: text('note'),
    physicianName: text('physician_name'),
    physicianTitle: text('physician_title'),
    physicianLicense: text('physician_license'),
    formVersion: text('form_version').notNull(),
    content: text('content').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: text('issued_by'),
    cancelledAt: text('cancelled_at'),
  },
  (t) => [
    uniqueIndex('appointments_number').on(t.ownerFacility, t.year, t.seq),
    index('appointments_person').on(t.personId),
    index('appointments_visit').on(t.visitId),
    index('appointments_return').on(t.status, t.returnDate),
  ],
);

/** Each print of a slip (not previews): what was printed, when, by whom, where. */
export const printLog = sqliteTable(
  'print_log',
  {
    ...syncedColumns(),
    documentType: text('document_type', { enum: ['referral', 'appointment'] }).notNull(),
    documentId: text('document_id').notNull(),
    version: integer('version').notNull(),
    number: text('number').notNull(),
    formVersion: text('form_version').notNull(),
    printedAt: text('printed_at').notNull(),
    printedBy: text('printed_by'),
    printedByName: text('printed_by_name'),
    workstation: text('workstation').notNull(),
  },
  (t) => [index('print_log_document').on(t.documentType, t.documentId)],
);
