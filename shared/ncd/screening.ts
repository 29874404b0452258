import { mgdlToMmol, type BpReading, type GlucoseType } from './measures.js';

/**
 * Opportunistic screening of adults (issue 8: "a result above threshold offers enrollment"). A single reading above
 * a threshold is a reason to offer enrollment (and confirm the diagnosis), not a diagnosis by itself.
 *
 * Thresholds:
 * - BP ≥ 140 systolic or ≥ 90 diastolic (mean of the readings): ../shared/domain/ncd.md, "hypertension is diagnosed
 *   at ≥ 140/90 mmHg in the clinic" (QĐ 5904/QĐ-BYT, 20/12/2019).
 * - Blood sugar: ncd.md gives no diagnostic thresholds (its bands are control bands), so the WHO / ADA diagnostic
 *   criteria are used: fasting plasma glucose ≥ 126 mg/dL (7.0 mmol/L), random glucose ≥ 200 mg/dL (11.1 mmol/L; a
 *   post-meal reading is treated like a random one), HbA1c ≥ 6.5 % (WHO 2011; ADA Standards of Care).
 */
export const SCREENING_ADULT_AGE = 18;
export const SCREENING_BP: BpReading = { systolic: 140, diastolic: 90 };
export const SCREENING_FASTING_MGDL = 126;
export const SCREENING_RANDOM_MGDL = 200;
export const SCREENING_HBA1C = 6.5;

/** Programs a screening can offer: the shipped ones these thresholds diagnose. */
export const SCREENING_PROGRAMS = { bp: 'hypertension', sugar: 'diabetes_t2' } as const;

export type ScreeningReading =
  | { kind: 'bp'; systolic: number; diastolic: number }
  | { kind: 'glucose'; type: GlucoseType; mgdl: number; mmol: number }
  | { kind: 'hba1c'; percent: number };

export interface ScreeningFinding {
  program: string;
  /** i18n key of the reason, with `reasonParams`. */
  reasonKey: 'ncd.offer.bp' | 'ncd.offer.fasting' | 'ncd.offer.random' | 'ncd.offer.postMeal' | 'ncd.offer.hba1c';
  reasonParams: Record<string, string | number>;
  reading: ScreeningReading;
}

export interface ScreeningInput {
  bp: BpReading | null;
  glucose: { type: GlucoseType; mgdl: number } | null;
  hba1c: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The readings above threshold, one finding per program (HbA1c before glucose when both are high). */
export function screeningFindings(r: ScreeningInput): ScreeningFinding[] {
  const out: ScreeningFinding[] = [];
  if (r.bp && (r.bp.systolic >= SCREENING_BP.systolic || r.bp.diastolic >= SCREENING_BP.diastolic)) {
    const systolic = round1(r.bp.systolic);
    const diastolic = round1(r.bp.diastolic);
    out.push({ program: SCREENING_PROGRAMS.bp, reasonKey: 'ncd.offer.bp', reasonParams: { systolic, diastolic }, reading: { kind: 'bp', systolic, diastolic } });
  }
  if (r.hba1c != null && r.hba1c >= SCREENING_HBA1C) {
    out.push({ program: SCREENING_PROGRAMS.sugar, reasonKey: 'ncd.offer.hba1c', reasonParams: { percent: r.hba1c }, reading: { kind: 'hba1c', percent: r.hba1c } });
  } else if (r.glucose) {
    const g = r.glucose;
    const limit = g.type === 'fasting' ? SCREENING_FASTING_MGDL : SCREENING_RANDOM_MGDL;
    if (g.mgdl >= limit) {
      const reasonKey = g.type === 'fasting' ? 'ncd.offer.fasting' : g.type === 'post_meal' ? 'ncd.offer.postMeal' : 'ncd.offer.random';
      const mmol = mgdlToMmol(g.mgdl);
      out.push({ program: SCREENING_PROGRAMS.sugar, reasonKey, reasonParams: { mgdl: round1(g.mgdl), mmol }, reading: { kind: 'glucose', type: g.type, mgdl: round1(g.mgdl), mmol } });
    }
  }
  return out;
}
