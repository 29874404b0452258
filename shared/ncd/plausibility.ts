import { VITAL_RANGES } from '../visits/plausibility.js';
import { GLUCOSE_MGDL_PER_MMOLL, type GlucoseUnit } from './measures.js';

/** Impossible readings of a follow-up (typing errors, not clinical findings). Keys are i18n keys (`v.ncd*`). */
export interface NcdIssue {
  path: string;
  key: string;
  params?: Record<string, string | number>;
}

/** Glucose in mg/dL: 20–600 covers every measurable value of a station's meter; mmol/L range is the same ÷ 18. */
export const GLUCOSE_MGDL_RANGE = [20, 600] as const;
export const HBA1C_RANGE = [3, 20] as const;
export const WEIGHT_RANGE = [20, 250] as const;

export interface FollowupReadings {
  bp1?: { systolic: number; diastolic: number } | null | undefined;
  bp2?: { systolic: number; diastolic: number } | null | undefined;
  pulse?: number | null | undefined;
  weightKg?: number | null | undefined;
  glucose?: { value: number; unit: GlucoseUnit } | null | undefined;
  hba1c?: number | null | undefined;
}

function range(issues: NcdIssue[], path: string, v: number | null | undefined, [min, max]: readonly [number, number], key: string) {
  if (v === null || v === undefined) return;
  if (!Number.isFinite(v) || v < min || v > max) issues.push({ path, key, params: { min, max } });
}

export function checkFollowupReadings(r: FollowupReadings): NcdIssue[] {
  const issues: NcdIssue[] = [];
  for (const name of ['bp1', 'bp2'] as const) {
    const bp = r[name];
    if (!bp) continue;
    const before = issues.length;
    range(issues, `${name}.systolic`, bp.systolic, VITAL_RANGES.systolic, 'v.systolic');
    range(issues, `${name}.diastolic`, bp.diastolic, VITAL_RANGES.diastolic, 'v.diastolic');
    if (issues.length === before && bp.systolic <= bp.diastolic) issues.push({ path: `${name}.systolic`, key: 'v.bpOrder' });
  }
  if (r.bp2 && !r.bp1) issues.push({ path: 'bp1', key: 'v.ncdBpFirst' });
  range(issues, 'pulse', r.pulse, VITAL_RANGES.pulse, 'v.pulse');
  range(issues, 'weightKg', r.weightKg, WEIGHT_RANGE, 'v.ncdWeight');
  if (r.glucose) {
    const [min, max] = r.glucose.unit === 'mg_dl' ? GLUCOSE_MGDL_RANGE : ([GLUCOSE_MGDL_RANGE[0] / GLUCOSE_MGDL_PER_MMOLL, GLUCOSE_MGDL_RANGE[1] / GLUCOSE_MGDL_PER_MMOLL].map((x) => Math.round(x * 10) / 10) as [number, number]);
    range(issues, 'glucose.value', r.glucose.value, [min, max], r.glucose.unit === 'mg_dl' ? 'v.ncdGlucoseMgdl' : 'v.ncdGlucoseMmol');
  }
  range(issues, 'hba1c', r.hba1c, HBA1C_RANGE, 'v.ncdHba1c');
  return issues;
}
