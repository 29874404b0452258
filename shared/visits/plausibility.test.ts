import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../i18n/index.js';
import { bmi, checkNotFuture, checkVisitRecord, checkVitals, type VitalSigns } from './plausibility.js';
import { addDays, daysBetween, stationDate } from './station-date.js';

const adult = { birthDate: '1980-06-01', visitDate: '2026-03-15' };
const toddler = { birthDate: '2024-01-10', visitDate: '2026-03-15' };
const infant = { birthDate: '2025-12-01', visitDate: '2026-03-15' };

const paths = (vitals: VitalSigns, ctx = adult) => checkVitals(vitals, ctx).map((i) => `${i.path}:${i.key}`);

describe('vital signs', () => {
  it.each([
    // [field, value, accepted]
    ['systolic', 49, false],
    ['systolic', 50, true],
    ['systolic', 300, true],
    ['systolic', 301, false],
    ['temperature', 29.9, false],
    ['temperature', 30, true],
    ['temperature', 45, true],
    ['temperature', 45.1, false],
    ['spo2', 49, false],
    ['spo2', 50, true],
    ['spo2', 100, true],
    ['spo2', 101, false],
    ['pulse', 19, false],
    ['pulse', 20, true],
    ['pulse', 250, true],
    ['pulse', 251, false],
    ['respiratoryRate', 4, false],
    ['respiratoryRate', 5, true],
    ['respiratoryRate', 80, true],
    ['respiratoryRate', 81, false],
    ['waistCm', 29, false],
    ['waistCm', 200, true],
  ] as const)('%s = %s → accepted: %s', (field, value, accepted) => {
    const vitals: VitalSigns = field === 'systolic' ? { systolic: value, diastolic: 40 } : { [field]: value };
    expect(checkVitals(vitals, adult).filter((i) => i.path === `vitals.${field}`).length === 0).toBe(accepted);
  });

  it('needs systolic above diastolic, and both or neither', () => {
    expect(paths({ systolic: 120, diastolic: 80 })).toEqual([]);
    expect(paths({ systolic: 80, diastolic: 80 })).toEqual(['vitals.systolic:v.bpOrder']);
    expect(paths({ systolic: 70, diastolic: 90 })).toEqual(['vitals.systolic:v.bpOrder']);
    expect(paths({ systolic: 120 })).toEqual(['vitals.diastolic:v.bpBoth']);
    expect(paths({ diastolic: 80 })).toEqual(['vitals.systolic:v.bpBoth']);
    // Out of range is reported once, not also as an ordering problem.
    expect(paths({ systolic: 350, diastolic: 80 })).toEqual(['vitals.systolic:v.systolic']);
  });

  it.each([
    // [who, weight kg, height cm, accepted]
    ['adult', 20, 100, true],
    ['adult', 19.9, 150, false],
    ['adult', 250, 230, true],
    ['adult', 251, 170, false],
    ['adult', 70, 99, false],
    ['adult', 70, 231, false],
    ['toddler', 12, 88, true],
    ['toddler', 60, 88, false],
    ['toddler', 12, 170, false],
    ['infant', 5.2, 58, true],
    ['infant', 16, 58, false],
  ] as const)('%s weighing %s kg and %s cm tall → accepted: %s', (who, weightKg, heightCm, accepted) => {
    const ctx = { adult, toddler, infant }[who];
    expect(checkVitals({ weightKg, heightCm }, ctx).length === 0).toBe(accepted);
  });

  it('says which age the weight was checked against', () => {
    expect(checkVitals({ weightKg: 60 }, toddler)).toEqual([{ path: 'vitals.weightKg', key: 'v.weightForAge', params: { min: 4, max: 25, age: 2 } }]);
  });

  it('checks a year-only birth date by year', () => {
    expect(checkVitals({ weightKg: 55, heightCm: 150 }, { birthDate: '1950', visitDate: '2026-03-15' })).toEqual([]);
  });

  it('computes BMI with one decimal, and nothing without both measures', () => {
    expect(bmi(62.5, 165)).toBe(23);
    expect(bmi(58, 162)).toBe(22.1);
    expect(bmi(58, null)).toBeNull();
    expect(bmi(undefined, 160)).toBeNull();
  });
});

describe('the whole record', () => {
  it.each([
    ['no diagnosis', [], true],
    ['one main', [{ isMain: true }, { isMain: false }], true],
    ['two mains', [{ isMain: true }, { isMain: true }], false],
    ['no main', [{ isMain: false }], false],
  ] as const)('%s → accepted: %s', (_name, diagnoses, accepted) => {
    expect(checkVisitRecord({ diagnoses }, adult).length === 0).toBe(accepted);
  });

  it.each([
    [1, 1, true],
    [0.5, 1, true],
    [0, 5, false],
    [-2, 5, false],
    [10, 0, false],
    [10, 1.5, false],
    [10, 90, true],
    [10, 91, false],
  ])('quantity %s for %s days → accepted: %s', (quantity, days, accepted) => {
    expect(checkVisitRecord({ prescription: [{ quantity, days }] }, adult).length === 0).toBe(accepted);
  });

  it('names the prescription line at fault', () => {
    const issues = checkVisitRecord({ prescription: [{ quantity: 10, days: 5 }, { quantity: 0, days: 0 }] }, adult);
    expect(issues.map((i) => i.path)).toEqual(['prescription.1.quantity', 'prescription.1.days']);
  });

  it('wants the return date after the visit date', () => {
    expect(checkVisitRecord({ returnDate: '2026-03-15' }, adult)).toEqual([{ path: 'returnDate', key: 'v.returnDate' }]);
    expect(checkVisitRecord({ returnDate: '2026-03-16' }, adult)).toEqual([]);
    expect(checkNotFuture('date', '2026-03-16', '2026-03-15')).toHaveLength(1);
    expect(checkNotFuture('date', '2026-03-15', '2026-03-15')).toEqual([]);
  });

  it('uses only message keys that exist in both languages', () => {
    const issues = [
      ...checkVitals({ pulse: 1, temperature: 1, systolic: 1, diastolic: 1, respiratoryRate: 1, weightKg: 1, heightCm: 1, spo2: 1, waistCm: 1 }, adult),
      ...checkVisitRecord({ returnDate: '2000-01-01', diagnoses: [{ isMain: false }], prescription: [{ quantity: 0, days: 0 }] }, adult),
      ...checkVitals({ systolic: 100, diastolic: 120 }, adult),
      ...checkVitals({ systolic: 100 }, adult),
      ...checkNotFuture('date', '2030-01-01', '2026-01-01'),
    ];
    for (const i of issues) expect(isMessageKey(i.key), i.key).toBe(true);
  });
});

describe('the station date (UTC+7)', () => {
  it.each([
    ['2026-03-14T16:59:59Z', '2026-03-14'],
    ['2026-03-14T17:00:00Z', '2026-03-15'],
    ['2026-03-15T16:30:00Z', '2026-03-15'],
  ])('%s is %s in Viet Nam', (at, date) => expect(stationDate(new Date(at))).toBe(date));

  it('adds and counts days across months', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });
});
