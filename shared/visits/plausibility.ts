import { ageInYears } from '../persons/age.js';

/**
 * Plausibility rules for a visit record, shared by the form (shown before submitting) and the server (which refuses
 * with VALIDATION_FAILED). Pure: the caller gives the person's birth date and the visit date.
 */
export interface VitalSigns {
  pulse?: number | null | undefined;
  temperature?: number | null | undefined;
  systolic?: number | null | undefined;
  diastolic?: number | null | undefined;
  respiratoryRate?: number | null | undefined;
  weightKg?: number | null | undefined;
  heightCm?: number | null | undefined;
  spo2?: number | null | undefined;
  waistCm?: number | null | undefined;
}

export interface PlausibilityInput {
  vitals?: VitalSigns | undefined;
  returnDate?: string | null | undefined;
  diagnoses?: readonly { isMain: boolean }[] | undefined;
  prescription?: readonly { quantity: number; days: number }[] | undefined;
}

export interface PlausibilityContext {
  /** yyyy-mm-dd or yyyy. */
  birthDate: string;
  /** yyyy-mm-dd of the visit. */
  visitDate: string;
}

export interface PlausibilityIssue {
  /** Dotted input path, e.g. `vitals.systolic`, `prescription.0.days`. */
  path: string;
  /** i18n key (`v.*`). */
  key: string;
  params?: Record<string, string | number>;
}

type Range = readonly [min: number, max: number];

/** Fixed ranges (outside them the value is a typing error, not a clinical finding). */
export const VITAL_RANGES = {
  pulse: [20, 250],
  temperature: [30, 45],
  systolic: [50, 300],
  diastolic: [20, 200],
  respiratoryRate: [5, 80],
  spo2: [50, 100],
  waistCm: [30, 200],
} as const satisfies Record<string, Range>;

/**
 * Weight (kg) and height (cm) accepted by age band: wide enough for real extremes (WHO growth charts ±4 SD and
 * beyond), narrow enough to catch a misplaced decimal point (a 2-year-old of 60 kg).
 */
export const BODY_BY_AGE: readonly { maxAge: number; weight: Range; height: Range }[] = [
  { maxAge: 0, weight: [0.5, 15], height: [30, 90] },
  { maxAge: 2, weight: [4, 25], height: [55, 110] },
  { maxAge: 5, weight: [7, 40], height: [75, 135] },
  { maxAge: 9, weight: [10, 70], height: [95, 165] },
  { maxAge: 14, weight: [15, 120], height: [110, 195] },
  { maxAge: 17, weight: [20, 200], height: [125, 220] },
  { maxAge: Infinity, weight: [20, 250], height: [100, 230] },
];

export function bodyRangesForAge(age: number) {
  return BODY_BY_AGE.find((b) => age <= b.maxAge)!;
}

/** Body-mass index (kg/m²), one decimal; null when weight or height is missing. Computed, never stored. */
export function bmi(weightKg: number | null | undefined, heightCm: number | null | undefined): number | null {
  if (!weightKg || !heightCm || weightKg <= 0 || heightCm <= 0) return null;
  return Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
}

function checkRange(issues: PlausibilityIssue[], path: string, value: number | null | undefined, [min, max]: Range, key = 'v.range') {
  if (value === null || value === undefined) return;
  if (!Number.isFinite(value) || value < min || value > max) issues.push({ path, key, params: { min, max } });
}

export function checkVitals(vitals: VitalSigns, ctx: PlausibilityContext): PlausibilityIssue[] {
  const issues: PlausibilityIssue[] = [];
  checkRange(issues, 'vitals.pulse', vitals.pulse, VITAL_RANGES.pulse, 'v.pulse');
  checkRange(issues, 'vitals.temperature', vitals.temperature, VITAL_RANGES.temperature, 'v.temperature');
  checkRange(issues, 'vitals.systolic', vitals.systolic, VITAL_RANGES.systolic, 'v.systolic');
  checkRange(issues, 'vitals.diastolic', vitals.diastolic, VITAL_RANGES.diastolic, 'v.diastolic');
  if (vitals.systolic != null && vitals.diastolic != null && issues.every((i) => i.path !== 'vitals.systolic' && i.path !== 'vitals.diastolic')) {
    if (vitals.systolic <= vitals.diastolic) issues.push({ path: 'vitals.systolic', key: 'v.bpOrder' });
  }
  if ((vitals.systolic == null) !== (vitals.diastolic == null)) {
    issues.push({ path: vitals.systolic == null ? 'vitals.systolic' : 'vitals.diastolic', key: 'v.bpBoth' });
  }
  checkRange(issues, 'vitals.respiratoryRate', vitals.respiratoryRate, VITAL_RANGES.respiratoryRate, 'v.respiratoryRate');
  checkRange(issues, 'vitals.spo2', vitals.spo2, VITAL_RANGES.spo2, 'v.spo2');
  checkRange(issues, 'vitals.waistCm', vitals.waistCm, VITAL_RANGES.waistCm, 'v.waist');
  const age = ageInYears(ctx.birthDate, ctx.visitDate);
  const body = bodyRangesForAge(Math.max(0, age ?? 99));
  const ageParam = { age: Math.max(0, age ?? 0) };
  for (const [path, value, range, key] of [
    ['vitals.weightKg', vitals.weightKg, body.weight, 'v.weightForAge'],
    ['vitals.heightCm', vitals.heightCm, body.height, 'v.heightForAge'],
  ] as const) {
    if (value === null || value === undefined) continue;
    if (!Number.isFinite(value) || value < range[0] || value > range[1]) issues.push({ path, key, params: { min: range[0], max: range[1], ...ageParam } });
  }
  return issues;
}

/** Every rule of a visit record: vital signs, return date, one main diagnosis, prescription quantities. */
export function checkVisitRecord(record: PlausibilityInput, ctx: PlausibilityContext): PlausibilityIssue[] {
  const issues = checkVitals(record.vitals ?? {}, ctx);
  if (record.returnDate && record.returnDate <= ctx.visitDate) issues.push({ path: 'returnDate', key: 'v.returnDate' });
  const diagnoses = record.diagnoses ?? [];
  const mains = diagnoses.filter((d) => d.isMain).length;
  if (diagnoses.length > 0 && mains !== 1) issues.push({ path: 'diagnoses', key: 'v.mainDiagnosis' });
  (record.prescription ?? []).forEach((item, i) => {
    if (!Number.isFinite(item.quantity) || item.quantity <= 0) issues.push({ path: `prescription.${i}.quantity`, key: 'v.quantity' });
    if (!Number.isInteger(item.days) || item.days < 1 || item.days > 90) issues.push({ path: `prescription.${i}.days`, key: 'v.days' });
  });
  return issues;
}

/** A visit or receive date must not be in the future (`today` is the station's date). */
export function checkNotFuture(path: string, date: string, today: string): PlausibilityIssue[] {
  return date > today ? [{ path, key: 'v.visitDateFuture' }] : [];
}
