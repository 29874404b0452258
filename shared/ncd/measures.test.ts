import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bpControlled, bpMean, diabetesBand, isHighRisk, mgdlToMmol, mmolToMgdl, patientBpTarget, toMgdl } from './measures.js';
import { checkFollowupReadings } from './plausibility.js';
import { ncdProgramSchema, ncdProgramsSchema } from './program-schema.js';
import { BUILT_IN_PROGRAMS } from './programs.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('programs as data', () => {
  it('resources/ncd/programs.json equals the TypeScript copy and passes the schema', () => {
    const json = JSON.parse(fs.readFileSync(path.join(root, 'resources', 'ncd', 'programs.json'), 'utf8'));
    expect(json).toEqual(BUILT_IN_PROGRAMS);
    expect(ncdProgramsSchema.parse(json)).toEqual(BUILT_IN_PROGRAMS);
    expect(BUILT_IN_PROGRAMS.map((p) => p.code)).toEqual(['hypertension', 'diabetes_t2', 'copd', 'asthma']);
  });

  it('an administrator-defined program is valid data', () => {
    const epilepsy = { code: 'epilepsy', nameVi: 'Động kinh', nameEn: 'Epilepsy', icd10: ['G40'], followUpDays: 30, fields: ['weight', 'symptoms', 'adherence', 'medicines'], control: 'none', source: 'admin' };
    expect(ncdProgramSchema.parse(epilepsy).targets).toEqual({});
    expect(ncdProgramSchema.safeParse({ ...epilepsy, followUpDays: 0 }).success).toBe(false);
    expect(ncdProgramsSchema.safeParse([...BUILT_IN_PROGRAMS, { ...epilepsy, code: 'copd' }]).success).toBe(false);
  });
});

describe('measures', () => {
  it('BP mean of two readings, unrounded', () => {
    expect(bpMean([{ systolic: 141, diastolic: 88 }, { systolic: 138, diastolic: 85 }])).toEqual({ systolic: 139.5, diastolic: 86.5 });
    expect(bpMean([{ systolic: 141, diastolic: 88 }, null])).toEqual({ systolic: 141, diastolic: 88 });
    expect(bpMean([])).toBeNull();
  });

  it('control: < 140/90, < 130/80 with diabetes', () => {
    expect(bpControlled({ systolic: 139, diastolic: 89 })).toBe(true);
    expect(bpControlled({ systolic: 140, diastolic: 80 })).toBe(false);
    expect(bpControlled({ systolic: 120, diastolic: 90 })).toBe(false);
    expect(bpControlled({ systolic: 135, diastolic: 78 }, patientBpTarget(true))).toBe(false);
    expect(bpControlled({ systolic: 129, diastolic: 79 }, patientBpTarget(true))).toBe(true);
  });

  it('glucose units: factor 18.0', () => {
    expect(mmolToMgdl(7.0)).toBe(126);
    expect(mmolToMgdl(11.1)).toBe(199.8);
    expect(mgdlToMmol(126)).toBe(7);
    expect(mgdlToMmol(200)).toBe(11.1);
    expect(toMgdl(5.5, 'mmol_l')).toBe(99);
    expect(toMgdl(99, 'mg_dl')).toBe(99);
  });

  it('diabetes band edges', () => {
    const g = (type: 'fasting' | 'random' | 'post_meal', mgdl: number) => diabetesBand({ kind: 'glucose', type, mgdl });
    expect([g('random', 199.9), g('random', 200), g('random', 299), g('random', 300)]).toEqual(['low', 'mid', 'mid', 'high']);
    expect([g('post_meal', 199), g('post_meal', 300)]).toEqual(['low', 'high']);
    expect([g('fasting', 125), g('fasting', 126), g('fasting', 199), g('fasting', 200)]).toEqual(['low', 'mid', 'mid', 'high']);
    const h = (percent: number) => diabetesBand({ kind: 'hba1c', percent });
    expect([h(6.9), h(7), h(8.9), h(9)]).toEqual(['low', 'mid', 'mid', 'high']);
  });

  it('high risk', () => {
    const none = { latestBp: null, cardiovascularHistory: false, latestSugar: null };
    expect(isHighRisk({ ...none, latestBp: { systolic: 180, diastolic: 90 } })).toBe(true);
    expect(isHighRisk({ ...none, latestBp: { systolic: 150, diastolic: 110 } })).toBe(true);
    expect(isHighRisk({ ...none, latestBp: { systolic: 150, diastolic: 95 } })).toBe(false);
    expect(isHighRisk({ ...none, latestBp: { systolic: 140, diastolic: 85 }, cardiovascularHistory: true })).toBe(true);
    expect(isHighRisk({ ...none, latestBp: { systolic: 139, diastolic: 89 }, cardiovascularHistory: true })).toBe(false);
    expect(isHighRisk({ ...none, latestSugar: { kind: 'hba1c', percent: 7.2 } })).toBe(true);
    expect(isHighRisk({ ...none, latestSugar: { kind: 'glucose', type: 'fasting', mgdl: 110 } })).toBe(false);
  });
});

describe('plausibility of readings', () => {
  it('impossible readings are refused with paths', () => {
    const issues = checkFollowupReadings({
      bp1: { systolic: 350, diastolic: 80 },
      bp2: { systolic: 80, diastolic: 120 },
      pulse: 5,
      weightKg: 700,
      glucose: { value: 60, unit: 'mmol_l' },
      hba1c: 42,
    });
    expect(issues.map((i) => `${i.path}:${i.key}`)).toEqual([
      'bp1.systolic:v.systolic',
      'bp2.systolic:v.bpOrder',
      'pulse:v.pulse',
      'weightKg:v.ncdWeight',
      'glucose.value:v.ncdGlucoseMmol',
      'hba1c:v.ncdHba1c',
    ]);
  });

  it('real extremes pass; mmol/L range is the mg/dL range ÷ 18', () => {
    expect(checkFollowupReadings({ bp1: { systolic: 240, diastolic: 130 }, glucose: { value: 33.3, unit: 'mmol_l' }, hba1c: 14 })).toEqual([]);
    expect(checkFollowupReadings({ glucose: { value: 33.4, unit: 'mmol_l' } })[0]).toMatchObject({ params: { min: 1.1, max: 33.3 } });
    expect(checkFollowupReadings({ glucose: { value: 601, unit: 'mg_dl' } })[0]).toMatchObject({ key: 'v.ncdGlucoseMgdl' });
    expect(checkFollowupReadings({ bp2: { systolic: 120, diastolic: 80 } })[0]).toMatchObject({ path: 'bp1', key: 'v.ncdBpFirst' });
  });
});
