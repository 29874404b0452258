/**
 * A person's date of birth is `yyyy-mm-dd`, or `yyyy` when only the year is known (common for the elderly).
 * Ages follow the Vietnamese convention on forms: years; for children under 6 also months; under 1 month, days.
 */
export type BirthDate = string;

export function birthYearOf(birthDate: BirthDate): number | null {
  const m = /^(\d{4})(?:-\d{2}-\d{2})?$/.exec(birthDate);
  return m ? Number(m[1]) : null;
}

export function isYearOnly(birthDate: BirthDate): boolean {
  return /^\d{4}$/.test(birthDate);
}

/** Whole years completed on `today` (ISO date); for a year-only date, the difference of years. */
export function ageInYears(birthDate: BirthDate, today: string): number | null {
  const year = birthYearOf(birthDate);
  if (year === null) return null;
  const ty = Number(today.slice(0, 4));
  if (isYearOnly(birthDate)) return ty - year;
  const md = birthDate.slice(5);
  const tmd = today.slice(5, 10);
  return ty - year - (tmd < md ? 1 : 0);
}

export function ageInMonths(birthDate: BirthDate, today: string): number | null {
  if (isYearOnly(birthDate)) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.slice(0, 10).split('-').map(Number) as [number, number, number];
  return (ty - y) * 12 + (tm - m) - (td < d ? 1 : 0);
}

export function ageInDays(birthDate: BirthDate, today: string): number | null {
  if (isYearOnly(birthDate)) return null;
  return Math.round((Date.parse(`${today.slice(0, 10)}T00:00:00Z`) - Date.parse(`${birthDate}T00:00:00Z`)) / 86_400_000);
}

export interface AgeParts {
  years: number;
  months?: number;
  days?: number;
  approximate: boolean;
}

/** The age to show: `{years}` for adults, `{years, months}` under 6, `{days}` in the first month. */
export function ageParts(birthDate: BirthDate, today: string): AgeParts | null {
  const years = ageInYears(birthDate, today);
  if (years === null) return null;
  if (isYearOnly(birthDate)) return { years, approximate: true };
  const months = ageInMonths(birthDate, today)!;
  if (months < 1) return { years: 0, months: 0, days: ageInDays(birthDate, today)!, approximate: false };
  if (years < 6) return { years, months: months - years * 12, approximate: false };
  return { years, approximate: false };
}

/** Valid stored birth date: a real calendar date or a year, from 1900 to `today`. */
export function isValidBirthDate(birthDate: string, today: string): boolean {
  if (isYearOnly(birthDate)) {
    const y = Number(birthDate);
    return y >= 1900 && y <= Number(today.slice(0, 4));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return false;
  return Number(m[1]) >= 1900 && birthDate <= today.slice(0, 10);
}
