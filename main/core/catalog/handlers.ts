import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../dispatch/types.js';
import { ICD_COLUMNS, icd10Status, replaceIcd10, searchIcd10, validateIcdRows } from './icd10.js';
import { MEDICINE_COLUMNS, STARTER_MEDICINES_FILE, listMedicines, medicineCounts, saveMedicine, searchMedicines, upsertMedicines, validateMedicineRows } from './medicines.js';
import { decodeUpload, readTable, refuseIfBadRows, withFileErrors } from './tabular.js';

export const catalogHandlers = {
  'catalog.status': (_input, ctx) => ({ icd10: icd10Status(ctx.station), medicines: medicineCounts(ctx.station) }),

  'catalog.icdSearch': (input, ctx) => ({ items: searchIcd10(ctx.station, input.q, input.limit) }),

  'catalog.importIcd10': (input, ctx) => {
    const locale = ctx.caller.locale;
    const table = withFileErrors(locale, () => readTable(input.fileName, decodeUpload(input.contentBase64), ICD_COLUMNS));
    const { rows, issues } = validateIcdRows(table);
    refuseIfBadRows(issues, locale);
    const version = input.version || input.fileName.replace(/\.[a-z0-9]+$/i, '');
    replaceIcd10(ctx.station, rows, { source: 'import', version, sourceFile: input.fileName, importedAt: ctx.now.toISOString() });
    ctx.audit({ kind: 'change', action: 'catalog.importIcd10', entity: 'icd10', details: { fileName: input.fileName, version, rowCount: rows.length } });
    return { rowCount: rows.length, version };
  },

  'catalog.medicineSearch': (input, ctx) => ({ items: searchMedicines(ctx.station, input.q, input.limit) }),

  'catalog.medicineList': (input, ctx) => listMedicines(ctx.station, input),

  'catalog.medicineSave': (input, ctx) => ({ medicine: saveMedicine(ctx, { ...input, strength: input.strength ?? null, route: input.route ?? null }) }),

  'catalog.medicineImport': (input, ctx) => {
    const locale = ctx.caller.locale;
    const table = withFileErrors(locale, () => readTable(input.fileName, decodeUpload(input.contentBase64), MEDICINE_COLUMNS));
    const { rows, issues } = validateMedicineRows(table);
    refuseIfBadRows(issues, locale);
    return upsertMedicines(ctx, rows, input.fileName);
  },

  'catalog.medicineImportStarter': (_input, ctx) => {
    const file = path.join(ctx.station.options.resourcesDir, 'data', STARTER_MEDICINES_FILE);
    const table = withFileErrors(ctx.caller.locale, () => readTable(STARTER_MEDICINES_FILE, fs.readFileSync(file), MEDICINE_COLUMNS));
    const { rows, issues } = validateMedicineRows(table);
    refuseIfBadRows(issues, ctx.caller.locale);
    return upsertMedicines(ctx, rows, STARTER_MEDICINES_FILE);
  },
} satisfies Partial<HandlerMap>;
