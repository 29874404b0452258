import { z } from 'zod';

/**
 * A chronic-disease program as data (ncd.md: "keep the interval per program and per patient as data"; other programs
 * — mental health, epilepsy, cancer screening — must be addable without code changes to the core).
 */
export const NCD_FIELD_KEYS = ['bp', 'pulse', 'weight', 'glucose', 'hba1c', 'peakFlow', 'symptoms', 'adherence', 'complications', 'medicines'] as const;
export const ncdFieldSchema = z.enum(NCD_FIELD_KEYS);
export type NcdField = z.infer<typeof ncdFieldSchema>;

/** Which control indicator the program reports: BP control (HEARTS), diabetes bands, or only registered/under care/lost. */
export const ncdControlSchema = z.enum(['bp', 'diabetes', 'none']);
export type NcdControl = z.infer<typeof ncdControlSchema>;

export const ncdProgramSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/),
    nameVi: z.string().min(1).max(120),
    nameEn: z.string().min(1).max(120),
    /** ICD-10 codes or 3-character categories proposed at enrollment. */
    icd10: z.array(z.string().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/)).min(1),
    /** Default days to the next appointment (usually monthly, when medicines are dispensed monthly). */
    followUpDays: z.number().int().min(1).max(365),
    /** Fields shown on the follow-up form. */
    fields: z.array(ncdFieldSchema).min(1),
    control: ncdControlSchema,
    /** Per-patient targets; `bpWithDiabetes` applies when the person is also enrolled in a diabetes program. */
    targets: z
      .object({
        bp: z.object({ systolic: z.number().int(), diastolic: z.number().int() }).optional(),
        bpWithDiabetes: z.object({ systolic: z.number().int(), diastolic: z.number().int() }).optional(),
        hba1c: z.number().optional(),
      })
      .default({}),
    source: z.string().max(300),
  })
  .strict();
export type NcdProgram = z.infer<typeof ncdProgramSchema>;
export const ncdProgramsSchema = z.array(ncdProgramSchema).refine((ps) => new Set(ps.map((p) => p.code)).size === ps.length, 'duplicate program code');
