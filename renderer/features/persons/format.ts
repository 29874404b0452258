import type { PersonSummary } from '../../../shared/contract/persons.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { ageParts } from '../../../shared/persons/age.js';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Today as yyyy-mm-dd in the workstation's time zone. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** "45 tuổi", "3 tuổi 2 tháng", "5 tháng", "12 ngày", "~72 tuổi" (year of birth only). */
export function formatAge(birthDate: string, t: T, today = todayIso()): string {
  const a = ageParts(birthDate, today);
  if (!a) return '';
  if (a.approximate) return t('age.approx', { years: a.years });
  if (a.days !== undefined) return t('age.days', { days: a.days });
  if (a.months !== undefined) {
    if (a.years === 0) return t('age.months', { months: a.months });
    return a.months === 0 ? t('age.years', { years: a.years }) : t('age.yearsMonths', { years: a.years, months: a.months });
  }
  return t('age.years', { years: a.years });
}

/** dd/mm/yyyy, or the year alone. */
export function formatBirthDate(birthDate: string): string {
  return formatDateVi(birthDate);
}

/** What the user typed as a date of birth (dd/mm/yyyy or yyyy) → stored form; null when unreadable. */
export function parseBirthInput(text: string): string | null {
  const s = text.trim();
  if (/^\d{4}$/.test(s)) return s;
  return parseDateVi(s);
}

export function sexLabel(sex: 'M' | 'F', t: T): string {
  return sex === 'M' ? t('person.sex.M') : t('person.sex.F');
}

export type BhytState = 'valid' | 'expiring' | 'expired' | 'none';

/** Card validity on `today`: expiring = ends within 30 days. */
export function bhytState(summary: Pick<PersonSummary, 'bhytCardCode' | 'bhxhNumber' | 'bhytValidTo'>, today = todayIso()): BhytState {
  if (!summary.bhytCardCode && !summary.bhxhNumber) return 'none';
  const to = summary.bhytValidTo;
  if (!to) return 'valid';
  if (to < today) return 'expired';
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= 30 ? 'expiring' : 'valid';
}

export const BHYT_COLOR: Record<BhytState, string> = { valid: 'green', expiring: 'orange', expired: 'red', none: 'red' };
