import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.js';
import { checkExtraValues, parseExtra } from './extra-fields.js';
import { ncdProgramSchema, type NcdExtraField } from './program-schema.js';
import { BUILT_IN_PROGRAMS } from './programs.js';
import { screeningFindings } from './screening.js';
import { cohortLines, indicatorLines, percent, percentText, periodLabel, trendColumns } from './report.js';

const FIELDS: NcdExtraField[] = [
  { key: 'seizures', labelVi: 'Số cơn co giật trong tháng', labelEn: 'Seizures this month', required: true, type: 'number', min: 0, max: 200, integer: true, unit: 'cơn' },
  { key: 'trigger', labelVi: 'Yếu tố khởi phát', labelEn: 'Trigger', required: false, type: 'text', maxLength: 10 },
  { key: 'sideEffects', labelVi: 'Tác dụng phụ của thuốc', labelEn: 'Side effects', required: false, type: 'boolean' },
  {
    key: 'psychosis',
    labelVi: 'Triệu chứng loạn thần',
    labelEn: 'Psychotic symptoms',
    required: false,
    type: 'choice',
    options: [
      { value: 'none', labelVi: 'Không', labelEn: 'None' },
      { value: 'mild', labelVi: 'Nhẹ', labelEn: 'Mild' },
      { value: 'severe', labelVi: 'Nặng', labelEn: 'Severe' },
    ],
  },
];

const messages = (r: ReturnType<typeof checkExtraValues>) => r.issues.map((i) => [i.path, translate('vi', i.key, i.params)]);

describe('program-specific fields', () => {
  it('keeps valid values, drops empty ones, and normalises text', () => {
    const r = checkExtraValues(FIELDS, { seizures: 3, trigger: '  thiếu   ngủ ', sideEffects: false, psychosis: 'mild' }, 'vi');
    expect(r.issues).toEqual([]);
    expect(r.clean).toEqual({ seizures: 3, trigger: 'thiếu ngủ', sideEffects: false, psychosis: 'mild' });
    expect(checkExtraValues(FIELDS, { seizures: 0, trigger: '', psychosis: null }, 'vi').clean).toEqual({ seizures: 0 });
  });

  it('refuses wrong types, limits, unknown keys and missing required values with the field label', () => {
    expect(messages(checkExtraValues(FIELDS, { seizures: 250, trigger: 'mất ngủ kéo dài', sideEffects: 'có', psychosis: 'very', peakFlow: 300 }, 'vi'))).toEqual([
      ['extra.peakFlow', 'Chương trình không có trường peakFlow'],
      ['extra.seizures', 'Số cơn co giật trong tháng phải từ 0 đến 200 cơn'],
      ['extra.trigger', 'Yếu tố khởi phát dài quá 10 ký tự'],
      ['extra.sideEffects', 'Tác dụng phụ của thuốc: chọn có hoặc không'],
      ['extra.psychosis', 'Triệu chứng loạn thần: chọn một trong Không, Nhẹ, Nặng'],
    ]);
    expect(messages(checkExtraValues(FIELDS, {}, 'vi'))).toEqual([['extra.seizures', 'Cần nhập Số cơn co giật trong tháng']]);
    expect(messages(checkExtraValues(FIELDS, { seizures: 1.5 }, 'vi'))).toEqual([['extra.seizures', 'Số cơn co giật trong tháng phải là số nguyên']]);
    expect(messages(checkExtraValues(FIELDS, { seizures: '2' }, 'vi'))).toEqual([['extra.seizures', 'Số cơn co giật trong tháng phải là số']]);
    const en = checkExtraValues(FIELDS, { seizures: -1 }, 'en').issues[0]!;
    expect(translate('en', en.key, en.params)).toBe('Seizures this month must be between 0 and 200 cơn');
  });

  it('only a minimum or only a maximum', () => {
    const only = (f: Partial<NcdExtraField>) => [{ key: 'x', labelVi: 'Chỉ số X', labelEn: 'X', required: false, type: 'number', integer: false, ...f }] as NcdExtraField[];
    expect(messages(checkExtraValues(only({ min: 10 }), { x: 5 }, 'vi'))).toEqual([['extra.x', 'Chỉ số X phải từ 10 trở lên']]);
    expect(messages(checkExtraValues(only({ max: 10, unit: 'L/phút' } as Partial<NcdExtraField>), { x: 11 }, 'vi'))).toEqual([['extra.x', 'Chỉ số X không được quá 10 L/phút']]);
  });

  it('peak flow of the shipped COPD program', () => {
    const copd = BUILT_IN_PROGRAMS.find((p) => p.code === 'copd')!;
    expect(checkExtraValues(copd.extraFields, { peakFlow: 320 }, 'vi').clean).toEqual({ peakFlow: 320 });
    expect(messages(checkExtraValues(copd.extraFields, { peakFlow: 2000 }, 'vi'))).toEqual([['extra.peakFlow', 'Lưu lượng đỉnh (PEF) phải từ 50 đến 900 L/phút']]);
  });

  it('reads stored values defensively', () => {
    expect(parseExtra('{"a":1,"b":"x","c":true,"d":{"e":1}}')).toEqual({ a: 1, b: 'x', c: true });
    expect([parseExtra(null), parseExtra('not json'), parseExtra('[1]'), parseExtra('null')]).toEqual([{}, {}, {}, {}]);
  });

  it('the program schema checks field definitions', () => {
    const base = { code: 'dong_kinh', nameVi: 'Động kinh', nameEn: 'Epilepsy', icd10: ['G40'], followUpDays: 30, fields: ['medicines'], control: 'none' };
    expect(ncdProgramSchema.parse({ ...base, extraFields: FIELDS }).extraFields).toHaveLength(4);
    const dup = ncdProgramSchema.safeParse({ ...base, extraFields: [FIELDS[0], FIELDS[0]] });
    expect(!dup.success && dup.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['extraFields.1.key', 'v.ncdFieldKeyDuplicate']]);
    const minMax = ncdProgramSchema.safeParse({ ...base, extraFields: [{ ...FIELDS[0], min: 10, max: 5 }] });
    expect(!minMax.success && minMax.error.issues[0]!.message).toBe('v.ncdFieldMinMax');
    const badKey = ncdProgramSchema.safeParse({ ...base, code: 'Động kinh', extraFields: [{ ...FIELDS[0], key: 'số cơn' }] });
    expect(!badKey.success && badKey.error.issues.map((i) => i.message)).toEqual(['v.ncdProgramCode', 'v.ncdFieldKey']);
    expect(ncdProgramSchema.safeParse({ ...base, extraFields: [{ ...FIELDS[1], type: 'date' }] }).success).toBe(false);
  });
});

describe('screening thresholds', () => {
  const none = { bp: null, glucose: null, hba1c: null };
  it('BP ≥ 140/90 (mean) offers hypertension', () => {
    expect(screeningFindings({ ...none, bp: { systolic: 139.5, diastolic: 89 } })).toEqual([]);
    expect(screeningFindings({ ...none, bp: { systolic: 140, diastolic: 70 } }).map((f) => f.program)).toEqual(['hypertension']);
    expect(screeningFindings({ ...none, bp: { systolic: 120, diastolic: 90 } })[0]).toMatchObject({ reasonKey: 'ncd.offer.bp', reading: { kind: 'bp', systolic: 120, diastolic: 90 } });
  });
  it('fasting ≥ 126, random / post-meal ≥ 200 mg/dL, HbA1c ≥ 6.5 % offer diabetes', () => {
    const g = (type: 'fasting' | 'random' | 'post_meal', mgdl: number) => screeningFindings({ ...none, glucose: { type, mgdl } }).map((f) => f.reasonKey);
    expect([g('fasting', 125.9), g('fasting', 126), g('random', 199), g('random', 200), g('post_meal', 210)]).toEqual([[], ['ncd.offer.fasting'], [], ['ncd.offer.random'], ['ncd.offer.postMeal']]);
    expect(screeningFindings({ ...none, glucose: { type: 'fasting', mgdl: 126 } })[0]!.reasonParams).toEqual({ mgdl: 126, mmol: 7 });
    expect(screeningFindings({ ...none, hba1c: 6.4 })).toEqual([]);
    expect(screeningFindings({ ...none, hba1c: 6.5, glucose: { type: 'random', mgdl: 250 } }).map((f) => f.reasonKey)).toEqual(['ncd.offer.hba1c']);
    expect(screeningFindings({ bp: { systolic: 150, diastolic: 95 }, glucose: { type: 'random', mgdl: 250 }, hba1c: 6.0 }).map((f) => f.program)).toEqual(['hypertension', 'diabetes_t2']);
  });
});

describe('report lines', () => {
  const march = {
    month: '2026-03', registered: 9, newlyRegistered: 1, underCare: 8, lostToFollowUp: 1, denominator: 6,
    bp: { missedVisit: 2, visitedNoBp: 1, controlled: 2, uncontrolled: 1, controlRate: 2 / 6 },
    diabetes: { missedVisit: 2, visitedNoSugar: 1, low: 2, mid: 1, high: 0 },
  };
  it('percentages of registered and of the denominator, one decimal, comma in print', () => {
    const lines = indicatorLines(march, 'bp', false);
    expect(lines.map((l) => [l.number, l.value, l.percent])).toEqual([
      ['1', 9, null], ['1.1', 1, 11.1], ['2', 8, 88.9], ['3', 1, 11.1], ['4', 6, null], ['4.1', 2, 33.3], ['4.2', 1, 16.7], ['4.3', 1, 16.7], ['4.4', 2, 33.3],
    ]);
    expect(indicatorLines(march, 'diabetes', true).map((l) => l.number)).toContain('5.5');
    expect(indicatorLines(march, 'none', false)).toHaveLength(5);
    expect([percent(1, 0), percentText(null), percentText(33.3), percentText(100)]).toEqual([null, '–', '33,3', '100,0']);
  });
  it('periods, cohort and trend columns', () => {
    expect([periodLabel('2026-03'), periodLabel('2026-Q4')]).toEqual(['Tháng 03/2026', 'Quý IV/2026']);
    const c = cohortLines({ quarter: '2025-Q2', outcomeQuarter: '2025-Q4', registered: 5, removed: 0, missedVisit: 2, visitedNoBp: 1, controlled: 1, uncontrolled: 1 });
    expect([c[0]!.label, c[2]!.label]).toEqual(['Người bệnh đăng ký trong quý II/2025', 'Huyết áp được kiểm soát trong quý IV/2025']);
    expect(c.map((l) => l.percent)).toEqual([null, 0, 20, 20, 20, 40]);
    expect(trendColumns('bp').map((col) => col.value(march))).toEqual(['03/2026', 9, 1, 8, 1, 6, 2, 33.3, 1, 1, 2]);
  });
});
