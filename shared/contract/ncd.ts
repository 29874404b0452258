import { z } from 'zod';
import { ncdProgramSchema, ncdProgramShape } from '../ncd/program-schema.js';
import { idSchema, optionalText, requiredText } from './common.js';
import { procedure } from './procedure.js';

/** Chronic-disease follow-up (docs/ncd.md; definitions in ../shared/domain/ncd.md). */
const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v.date' });
const int = z.number().int({ error: 'v.integer' });
const num = z.number().finite();
const bpSchema = z.object({ systolic: int, diastolic: int });
export const glucoseInputSchema = z.object({ value: num, unit: z.enum(['mg_dl', 'mmol_l']), type: z.enum(['fasting', 'random', 'post_meal']) });
export const END_REASONS = ['died', 'moved', 'transferred', 'refused', 'lost', 'other'] as const;
export const endReasonSchema = z.enum(END_REASONS);
export const CALL_OUTCOMES = ['agreed', 'remind_later', 'unreachable', 'removed'] as const;
export const callOutcomeSchema = z.enum(CALL_OUTCOMES);
const programCode = z.string().trim().min(1).max(32);
/** A value of a program's own field (program-schema.ts `extraFields`): number, text, yes/no or a choice's value. */
export const extraValueSchema = z.union([z.number().finite(), z.string().max(1000), z.boolean()]);
export const extraValuesSchema = z.record(z.string(), extraValueSchema);

export const enrollmentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  program: z.string(),
  programName: z.string(),
  enrolledOn: z.string(),
  icdCode: z.string(),
  icdName: z.string().nullable(),
  diagnosedAt: z.string().nullable(),
  baseline: z.object({
    systolic: z.number().nullable(),
    diastolic: z.number().nullable(),
    glucoseMgdl: z.number().nullable(),
    glucoseType: z.string().nullable(),
    hba1c: z.number().nullable(),
    weightKg: z.number().nullable(),
  }),
  historyHeartAttack: z.boolean(),
  historyStroke: z.boolean(),
  riskNotes: z.string().nullable(),
  followUpDays: z.number().int(),
  /** The appointment now due: the latest follow-up's next appointment, or the first one. */
  nextAppointment: z.string().nullable(),
  lastFollowupDate: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: endReasonSchema.nullable(),
  endNote: z.string().nullable(),
  /** The patient's BP target: < 130/80 with diabetes, else < 140/90. */
  bpTarget: bpSchema,
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const dispensedSchema = z.object({
  medicineId: z.string().nullable().optional(),
  name: requiredText(200),
  unit: requiredText(40),
  quantity: num.positive({ error: 'v.quantity' }),
  days: int.min(1, { error: 'v.days' }).max(90, { error: 'v.days' }),
});

export const followupSchema = z.object({
  id: z.string(),
  enrollmentId: z.string(),
  program: z.string(),
  visitId: z.string().nullable(),
  date: z.string(),
  bp1: bpSchema.nullable(),
  bp2: bpSchema.nullable(),
  /** Mean of the readings, used by the indicators. */
  bp: z.object({ systolic: z.number(), diastolic: z.number() }).nullable(),
  pulse: z.number().nullable(),
  weightKg: z.number().nullable(),
  glucoseMgdl: z.number().nullable(),
  glucoseMmol: z.number().nullable(),
  glucoseType: z.string().nullable(),
  glucoseUnitEntered: z.string().nullable(),
  hba1c: z.number().nullable(),
  symptoms: z.string().nullable(),
  adherence: z.string().nullable(),
  complications: z.string().nullable(),
  medicines: z.array(z.object({ medicineId: z.string().nullable().optional(), name: z.string(), unit: z.string(), quantity: z.number(), days: z.number() })),
  nextAppointment: z.string().nullable(),
  /** Values of the program's own fields (key → value); empty when none. */
  extra: extraValuesSchema,
});
export type Followup = z.infer<typeof followupSchema>;

/** Who an enrollment row is about: the fields every patient list starts with. */
const enrolledPersonSchema = z.object({
  enrollmentId: z.string(),
  personId: z.string(),
  fullName: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  phone: z.string().nullable(),
});

export const overdueRowSchema = enrolledPersonSchema.extend({
  hamletId: z.string().nullable(),
  hamletName: z.string().nullable(),
  program: z.string(),
  appointmentDate: z.string(),
  daysOverdue: z.number().int(),
  highRisk: z.boolean(),
  latestBp: z.object({ systolic: z.number(), diastolic: z.number() }).nullable(),
  lastCall: z.object({ outcome: callOutcomeSchema, callDate: z.string(), remindOn: z.string().nullable(), note: z.string().nullable() }).nullable(),
});
export type OverdueRow = z.infer<typeof overdueRowSchema>;

/** A row of the list of patients under management (or whose management ended) in a program. */
export const patientRowSchema = enrolledPersonSchema.extend({
  hamletName: z.string().nullable(),
  program: z.string(),
  enrolledOn: z.string(),
  lastFollowupDate: z.string().nullable(),
  latestBp: z.object({ systolic: z.number(), diastolic: z.number() }).nullable(),
  /** Latest BP under the patient's own target (< 130/80 with diabetes, else < 140/90); null without a BP. */
  bpAtTarget: z.boolean().nullable(),
  nextAppointment: z.string().nullable(),
  overdue: z.boolean(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
});
export type PatientRow = z.infer<typeof patientRowSchema>;

const counts = z.object({
  month: z.string(),
  registered: z.number(),
  newlyRegistered: z.number(),
  underCare: z.number(),
  lostToFollowUp: z.number(),
  denominator: z.number(),
  bp: z.object({ missedVisit: z.number(), visitedNoBp: z.number(), controlled: z.number(), uncontrolled: z.number(), controlRate: z.number().nullable() }),
  diabetes: z.object({ missedVisit: z.number(), visitedNoSugar: z.number(), low: z.number(), mid: z.number(), high: z.number() }),
});
const cohortSchema = z.object({
  quarter: z.string(),
  outcomeQuarter: z.string(),
  registered: z.number(),
  removed: z.number(),
  missedVisit: z.number(),
  visitedNoBp: z.number(),
  controlled: z.number(),
  uncontrolled: z.number(),
});

/** A program as `ncd.programs` lists it: the definition, whether it ships with the product, whether it is archived. */
export const programEntrySchema = z.object({ ...ncdProgramShape, builtIn: z.boolean(), archived: z.boolean() });
export type ProgramEntry = z.infer<typeof programEntrySchema>;

export const screeningReadingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bp'), systolic: z.number(), diastolic: z.number() }),
  z.object({ kind: z.literal('glucose'), type: z.enum(['fasting', 'random', 'post_meal']), mgdl: z.number(), mmol: z.number() }),
  z.object({ kind: z.literal('hba1c'), percent: z.number() }),
]);
/** An offer to enroll: the program, why (i18n key `ncd.offer.*` with its parameters) and the reading. */
export const screeningOfferSchema = z.object({
  program: z.string(),
  programName: z.string(),
  reasonKey: z.string(),
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])),
  reading: screeningReadingSchema,
});
export type ScreeningOffer = z.infer<typeof screeningOfferSchema>;

export const screeningSchema = z.object({
  id: z.string(),
  personId: z.string(),
  visitId: z.string().nullable(),
  date: z.string(),
  bp1: bpSchema.nullable(),
  bp2: bpSchema.nullable(),
  bp: z.object({ systolic: z.number(), diastolic: z.number() }).nullable(),
  glucoseMgdl: z.number().nullable(),
  glucoseMmol: z.number().nullable(),
  glucoseType: z.string().nullable(),
  glucoseUnitEntered: z.string().nullable(),
  hba1c: z.number().nullable(),
  note: z.string().nullable(),
  /** Program codes offered when it was recorded. */
  offered: z.array(z.string()),
  userName: z.string().nullable(),
});
export type Screening = z.infer<typeof screeningSchema>;

const exportFormat = z.enum(['pdf', 'xlsx']);
const fileOutput = z.object({ fileName: z.string(), contentBase64: z.string() });
const periodSchema = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { error: 'v.ncdPeriod' });

const clinical = ['admin', 'physician', 'nurse'] as const;

export const ncdProcedures = {
  'ncd.programs': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Chronic-disease programs (data: fields, targets, follow-up interval): shipped and administrator-defined.',
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: z.object({ programs: z.array(programEntrySchema) }),
  }),
  'ncd.enroll': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Enroll a person in a program: date, ICD-10 diagnosis, where diagnosed, baseline readings, risk history.',
    input: z.object({
      personId: idSchema,
      program: programCode,
      enrolledOn: date.optional(),
      icdCode: z.string().trim().toUpperCase().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, { error: 'v.icdCode' }),
      icdName: optionalText(300),
      diagnosedAt: optionalText(200),
      baseline: z
        .object({ bp: bpSchema.nullable().optional(), glucose: glucoseInputSchema.nullable().optional(), hba1c: num.nullable().optional(), weightKg: num.nullable().optional() })
        .default({}),
      historyHeartAttack: z.boolean().default(false),
      historyStroke: z.boolean().default(false),
      riskNotes: optionalText(1000),
      followUpDays: int.min(1).max(365).nullable().optional(),
    }),
    output: z.object({ enrollment: enrollmentSchema }),
  }),
  'ncd.endEnrollment': procedure({
    kind: 'write',
    access: clinical,
    summary: 'End an enrollment: died, moved, transferred, refused, lost (with a note).',
    input: z.object({ id: idSchema, endedOn: date.optional(), reason: endReasonSchema, note: optionalText(500) }),
    output: z.object({ enrollment: enrollmentSchema }),
  }),
  'ncd.enrollmentsForPerson': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A person's enrollments (active and ended) with the next appointment and BP target.",
    input: z.object({ personId: idSchema }),
    output: z.object({ enrollments: z.array(enrollmentSchema) }),
  }),
  'ncd.recordFollowup': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Record a follow-up visit (also a finished visit of kind ncd_followup in the visit register).',
    input: z.object({
      enrollmentId: idSchema,
      date: date.optional(),
      bp1: bpSchema.nullable().optional(),
      bp2: bpSchema.nullable().optional(),
      pulse: int.nullable().optional(),
      weightKg: num.nullable().optional(),
      glucose: glucoseInputSchema.nullable().optional(),
      hba1c: num.nullable().optional(),
      symptoms: optionalText(2000),
      adherence: z.enum(['good', 'partial', 'poor']).nullable().optional(),
      complications: optionalText(2000),
      medicines: z.array(dispensedSchema).max(20).default([]),
      nextAppointment: date.nullable().optional(),
      /** The program's own fields (key → value; null or '' = not entered), checked against the program's definition. */
      extra: z.record(z.string().max(40), extraValueSchema.nullable()).default({}),
    }),
    output: z.object({ followup: followupSchema }),
  }),
  'ncd.voidFollowup': procedure({
    kind: 'write',
    access: clinical,
    summary:
      'Void a follow-up entered by mistake, with the reason: kept for history (and in the audit log), left out of the chart, overdue list and indicators; its visit is cancelled. The corrected follow-up is recorded anew.',
    input: z.object({
      id: idSchema,
      reason: z
        .string()
        .max(500)
        .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
        .pipe(z.string().min(5, { error: 'v.immReason' })),
    }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'ncd.followupsForPerson': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A person's follow-ups (newest first) and series for the BP / glucose chart with the target band.",
    input: z.object({ personId: idSchema, program: programCode.optional() }),
    output: z.object({
      followups: z.array(followupSchema),
      series: z.object({
        bp: z.array(z.object({ date: z.string(), systolic: z.number(), diastolic: z.number() })),
        glucose: z.array(z.object({ date: z.string(), mgdl: z.number(), mmol: z.number(), type: z.string() })),
        hba1c: z.array(z.object({ date: z.string(), percent: z.number() })),
      }),
      bpTarget: bpSchema,
      hba1cTarget: z.number(),
    }),
  }),
  'ncd.overdueList': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Patients whose appointment passed without a visit, high-risk first; lost to follow-up (> 12 months) separately.',
    input: z.object({ program: programCode.optional(), hamletId: idSchema.optional(), limit: int.min(1).max(5000).default(500) }),
    output: z.object({ total: z.number(), rows: z.array(overdueRowSchema), lostTotal: z.number(), lost: z.array(overdueRowSchema) }),
  }),
  'ncd.patientList': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The patients under management (or whose management ended) by program and hamlet, ordered by hamlet and name: latest follow-up and BP against the target, next appointment.',
    input: z.object({
      program: programCode.optional(),
      hamletId: idSchema.optional(),
      status: z.enum(['active', 'ended']).default('active'),
      limit: int.min(1).max(20000).default(5000),
    }),
    output: z.object({ total: z.number(), rows: z.array(patientRowSchema) }),
  }),
  'ncd.recordCall': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Record a call outcome: agreed to visit, remind later (date), could not reach, removed (reason; ends the enrollment).',
    input: z.object({
      enrollmentId: idSchema,
      outcome: callOutcomeSchema,
      remindOn: date.optional(),
      removeReason: endReasonSchema.optional(),
      note: optionalText(500),
    }),
    output: okOutputSchema(),
  }),
  'ncd.indicators': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Monthly or quarterly indicators of a program (registered, under care, lost, control shares, diabetes bands), 12-month trend, quarterly cohort.',
    input: z.object({
      period: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { error: 'v.ncdPeriod' }),
      program: programCode,
      hamletId: idSchema.optional(),
      /** Also the 12 monthly reports ending with the period (one more load per month; ask for it after the report). */
      trend: z.boolean().default(false),
    }),
    output: z.object({ indicators: counts, trend: z.array(counts), cohort: cohortSchema.nullable() }),
  }),
  'ncd.saveProgram': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Add or update an administrator-defined program (code, names, ICD-10, interval, control indicator, fields); shipped codes are refused.',
    input: z.object({ program: ncdProgramSchema }),
    output: z.object({ program: programEntrySchema }),
  }),
  'ncd.archiveProgram': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Archive (or restore) an administrator-defined program: kept for existing enrollments, not offered for new ones.',
    input: z.object({ code: programCode, archived: z.boolean().default(true) }),
    output: z.object({ program: programEntrySchema }),
  }),
  'ncd.recordScreening': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Record opportunistic BP (1–2 readings) and/or blood-sugar screening of an adult, optionally at a visit; returns enrollment offers.',
    input: z.object({
      personId: idSchema,
      visitId: idSchema.optional(),
      /** Default: the visit's date, else today. */
      date: date.optional(),
      bp1: bpSchema.nullable().optional(),
      bp2: bpSchema.nullable().optional(),
      glucose: glucoseInputSchema.nullable().optional(),
      hba1c: num.nullable().optional(),
      note: optionalText(500),
    }),
    output: z.object({ screening: screeningSchema, offers: z.array(screeningOfferSchema) }),
  }),
  'ncd.screeningOffers': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "Enrollment offers from a visit's vital signs and screenings (or, without a visit, today's): above threshold and not enrolled.",
    input: z.object({ personId: idSchema, visitId: idSchema.optional() }),
    output: z.object({ eligible: z.boolean(), offers: z.array(screeningOfferSchema) }),
  }),
  'ncd.screeningsForPerson': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A person's screenings, newest first.",
    input: z.object({ personId: idSchema }),
    output: z.object({ screenings: z.array(screeningSchema) }),
  }),
  'ncd.exportOverdue': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The call list (overdue, or lost to follow-up) as an A4 landscape PDF or .xlsx, with empty columns for the call result.',
    input: z.object({ program: programCode.optional(), hamletId: idSchema.optional(), list: z.enum(['overdue', 'lost']).default('overdue'), format: exportFormat }),
    output: fileOutput,
  }),
  'ncd.exportPatients': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The list of patients under management (or ended), with the filters of ncd.patientList and every row, as .xlsx.',
    input: z.object({ program: programCode.optional(), hamletId: idSchema.optional(), status: z.enum(['active', 'ended']).default('active') }),
    output: fileOutput,
  }),
  'ncd.exportIndicators': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The monthly or quarterly indicator report of a program (with the quarterly cohort and the 12-month trend) as PDF or .xlsx.',
    input: z.object({ period: periodSchema, program: programCode, hamletId: idSchema.optional(), format: exportFormat }),
    output: fileOutput,
  }),
};

function okOutputSchema() {
  return z.object({ ok: z.literal(true) });
}
