import { z } from 'zod';
import { RELATIONS } from '../persons/relations.js';
import { idSchema, optionalText, requiredText } from './common.js';
import { procedure } from './procedure.js';

export const sexSchema = z.enum(['M', 'F']);
export const relationSchema = z.enum(RELATIONS);
export const personStatusSchema = z.enum(['active', 'died', 'moved_away', 'merged']);
/** yyyy-mm-dd, or yyyy when only the year of birth is known. */
export const birthDateSchema = z.string().trim().regex(/^\d{4}(-\d{2}-\d{2})?$/, { error: 'v.birthDate' });
export const isoDateSchema = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v.date' });
const optionalDate = isoDateSchema.optional().or(z.literal('').transform(() => undefined));
const digits = (n: number, key: string) =>
  z.string().trim().regex(new RegExp(`^\\d{${n}}$`), { error: key }).optional().or(z.literal('').transform(() => undefined));

/** Section A of the personal health record (QĐ 831/QĐ-BYT): what registration captures. */
export const personFieldsSchema = z.object({
  fullName: requiredText(100),
  sex: sexSchema,
  birthDate: birthDateSchema,
  ethnicityCode: z.string().trim().regex(/^\d{2}$/, { error: 'v.ethnicity' }).default('01'),
  nationality: z.string().trim().max(40).default('Việt Nam'),
  religion: optionalText(60),
  occupation: optionalText(100),
  bloodAbo: z.enum(['A', 'B', 'AB', 'O']).optional(),
  bloodRh: z.enum(['+', '-']).optional(),
  cccd: digits(12, 'v.cccd'),
  cccdIssueDate: optionalDate,
  cccdIssuePlace: optionalText(120),
  bhxhNumber: digits(10, 'v.bhxh'),
  bhytCardCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}\d{13}$/, { error: 'v.bhytCard' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  bhytBenefitLevel: z.number().int().min(1).max(5).optional(),
  bhytValidFrom: optionalDate,
  bhytValidTo: optionalDate,
  bhytRegistrationFacility: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{5}$/, { error: 'v.facilityCode' }).optional().or(z.literal('').transform(() => undefined)),
  birthProvince: optionalText(100),
  permanentAddress: optionalText(300),
  currentAddress: optionalText(300),
  phone: z.string().trim().regex(/^[0-9+ .]{8,15}$/, { error: 'v.phone' }).optional().or(z.literal('').transform(() => undefined)),
  phone2: z.string().trim().regex(/^[0-9+ .]{8,15}$/, { error: 'v.phone' }).optional().or(z.literal('').transform(() => undefined)),
  email: z.string().trim().email({ error: 'v.email' }).optional().or(z.literal('').transform(() => undefined)),
  motherName: optionalText(100),
  fatherName: optionalText(100),
  carerName: optionalText(100),
  carerRelation: optionalText(60),
  carerPhone: z.string().trim().regex(/^[0-9+ .]{8,15}$/, { error: 'v.phone' }).optional().or(z.literal('').transform(() => undefined)),
  note: optionalText(500),
});
export type PersonFields = z.infer<typeof personFieldsSchema>;

export const personSchema = personFieldsSchema.extend({
  id: idSchema,
  householdId: idSchema.nullable(),
  relationToHead: relationSchema,
  status: personStatusSchema,
  diedOn: z.string().nullable(),
  movedAwayOn: z.string().nullable(),
  movedTo: z.string().nullable(),
  movedInFrom: z.string().nullable(),
  mergedInto: z.string().nullable(),
  createdAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

/** One line of a search result or member list: enough to recognise the person. */
export const personSummarySchema = z.object({
  id: idSchema,
  fullName: z.string(),
  sex: sexSchema,
  birthDate: z.string(),
  cccd: z.string().nullable(),
  bhytCardCode: z.string().nullable(),
  bhxhNumber: z.string().nullable(),
  phone: z.string().nullable(),
  status: personStatusSchema,
  householdId: z.string().nullable(),
  householdCode: z.string().nullable(),
  hamletName: z.string().nullable(),
  headName: z.string().nullable(),
  relationToHead: relationSchema,
  bhytValidTo: z.string().nullable(),
  allergyAlert: z.boolean(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const searchHitSchema = personSummarySchema.extend({
  matchedBy: z.enum(['cccd', 'bhyt', 'bhxh', 'phone', 'household', 'name']),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const personEventSchema = z.object({
  id: z.string(),
  kind: z.enum(['registered', 'moved_in', 'moved_away', 'died', 'changed_household', 'household_split', 'merged', 'returned']),
  date: z.string(),
  householdId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type PersonEvent = z.infer<typeof personEventSchema>;

export const duplicateCandidateSchema = personSummarySchema.extend({
  motherName: z.string().nullable(),
  fatherName: z.string().nullable(),
  reason: z.enum(['cccd', 'name_birth_year_hamlet', 'name_birth_year_parent', 'name_birth_year']) });

const confirmations = {
  /** The user saw the CCCD consistency warning (sex / birth year) and confirms. */
  confirmCccdWarnings: z.boolean().default(false),
  /** The user saw the possible duplicates and confirms this is a different person. */
  confirmNotDuplicate: z.boolean().default(false),
};

export const personsProcedures = {
  'persons.search': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Find persons by name (with or without diacritics), CCCD, BHYT card, social-insurance number, phone or household code.',
    input: z.object({ q: z.string().max(200), limit: z.number().int().min(1).max(100).default(20), includeInactive: z.boolean().default(true) }),
    output: z.object({ hits: z.array(searchHitSchema) }),
  }),
  'persons.get': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A person's record (section A), household, events. A merged-away id resolves to the survivor. Logged as a view.",
    input: z.object({ id: idSchema }),
    output: z.object({ person: personSchema, summary: personSummarySchema, events: z.array(personEventSchema), resolvedFrom: z.string().nullable() }),
  }),
  'persons.checkDuplicates': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Before saving: an existing CCCD, and persons with the same folded name and birth year (same hamlet or parent first).',
    input: z.object({
      fullName: z.string().max(100),
      birthDate: z.string().max(10),
      cccd: z.string().max(12).optional(),
      hamletId: z.string().optional(),
      motherName: z.string().max(100).optional(),
      fatherName: z.string().max(100).optional(),
      excludeId: z.string().optional(),
    }),
    output: z.object({ cccdOwner: personSummarySchema.nullable(), candidates: z.array(duplicateCandidateSchema) }),
  }),
  'persons.register': procedure({
    kind: 'write',
    access: ['admin', 'physician', 'nurse', 'clerk'],
    summary: 'Register a person in a household. A CCCD already registered is refused; possible duplicates need confirmation.',
    input: z.object({ person: personFieldsSchema, householdId: idSchema, relationToHead: relationSchema, movedInFrom: optionalText(200), ...confirmations }),
    output: z.object({ person: personSchema }),
  }),
  'persons.update': procedure({
    kind: 'write',
    access: ['admin', 'physician', 'nurse', 'clerk'],
    summary: "Correct a person's section A fields.",
    input: z.object({ id: idSchema, person: personFieldsSchema, relationToHead: relationSchema.optional(), ...confirmations }),
    output: z.object({ person: personSchema }),
  }),
  'persons.recordLifeEvent': procedure({
    kind: 'write',
    access: ['admin', 'physician', 'nurse', 'clerk'],
    summary: 'Mark a person died (date), moved away (date, destination) or returned/moved in (origin).',
    input: z.object({
      personId: idSchema,
      kind: z.enum(['died', 'moved_away', 'returned']),
      date: isoDateSchema,
      place: optionalText(200),
      note: optionalText(300),
    }),
    output: z.object({ person: personSchema }),
  }),
  'persons.move': procedure({
    kind: 'write',
    access: ['admin', 'physician', 'nurse', 'clerk'],
    summary: 'Move a person to another household of the station.',
    input: z.object({ personId: idSchema, toHouseholdId: idSchema, relationToHead: relationSchema, date: isoDateSchema }),
    output: z.object({ person: personSchema }),
  }),
  'persons.merge': procedure({
    kind: 'write',
    access: ['admin', 'physician'],
    summary: 'Merge a duplicate into the surviving record: every linked record moves to the survivor; the merged id resolves to it.',
    input: z.object({ survivorId: idSchema, mergedId: idSchema, reason: requiredText(300) }),
    output: z.object({ person: personSchema }),
  }),
  'persons.merges': procedure({
    kind: 'read',
    access: ['admin', 'physician', 'supervisor'],
    summary: 'Merges done at the station, newest first, for review.',
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({
      merges: z.array(
        z.object({
          id: z.string(),
          survivorId: z.string(),
          survivorName: z.string(),
          mergedId: z.string(),
          mergedName: z.string(),
          reason: z.string(),
          mergedBy: z.string().nullable(),
          mergedAt: z.string(),
          moved: z.record(z.string(), z.number()),
        }),
      ),
    }),
  }),
};
