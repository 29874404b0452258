import { normalizeVietnamese } from '../text/fold.js';
import type { NcdIssue } from './plausibility.js';
import type { NcdExtraField, NcdExtraValue } from './program-schema.js';

/**
 * Checks the values of a program's own fields (program-schema.ts `extraFields`) on a follow-up. Empty values (null,
 * blank text) count as not entered. Returns the cleaned values to store and the issues, with paths `extra.<key>`
 * and the field's label in the caller's language as a message parameter.
 */
export function checkExtraValues(
  fields: readonly NcdExtraField[],
  values: Readonly<Record<string, NcdExtraValue | null | undefined>> | undefined,
  locale: 'vi' | 'en',
): { issues: NcdIssue[]; clean: Record<string, NcdExtraValue> } {
  const issues: NcdIssue[] = [];
  const clean: Record<string, NcdExtraValue> = {};
  const given = values ?? {};
  for (const key of Object.keys(given)) {
    if (!fields.some((f) => f.key === key)) issues.push({ path: `extra.${key}`, key: 'v.ncdExtraUnknown', params: { key } });
  }
  for (const f of fields) {
    const path = `extra.${f.key}`;
    const label = locale === 'en' ? f.labelEn : f.labelVi;
    let v = Object.hasOwn(given, f.key) ? given[f.key] : undefined;
    if (typeof v === 'string') v = normalizeVietnamese(v);
    if (v === null || v === undefined || v === '') {
      if (f.required) issues.push({ path, key: 'v.ncdExtraRequired', params: { label } });
      continue;
    }
    switch (f.type) {
      case 'number': {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          issues.push({ path, key: 'v.ncdExtraNumber', params: { label } });
          continue;
        }
        const unit = f.unit ? ` ${f.unit}` : '';
        if (f.integer && !Number.isInteger(v)) issues.push({ path, key: 'v.ncdExtraInteger', params: { label } });
        else if (f.min !== undefined && f.max !== undefined && (v < f.min || v > f.max)) issues.push({ path, key: 'v.ncdExtraRange', params: { label, min: f.min, max: f.max, unit } });
        else if (f.min !== undefined && v < f.min) issues.push({ path, key: 'v.ncdExtraMin', params: { label, min: f.min, unit } });
        else if (f.max !== undefined && v > f.max) issues.push({ path, key: 'v.ncdExtraMax', params: { label, max: f.max, unit } });
        else clean[f.key] = v;
        break;
      }
      case 'text':
        if (typeof v !== 'string') issues.push({ path, key: 'v.ncdExtraText', params: { label } });
        else if (v.length > f.maxLength) issues.push({ path, key: 'v.ncdExtraTooLong', params: { label, max: f.maxLength } });
        else clean[f.key] = v;
        break;
      case 'boolean':
        if (typeof v !== 'boolean') issues.push({ path, key: 'v.ncdExtraBoolean', params: { label } });
        else clean[f.key] = v;
        break;
      case 'choice':
        if (typeof v !== 'string' || !f.options.some((o) => o.value === v)) {
          issues.push({ path, key: 'v.ncdExtraChoice', params: { label, options: f.options.map((o) => (locale === 'en' ? o.labelEn : o.labelVi)).join(', ') } });
        } else clean[f.key] = v;
        break;
    }
  }
  return { issues, clean };
}

/** A stored `extra` column back to an object (null, or anything not an object, is empty). */
export function parseExtra(json: string | null | undefined): Record<string, NcdExtraValue> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, NcdExtraValue] => ['number', 'string', 'boolean'].includes(typeof e[1])));
  } catch {
    return {};
  }
}
