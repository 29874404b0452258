/**
 * Pure clinical arithmetic of chronic-disease follow-up (../shared/domain/ncd.md).
 */

export interface BpReading {
  systolic: number;
  diastolic: number;
}

/**
 * Mean of the readings taken at one visit (issue 8: "two readings allowed, the mean used"). Not rounded: 139.5 is
 * below 140. Null when there is no reading.
 */
export function bpMean(readings: readonly (BpReading | null | undefined)[]): BpReading | null {
  const rs = readings.filter((r): r is BpReading => !!r);
  if (!rs.length) return null;
  return {
    systolic: rs.reduce((s, r) => s + r.systolic, 0) / rs.length,
    diastolic: rs.reduce((s, r) => s + r.diastolic, 0) / rs.length,
  };
}

/**
 * Glucose: 1 mmol/L = 18.0 mg/dL (molar mass of glucose 180.16 g/mol ÷ 10; ncd.md: "divide mg/dL by 18").
 * Stored canonically in mg/dL, since the diabetes bands of ncd.md are in mg/dL.
 */
export const GLUCOSE_MGDL_PER_MMOLL = 18.0;
export type GlucoseUnit = 'mg_dl' | 'mmol_l';
export function mmolToMgdl(mmol: number): number {
  return Math.round(mmol * GLUCOSE_MGDL_PER_MMOLL * 10) / 10;
}
export function mgdlToMmol(mgdl: number): number {
  return Math.round((mgdl / GLUCOSE_MGDL_PER_MMOLL) * 10) / 10;
}
export function toMgdl(value: number, unit: GlucoseUnit): number {
  return unit === 'mg_dl' ? value : mmolToMgdl(value);
}

/** HEARTS indicator threshold (ncd.md): controlled when systolic < 140 AND diastolic < 90. */
export const HEARTS_BP_TARGET: BpReading = { systolic: 140, diastolic: 90 };
/** Treatment target with both hypertension and diabetes (ncd.md, QĐ 5904): < 130/80. */
export const BP_TARGET_WITH_DIABETES: BpReading = { systolic: 130, diastolic: 80 };

export function bpControlled(bp: BpReading, target: BpReading = HEARTS_BP_TARGET): boolean {
  return bp.systolic < target.systolic && bp.diastolic < target.diastolic;
}

/** The patient's own BP target (for the form and the chart's band): < 130/80 with diabetes, else < 140/90. */
export function patientBpTarget(hasDiabetes: boolean): BpReading {
  return hasDiabetes ? BP_TARGET_WITH_DIABETES : HEARTS_BP_TARGET;
}

export type GlucoseType = 'fasting' | 'random' | 'post_meal';
export type SugarReading = { kind: 'glucose'; type: GlucoseType; mgdl: number } | { kind: 'hba1c'; percent: number };
export type DiabetesBand = 'low' | 'mid' | 'high';

/**
 * Diabetes bands of ncd.md from one reading: random or post-meal glucose < 200 / 200–299 / ≥ 300 mg/dL; fasting
 * < 126 / 126–199 / ≥ 200; HbA1c < 7 / 7–8.9 / ≥ 9 %. `low` is the controlled band.
 */
export function diabetesBand(r: SugarReading): DiabetesBand {
  const [a, b] = r.kind === 'hba1c' ? [7, 9] : r.type === 'fasting' ? [126, 200] : [200, 300];
  const v = r.kind === 'hba1c' ? r.percent : r.mgdl;
  return v < a ? 'low' : v < b ? 'mid' : 'high';
}

/**
 * High risk (sorts the overdue list; ncd.md): latest BP ≥ 180/110, or ≥ 140/90 with a history of heart attack or
 * stroke, or uncontrolled blood sugar (latest reading not in the controlled band).
 */
export function isHighRisk(p: { latestBp: BpReading | null; cardiovascularHistory: boolean; latestSugar: SugarReading | null }): boolean {
  const bp = p.latestBp;
  if (bp && (bp.systolic >= 180 || bp.diastolic >= 110)) return true;
  if (bp && p.cardiovascularHistory && (bp.systolic >= 140 || bp.diastolic >= 90)) return true;
  if (p.latestSugar && diabetesBand(p.latestSugar) !== 'low') return true;
  return false;
}
