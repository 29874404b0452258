import { z } from 'zod';

/**
 * A chronic-disease program as data (ncd.md: "keep the interval per program and per patient as data"; other programs
 * — mental health, epilepsy, cancer screening — must be addable without code changes to the core).
 */

/** Standard follow-up fields: each has its own column on a follow-up (and on the visit). */
export const NCD_FIELD_KEYS = ['bp', 'pulse', 'weight', 'glucose', 'hba1c', 'symptoms', 'adherence', 'complications', 'medicines'] as const;
export const ncdFieldSchema = z.enum(NCD_FIELD_KEYS);
export type NcdField = z.infer<typeof ncdFieldSchema>;

/** Which control indicator the program reports: BP control (HEARTS), diabetes bands, or only registered/under care/lost. */
export const ncdControlSchema = z.enum(['bp', 'diabetes', 'none']);
export type NcdControl = z.infer<typeof ncdControlSchema>;

/**
 * A program-specific field (peak flow, seizures this month, …): stored in the follow-up's `extra` JSON object under
 * its key, checked against its type and limits (shared/ncd/extra-fields.ts).
 */
const fieldCommon = {
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,31}$/, { error: 'v.ncdFieldKey' }),
  labelVi: z.string().trim().min(1).max(80),
  labelEn: z.string().trim().min(1).max(80),
  required: z.boolean().default(false),
};
export const ncdExtraFieldSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...fieldCommon,
      type: z.literal('number'),
      unit: z.string().trim().max(20).optional(),
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      /** Whole numbers only (counts, L/min). */
      integer: z.boolean().default(false),
    })
    .strict(),
  z.object({ ...fieldCommon, type: z.literal('text'), maxLength: z.number().int().min(1).max(1000).default(200) }).strict(),
  z.object({ ...fieldCommon, type: z.literal('boolean') }).strict(),
  z
    .object({
      ...fieldCommon,
      type: z.literal('choice'),
      options: z
        .array(z.object({ value: z.string().regex(/^[a-z0-9_]{1,32}$/, { error: 'v.ncdFieldKey' }), labelVi: z.string().trim().min(1).max(80), labelEn: z.string().trim().min(1).max(80) }).strict())
        .min(2)
        .max(20),
    })
    .strict(),
]);
export type NcdExtraField = z.infer<typeof ncdExtraFieldSchema>;
export type NcdExtraValue = number | string | boolean;

const bpTarget = z.object({ systolic: z.number().int(), diastolic: z.number().int() });

/** The program's fields without the cross-field rules (also the base of the `ncd.programs` list items). */
export const ncdProgramShape = {
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { error: 'v.ncdProgramCode' }),
  nameVi: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  /** Short name for lists and file names (THA, ĐTĐ); the code when absent. */
  shortName: z.string().trim().min(1).max(12).optional(),
  /** ICD-10 codes or 3-character categories proposed at enrollment. */
  icd10: z.array(z.string().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, { error: 'v.icdCode' })).min(1).max(30),
  /** Default days to the next appointment (usually monthly, when medicines are dispensed monthly). */
  followUpDays: z.number().int().min(1).max(365),
  /** Standard fields shown on the follow-up form. */
  fields: z.array(ncdFieldSchema).min(1),
  /** Program-specific fields, stored in the follow-up's `extra`. */
  extraFields: z.array(ncdExtraFieldSchema).max(30).default([]),
  control: ncdControlSchema,
  /** Per-patient targets; `bpWithDiabetes` applies when the person is also enrolled in a diabetes program. */
  targets: z.object({ bp: bpTarget.optional(), bpWithDiabetes: bpTarget.optional(), hba1c: z.number().optional() }).default({}),
  source: z.string().max(300).default(''),
};

export const ncdProgramSchema = z
  .object(ncdProgramShape)
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.extraFields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['extraFields', i, 'key'], message: 'v.ncdFieldKeyDuplicate', params: { key: f.key } });
      seen.add(f.key);
      if (f.type === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['extraFields', i, 'max'], message: 'v.ncdFieldMinMax' });
      if (f.type === 'choice' && new Set(f.options.map((o) => o.value)).size !== f.options.length) ctx.addIssue({ code: 'custom', path: ['extraFields', i, 'options'], message: 'v.ncdChoiceDuplicate' });
    });
    if (new Set(p.fields).size !== p.fields.length) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'v.ncdFieldDuplicate' });
  });
export type NcdProgram = z.infer<typeof ncdProgramSchema>;
export const ncdProgramsSchema = z.array(ncdProgramSchema).refine((ps) => new Set(ps.map((p) => p.code)).size === ps.length, 'duplicate program code');
