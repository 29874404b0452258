import { formatDateVi } from '../../../shared/dates.js';
import { GLUCOSE_MGDL_PER_MMOLL } from '../../../shared/ncd/measures.js';
import { daysBetween } from '../../../shared/visits/station-date.js';

/** "150/95": readings are whole mmHg; a mean of two readings may end in .5 and is shown with one decimal. */
export function formatBp(bp: { systolic: number; diastolic: number } | null | undefined): string {
  if (!bp) return '—';
  const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return `${n(bp.systolic)}/${n(bp.diastolic)}`;
}

/** A number in the Vietnamese way (comma as decimal mark) with at most `decimals` decimals. */
export function formatNumber(v: number, locale: 'vi' | 'en', decimals = 1): string {
  return v.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: decimals });
}

export function mgdlToMmolExact(mgdl: number): number {
  return mgdl / GLUCOSE_MGDL_PER_MMOLL;
}

/** dd/mm for chart axes. */
export function shortDate(iso: string): string {
  return formatDateVi(iso).slice(0, 5) + '/' + iso.slice(2, 4);
}

export function daysFromToday(iso: string, today: string): number {
  return daysBetween(today, iso);
}

/** Percent of a denominator, one decimal; null when the denominator is 0. */
export function share(count: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((count / denominator) * 1000) / 10 : null;
}
