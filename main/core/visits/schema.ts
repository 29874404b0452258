import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { persons } from '../persons/schema.js';
import { syncedColumns } from '../sync-data/columns.js';

/**
 * One visit (lượt khám): received at the desk with the day's queue number, examined, finished. Section D of the
 * personal health record and one line of the visit register A1. `kind` lets chronic follow-ups reuse the table.
 */
export const visits = sqliteTable(
  'visits',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull().default('general'),
    /** yyyy-mm-dd, station date (UTC+7). */
    visitDate: text('visit_date').notNull(),
    /** 1, 2, 3… per station and day; assigned inside the (serialised) write transaction. */
    queueNumber: integer('queue_number').notNull(),
    arrivedAt: text('arrived_at').notNull(),
    reason: text('reason').notNull(),
    insured: integer('insured', { mode: 'boolean' }).notNull(),
    /** The BHYT card at the time of the visit (the person's card may change later). */
    bhytCardCode: text('bhyt_card_code'),
    status: text('status', { enum: ['waiting', 'in_exam', 'finished', 'referred', 'appointment', 'cancelled'] }).notNull(),
    examinerUserId: text('examiner_user_id'),
    examinerName: text('examiner_name'),
    pulse: integer('pulse'),
    temperature: real('temperature'),
    systolic: integer('systolic'),
    diastolic: integer('diastolic'),
    respiratoryRate: integer('respiratory_rate'),
    weightKg: real('weight_kg'),
    heightCm: real('height_cm'),
    spo2: integer('spo2'),
    waistCm: real('waist_cm'),
    symptoms: text('symptoms'),
    history: text('history'),
    findings: text('findings'),
    treatment: text('treatment'),
    advice: text('advice'),
    returnDate: text('return_date'),
    outcome: text('outcome'),
    finishedAt: text('finished_at'),
  },
  (t) => [
    index('visits_date_queue').on(t.ownerFacility, t.visitDate, t.queueNumber),
    index('visits_person_date').on(t.personId, t.visitDate),
  ],
);

/** ICD-10 diagnoses of a visit; exactly one is main when there are any. */
export const visitDiagnoses = sqliteTable(
  'visit_diagnoses',
  {
    ...syncedColumns(),
    visitId: text('visit_id')
      .notNull()
      .references(() => visits.id),
    icdCode: text('icd_code').notNull(),
    icdName: text('icd_name').notNull(),
    isMain: integer('is_main', { mode: 'boolean' }).notNull(),
    sort: integer('sort').notNull(),
  },
  (t) => [index('visit_diagnoses_visit').on(t.visitId), index('visit_diagnoses_icd').on(t.icdCode)],
);

/** Prescription lines (đơn thuốc) of a visit. The name and strength are copied, so the record survives catalogue edits. */
export const prescriptionItems = sqliteTable(
  'prescription_items',
  {
    ...syncedColumns(),
    visitId: text('visit_id')
      .notNull()
      .references(() => visits.id),
    medicineId: text('medicine_id'),
    medicineName: text('medicine_name').notNull(),
    strength: text('strength'),
    unit: text('unit').notNull(),
    dose: text('dose'),
    quantity: real('quantity').notNull(),
    days: integer('days').notNull(),
    instructions: text('instructions'),
    sort: integer('sort').notNull(),
  },
  (t) => [index('prescription_items_visit').on(t.visitId), index('prescription_items_medicine').on(t.medicineId)],
);
