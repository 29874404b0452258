import { z } from 'zod';
import { FACILITY_LEVELS, REFERRAL_FORM_VERSIONS, REFERRAL_REASONS } from '../referrals/snapshot.js';
import { XML_VARIANTS } from '../xml130/variants.js';
import { idSchema, optionalText, requiredText } from './common.js';
import { procedure } from './procedure.js';
import { diagnosisSchema } from './visits.js';

/** Referrals (phiếu chuyển cơ sở KBCB, forms.md), the receiving-facility catalogue and the referral settings. */

export const REFERRAL_STATUSES = ['draft', 'issued', 'printed', 'received'] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v.date' });
/** Station wall-clock time `yyyy-mm-ddTHH:MM` (what a datetime-local input gives). */
export const localDateTimeSchema = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'v.dateTime' });
const optionalDateTime = localDateTimeSchema.nullable().optional().or(z.literal('').transform(() => null));
const optionalIsoDate = isoDate.nullable().optional().or(z.literal('').transform(() => null));

export const slipProcedureSchema = z.object({ name: requiredText(300), startAt: optionalDateTime, endAt: optionalDateTime });
export const priorCareSchema = z.object({ place: requiredText(200), level: optionalText(60), from: optionalIsoDate, to: optionalIsoDate });

/** What the physician fills in (create and update). */
export const referralFieldsSchema = z.object({
  destinationId: idSchema,
  formVersion: z.enum(REFERRAL_FORM_VERSIONS).default('tt01_2025'),
  reason: z.enum(REFERRAL_REASONS),
  recordNumber: optionalText(50),
  clinicalSigns: optionalText(4000),
  diseaseCourse: optionalText(4000),
  mainResults: optionalText(4000),
  diagnosisText: optionalText(2000),
  diagnoses: z.array(diagnosisSchema).max(13).default([]),
  procedures: z.array(slipProcedureSchema).max(20).default([]),
  treatment: optionalText(4000),
  medicines: z.array(requiredText(300)).max(40).default([]),
  stateAtTransfer: optionalText(2000),
  treatmentDirection: optionalText(2000),
  transferAt: optionalDateTime,
  transport: optionalText(255),
  escortName: optionalText(255),
  escortTitle: optionalText(255),
  validOneYear: z.boolean().default(false),
  priorCare: z.array(priorCareSchema).max(2).default([]),
  workplace: optionalText(200),
  physicianName: optionalText(100),
  physicianTitle: optionalText(60),
  physicianLicense: optionalText(255),
});
export type ReferralFields = z.infer<typeof referralFieldsSchema>;
export type ReferralFieldsInput = z.input<typeof referralFieldsSchema>;

const nullable = z.string().nullable();
/** The stored form of the fields (nulls instead of missing values). */
export const referralFieldsOutSchema = referralFieldsSchema.extend({
  recordNumber: nullable,
  clinicalSigns: nullable,
  diseaseCourse: nullable,
  mainResults: nullable,
  diagnosisText: nullable,
  diagnoses: z.array(diagnosisSchema),
  procedures: z.array(z.object({ name: z.string(), startAt: nullable, endAt: nullable })),
  treatment: nullable,
  medicines: z.array(z.string()),
  stateAtTransfer: nullable,
  treatmentDirection: nullable,
  transferAt: nullable,
  transport: nullable,
  escortName: nullable,
  escortTitle: nullable,
  priorCare: z.array(z.object({ place: z.string(), level: nullable, from: nullable, to: nullable })),
  workplace: nullable,
  physicianName: nullable,
  physicianTitle: nullable,
  physicianLicense: nullable,
});

export const receivingFacilitySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(FACILITY_LEVELS).nullable(),
  address: nullable,
  provinceName: nullable,
  active: z.boolean(),
});
export type ReceivingFacility = z.infer<typeof receivingFacilitySchema>;

export const referralSummarySchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  birthDate: z.string(),
  visitId: nullable,
  status: referralStatusSchema,
  number: nullable,
  version: z.number().int(),
  formVersion: z.enum(REFERRAL_FORM_VERSIONS),
  destinationName: z.string(),
  mainDiagnosis: nullable,
  transferAt: nullable,
  issuedAt: nullable,
  createdAt: z.string(),
  printCount: z.number().int(),
});
export type ReferralSummary = z.infer<typeof referralSummarySchema>;

export const referralSchema = referralSummarySchema.extend({
  fields: referralFieldsOutSchema,
  destination: receivingFacilitySchema,
  createdByName: nullable,
  receivedAt: nullable,
  receivingDiagnosis: nullable,
  outcome: nullable,
  versions: z.array(z.object({ version: z.number().int(), number: z.string(), formVersion: z.string(), createdAt: z.string(), createdByName: nullable, note: nullable, printed: z.boolean() })),
  prints: z.array(z.object({ version: z.number().int(), printedAt: z.string(), printedByName: nullable, workstation: z.string() })),
});
export type Referral = z.infer<typeof referralSchema>;

export const referralConfigSchema = z.object({
  /** Suffix of the TT 01/2025 number ("…/PCCSKBCB"; one implementation writes PCCKCB). */
  numberSuffix: z.string().trim().regex(/^[A-Z0-9-]{1,20}$/, { error: 'v.numberSuffix' }),
  signerName: z.string().trim().max(100).nullable(),
  signerTitle: z.string().trim().max(60).nullable(),
  /** MA_TTDV: the BHXH number of the head of the station (or the person authorised to sign). */
  signerCode: z.string().trim().max(255).nullable(),
  defaultFormVersion: z.enum(REFERRAL_FORM_VERSIONS),
  xmlVariant: z.enum(XML_VARIANTS),
});
export type ReferralConfig = z.infer<typeof referralConfigSchema>;
export const DEFAULT_REFERRAL_CONFIG: ReferralConfig = { numberSuffix: 'PCCSKBCB', signerName: null, signerTitle: null, signerCode: null, defaultFormVersion: 'tt01_2025', xmlVariant: 'qd3176' };

export const pdfOutputSchema = z.object({ pdfBase64: z.string(), fileName: z.string(), version: z.number().int() });
export const xmlOutputSchema = z.object({ xml: z.string(), fileName: z.string() });
/**
 * What a print records. The PDF itself comes from `…preview` (same stored content, so the same page): write
 * procedures run synchronously inside their transaction and pdfmake renders asynchronously.
 */
export const printOutputSchema = z.object({ version: z.number().int(), number: z.string(), fileName: z.string(), printedAt: z.string(), printCount: z.number().int() });

/** Physicians and assistant physicians (role physician) and the administrator write referrals; nurses print them. */
const writers = ['admin', 'physician'] as const;
const printers = ['admin', 'physician', 'nurse'] as const;

export const referralsProcedures = {
  'referrals.facilities': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Receiving facilities of the catalogue (active ones unless asked for all).',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.object({ facilities: z.array(receivingFacilitySchema) }),
  }),
  'referrals.saveFacility': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Add or change a receiving facility (code MA_CSKCB, name, level, address, active).',
    input: z.object({
      id: idSchema.optional(),
      code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{5}$/, { error: 'v.facilityCode' }),
      name: requiredText(200),
      level: z.enum(FACILITY_LEVELS).nullable().default(null),
      address: optionalText(300),
      provinceName: optionalText(100),
      active: z.boolean().default(true),
    }),
    output: z.object({ facility: receivingFacilitySchema }),
  }),
  'referrals.config': procedure({ kind: 'read', access: 'anyUser', summary: 'Referral settings: number suffix, signer, default form and XML variant.', input: z.object({}).strict(), output: z.object({ config: referralConfigSchema }) }),
  'referrals.setConfig': procedure({ kind: 'write', access: ['admin'], summary: 'Change the referral settings.', input: referralConfigSchema.partial(), output: z.object({ config: referralConfigSchema }) }),
  'referrals.prefill': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A new referral's fields prefilled from a visit (signs, diagnoses, treatment, medicines) or a person, and the caller's last practising-certificate number.",
    input: z.object({ visitId: idSchema.optional(), personId: idSchema.optional() }),
    output: z.object({ personId: z.string(), personName: z.string(), visitId: nullable, fields: referralFieldsOutSchema.partial({ destinationId: true }) }),
  }),
  'referrals.create': procedure({
    kind: 'write',
    access: writers,
    summary: 'Create a draft referral for a person, from a visit or not.',
    input: z.object({ personId: idSchema, visitId: idSchema.optional(), referral: referralFieldsSchema }),
    output: z.object({ referral: referralSchema }),
  }),
  'referrals.update': procedure({
    kind: 'write',
    access: writers,
    summary: 'Change a referral. A draft changes in place; an issued one gets a new version with the same number (earlier versions and prints are kept).',
    input: z.object({ id: idSchema, referral: referralFieldsSchema, note: optionalText(300) }),
    output: z.object({ referral: referralSchema }),
  }),
  'referrals.issue': procedure({
    kind: 'write',
    access: writers,
    summary: "Issue a draft: the next number of the station's yearly series and the frozen content of version 1.",
    input: z.object({ id: idSchema }),
    output: z.object({ referral: referralSchema }),
  }),
  'referrals.recordOutcome': procedure({
    kind: 'write',
    access: writers,
    summary: 'Record that the receiving facility received the patient, with its diagnosis and the outcome (until sync brings it).',
    input: z.object({ id: idSchema, receivedAt: isoDate, receivingDiagnosis: optionalText(500), outcome: optionalText(500) }),
    output: z.object({ referral: referralSchema }),
  }),
  'referrals.list': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Referrals, newest first, filtered by status, period (issue date, or creation date of a draft), destination or visit.',
    input: z.object({ status: referralStatusSchema.optional(), from: isoDate.optional(), to: isoDate.optional(), destinationId: idSchema.optional(), visitId: idSchema.optional(), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ referrals: z.array(referralSummarySchema) }),
  }),
  'referrals.get': procedure({ kind: 'read', access: 'anyUser', summary: 'A referral with its versions and print log. Logged as a view of the person.', input: z.object({ id: idSchema }), output: z.object({ referral: referralSchema }) }),
  'referrals.forPerson': procedure({ kind: 'read', access: 'anyUser', summary: "A person's referrals, newest first.", input: z.object({ personId: idSchema }), output: z.object({ referrals: z.array(referralSummarySchema) }) }),
  'referrals.preview': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The PDF of a referral (a draft shows "BẢN NHÁP" and no number); not logged as a print.',
    input: z.object({ id: idSchema, version: z.number().int().min(1).optional() }),
    output: pdfOutputSchema,
  }),
  'referrals.print': procedure({
    kind: 'write',
    access: printers,
    summary: 'Log a print of the current (or a given earlier) version and mark the referral printed; the PDF is `referrals.preview` of that version (same content and number every time).',
    input: z.object({ id: idSchema, version: z.number().int().min(1).optional() }),
    output: printOutputSchema,
  }),
  'referrals.exportXml13': procedure({
    kind: 'read',
    access: printers,
    summary: 'XML13 of an issued referral in the GIAMDINHHS envelope (QĐ 3176 by default, or QĐ 4750); refused with the list of what is missing.',
    input: z.object({ id: idSchema, variant: z.enum(XML_VARIANTS).optional() }),
    output: xmlOutputSchema,
  }),
};
