import { z } from 'zod';
import { emptyInput, idSchema, optionalText, requiredText } from './common.js';
import { procedure } from './procedure.js';

/** Largest catalogue file accepted (decoded); base64 makes the text a third longer. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;
const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4 + 1024;

export const icdItemSchema = z.object({
  /** With dot: `J06.9`. */
  code: z.string(),
  name: z.string(),
  /** A three-character category (`J06`) rather than a full code. */
  isCategory: z.boolean(),
  /** QĐ 4469 Phụ lục A2: not allowed as the main diagnosis. */
  notMain: z.boolean(),
  sexOnly: z.enum(['M', 'F']).nullable(),
});
export type IcdItem = z.infer<typeof icdItemSchema>;

export const medicineSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  activeIngredient: z.string(),
  strength: z.string().nullable(),
  unit: z.string(),
  route: z.string().nullable(),
  bhytCovered: z.boolean(),
  active: z.boolean(),
});
export type Medicine = z.infer<typeof medicineSchema>;

/** The station's own medicine code: letters, digits and . _ - / (upper-cased). */
export const medicineCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._\-/]{0,29}$/, { error: 'v.medicineCode' });

const importFileInput = z.object({
  fileName: requiredText(255),
  contentBase64: z.string().min(1, { error: 'v.required' }).max(MAX_IMPORT_BASE64, { error: 'v.importTooLarge' }),
});

const searchInput = z.object({
  q: z.string().max(100),
  limit: z.number().int().min(1).max(50).default(20),
});

const medicineImportResult = z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const catalogProcedures = {
  'catalog.status': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Loaded ICD-10 version and row count, and medicine counts.',
    input: emptyInput,
    output: z.object({
      icd10: z
        .object({
          version: z.string(),
          rowCount: z.number().int(),
          importedAt: z.string(),
          sourceFile: z.string(),
          source: z.enum(['qd4469', 'import']),
        })
        .nullable(),
      medicines: z.object({ total: z.number().int(), active: z.number().int() }),
    }),
  }),
  'catalog.icdSearch': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'ICD-10 search: by code prefix (J06, j069, J06.9) first, then by unaccented words in any order.',
    input: searchInput,
    output: z.object({ items: z.array(icdItemSchema) }),
  }),
  'catalog.importIcd10': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Replace the ICD-10 list from a CSV (icd10_vi.csv header) or XLSX file; all rows valid or nothing is written.',
    input: importFileInput.extend({ version: optionalText(100) }),
    output: z.object({ rowCount: z.number().int(), version: z.string() }),
  }),
  'catalog.medicineSearch': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Active medicines whose name, active ingredient or code has words starting with the query (unaccented).',
    input: searchInput,
    output: z.object({ items: z.array(medicineSchema) }),
  }),
  'catalog.medicineList': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The medicine list, optionally filtered and with inactive medicines, by page.',
    input: z.object({
      q: z.string().max(100).optional(),
      includeInactive: z.boolean().optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ items: z.array(medicineSchema), total: z.number().int() }),
  }),
  'catalog.medicineSave': procedure({
    kind: 'write',
    access: ['admin', 'physician', 'nurse'],
    summary: 'Add a medicine, or change one (with id); the code must be unused by another live medicine.',
    input: z.object({
      id: idSchema.optional(),
      code: medicineCodeSchema,
      name: requiredText(200),
      activeIngredient: requiredText(300),
      strength: optionalText(100),
      unit: requiredText(30),
      route: optionalText(50),
      bhytCovered: z.boolean().default(false),
      active: z.boolean().default(true),
    }),
    output: z.object({ medicine: medicineSchema }),
  }),
  'catalog.medicineImport': procedure({
    kind: 'write',
    access: ['admin', 'physician'],
    summary: 'Add or update medicines by code from a CSV or XLSX file; all rows valid or nothing is written.',
    input: importFileInput,
    output: medicineImportResult,
  }),
  'catalog.medicineImportStarter': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Import the shipped starter list of common commune-station medicines (resources/data/medicines_starter.csv).',
    input: emptyInput,
    output: medicineImportResult,
  }),
};
