import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common.js';
import { procedure } from './procedure.js';

/** Daily registration and visits (khám bệnh): the queue, the visit record, the register A1 (TT 23/2025/TT-BYT). */
export const VISIT_STATUSES = ['waiting', 'in_exam', 'finished', 'referred', 'appointment', 'cancelled'] as const;
export const visitStatusSchema = z.enum(VISIT_STATUSES);
export type VisitStatus = z.infer<typeof visitStatusSchema>;
export const VISIT_OUTCOMES = ['finished', 'referred', 'appointment'] as const;
export const visitOutcomeSchema = z.enum(VISIT_OUTCOMES);

const visitDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v.date' });
const optionalDate = visitDate.nullable().optional().or(z.literal('').transform(() => null));
/** A measurement: empty means "not measured". Ranges are checked by shared/visits/plausibility.ts. */
const measure = z.number().finite().nullable().optional();
const count = z.number().int({ error: 'v.integer' }).nullable().optional();

export const vitalsSchema = z.object({
  pulse: count,
  temperature: measure,
  systolic: count,
  diastolic: count,
  respiratoryRate: count,
  weightKg: measure,
  heightCm: measure,
  spo2: count,
  waistCm: measure,
});
export type Vitals = z.infer<typeof vitalsSchema>;
export const VITAL_KEYS = Object.keys(vitalsSchema.shape) as (keyof Vitals)[];

export const diagnosisSchema = z.object({
  icdCode: z.string().trim().toUpperCase().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, { error: 'v.icdCode' }),
  icdName: requiredText(300),
  isMain: z.boolean(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const prescriptionItemSchema = z.object({
  medicineId: z.string().optional().nullable(),
  medicineName: requiredText(200),
  strength: optionalText(100),
  unit: requiredText(40),
  dose: optionalText(200),
  quantity: z.number().finite(),
  days: z.number().finite(),
  instructions: optionalText(300),
});
export type PrescriptionItem = z.infer<typeof prescriptionItemSchema>;

/** Who the visit is for: enough to recognise the person and fill the register. */
export const visitPersonSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  cccd: z.string().nullable(),
  bhytCardCode: z.string().nullable(),
  bhytValidTo: z.string().nullable(),
  hamletName: z.string().nullable(),
  headName: z.string().nullable(),
  address: z.string().nullable(),
  allergyAlert: z.boolean(),
});
export type VisitPerson = z.infer<typeof visitPersonSchema>;

export const queueEntrySchema = z.object({
  id: z.string(),
  queueNumber: z.number().int(),
  visitDate: z.string(),
  arrivedAt: z.string(),
  status: visitStatusSchema,
  reason: z.string(),
  insured: z.boolean(),
  examinerName: z.string().nullable(),
  returnDate: z.string().nullable(),
  person: visitPersonSchema,
  /** The person's previous visit: when, and the return date it set (the reason they may be here today). */
  previous: z.object({ visitDate: z.string(), returnDate: z.string().nullable() }).nullable(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const visitSchema = queueEntrySchema.extend({
  kind: z.string(),
  bhytCardCode: z.string().nullable(),
  examinerUserId: z.string().nullable(),
  vitals: vitalsSchema,
  symptoms: z.string().nullable(),
  history: z.string().nullable(),
  findings: z.string().nullable(),
  treatment: z.string().nullable(),
  advice: z.string().nullable(),
  outcome: z.string().nullable(),
  finishedAt: z.string().nullable(),
  diagnoses: z.array(diagnosisSchema.extend({ id: z.string() })),
  prescription: z.array(prescriptionItemSchema.extend({ id: z.string(), medicineId: z.string().nullable(), strength: z.string().nullable(), dose: z.string().nullable(), instructions: z.string().nullable() })),
});
export type Visit = z.infer<typeof visitSchema>;

export const personVisitSchema = z.object({
  id: z.string(),
  visitDate: z.string(),
  status: visitStatusSchema,
  reason: z.string(),
  examinerName: z.string().nullable(),
  diagnoses: z.array(diagnosisSchema),
  medicines: z.array(z.string()),
  returnDate: z.string().nullable(),
});

/** One line of the register A1 (14 columns) plus vital signs and medicines. */
export const registerRowSchema = z.object({
  visitId: z.string(),
  orderNumber: z.number().int(),
  visitDate: z.string(),
  fullName: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  identityDocument: z.string().nullable(),
  bhytCardCode: z.string().nullable(),
  address: z.string().nullable(),
  ethnicity: z.string().nullable(),
  occupation: z.string().nullable(),
  symptoms: z.string().nullable(),
  diagnosis: z.string(),
  diagnoses: z.array(diagnosisSchema),
  treatment: z.string().nullable(),
  examinerName: z.string().nullable(),
  notes: z.string(),
  vitals: vitalsSchema,
  medicines: z.string(),
  status: visitStatusSchema,
});
export type RegisterRow = z.infer<typeof registerRowSchema>;

const clinical = ['admin', 'physician', 'nurse'] as const;
const desk = ['admin', 'physician', 'nurse', 'clerk'] as const;
const range = z.object({ from: visitDate, to: visitDate });

export const visitsProcedures = {
  'visits.receive': procedure({
    kind: 'write',
    access: desk,
    summary: "Receive a person (tiếp đón): a waiting visit with the day's next queue number.",
    input: z.object({ personId: idSchema, reason: requiredText(300), insured: z.boolean(), date: visitDate.optional() }),
    output: z.object({ visit: queueEntrySchema }),
  }),
  'visits.queue': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A day's visits in queue order, with person summary and status.",
    input: z.object({ date: visitDate }),
    output: z.object({ visits: z.array(queueEntrySchema) }),
  }),
  'visits.setStatus': procedure({
    kind: 'write',
    access: desk,
    summary: 'Move a visit along: waiting → in exam → finished / referred / appointment; or cancelled. Clerks may only cancel or put back in the queue.',
    input: z.object({ id: idSchema, status: visitStatusSchema }),
    output: z.object({ visit: queueEntrySchema }),
  }),
  'visits.get': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'A visit with vital signs, diagnoses and prescription. Logged as a view of the person.',
    input: z.object({ id: idSchema }),
    output: z.object({ visit: visitSchema }),
  }),
  'visits.save': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Save the examination: vital signs, findings, ICD-10 diagnoses (one main), prescription, advice, return date; optionally finish.',
    input: z.object({
      id: idSchema,
      vitals: vitalsSchema.default({}),
      symptoms: optionalText(2000),
      history: optionalText(2000),
      findings: optionalText(4000),
      diagnoses: z.array(diagnosisSchema).max(12).default([]),
      prescription: z.array(prescriptionItemSchema).max(30).default([]),
      treatment: optionalText(2000),
      advice: optionalText(2000),
      returnDate: optionalDate,
      finish: z.boolean().default(false),
      outcome: visitOutcomeSchema.optional(),
    }),
    output: z.object({ visit: visitSchema }),
  }),
  'visits.forPerson': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A person's visits, newest first, with diagnoses and medicines.",
    input: z.object({ personId: idSchema }),
    output: z.object({ visits: z.array(personVisitSchema) }),
  }),
  'visits.register': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The visit register (sổ khám bệnh, A1/CSYT) for a date range: one row per visit, cancelled visits left out.',
    input: range,
    output: z.object({ rows: z.array(registerRowSchema) }),
  }),
  'visits.exportRegister': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The visit register for a date range as an .xlsx file (base64).',
    input: range,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
  }),
};
