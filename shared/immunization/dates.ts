/**
 * Calendar arithmetic for the schedule engine. Dates are ISO `yyyy-mm-dd` strings (no time, no time zone): an
 * immunization schedule speaks in days, months and years of age, never in hours.
 *
 * Adding months or years is calendar-correct and agrees with `ageInMonths` / `ageInYears` in shared/persons/age.ts:
 * when the target month has no such day (31 January + 1 month), the result is the first day of the next month
 * (1 March), the day the child is first counted as "1 month old" (a test checks the agreement). Subtracting
 * clamps to the month's last day instead (31 March − 1 month = 28/29 February), the last date that is still at least
 * one month before: so `subtract(d, x)` is the latest date `e` with `add(e, x) <= d`.
 */

export type IsoDate = string;

/** A length of time in calendar units; all parts are added together (years and months first, then weeks and days). */
export interface Duration {
  readonly years?: number;
  readonly months?: number;
  readonly weeks?: number;
  readonly days?: number;
}

/*
 * Internally a date is a day number (days since 1970-01-01) and conversions use integer civil-calendar arithmetic
 * (H. Hinnant, "chrono-compatible low-level date algorithms"): no Date objects, so the engine stays fast enough
 * for due lists over a whole commune.
 */

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
}

function dayFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDay(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The date as whole days since 1970-01-01, or null when it is not a real `yyyy-mm-dd` calendar date. */
export function toEpochDay(date: string): number | null {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') return null;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return dayFromCivil(y, m, d);
}

export function fromEpochDay(day: number): IsoDate {
  const [y, m, d] = civilFromDay(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** A real calendar date between years 1000 and 9999 written `yyyy-mm-dd`. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && toEpochDay(value) !== null && value >= '1000-01-01';
}

function epoch(date: IsoDate): number {
  const day = toEpochDay(date);
  if (day === null) throw new RangeError(`not a calendar date: ${date}`);
  return day;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(epoch(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epoch(to) - epoch(from);
}

/** Day-number form of `addMonths`. */
export function addMonthsToDay(day: number, months: number): number {
  if (months === 0) return day;
  const [y, m, d] = civilFromDay(day);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  const last = daysInMonth(ty, tm);
  if (d <= last) return dayFromCivil(ty, tm, d);
  // The day does not exist in the target month: forwards roll to the 1st of the next month, backwards clamp.
  return dayFromCivil(ty, tm, last) + (months > 0 ? 1 : 0);
}

/** Adds (or, for a negative count, subtracts) calendar months; see the file comment for month ends. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return fromEpochDay(addMonthsToDay(epoch(date), months));
}

function totalMonths(d: Duration): number {
  return (d.years ?? 0) * 12 + (d.months ?? 0);
}

function totalDays(d: Duration): number {
  return (d.weeks ?? 0) * 7 + (d.days ?? 0);
}

/** Day-number form of `addDuration`. */
export function addDurationToDay(day: number, duration: Duration): number {
  return addMonthsToDay(day, totalMonths(duration)) + totalDays(duration);
}

/** Day-number form of `subtractDuration`. */
export function subtractDurationFromDay(day: number, duration: Duration): number {
  return addMonthsToDay(day - totalDays(duration), -totalMonths(duration));
}

/** `date + duration`: years and months as calendar months in one step (so 29 Feb + 1 year = 1 March), then days. */
export function addDuration(date: IsoDate, duration: Duration): IsoDate {
  return fromEpochDay(addDurationToDay(epoch(date), duration));
}

/** `date − duration`: days first, then months (clamping at month ends): the exact inverse order of `addDuration`. */
export function subtractDuration(date: IsoDate, duration: Duration): IsoDate {
  return fromEpochDay(subtractDurationFromDay(epoch(date), duration));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The latest of the given dates, ignoring null/undefined; null when none is given. */
export function latest(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let out: IsoDate | null = null;
  for (const d of dates) if (d != null && (out === null || d > out)) out = d;
  return out;
}

export function earliest(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let out: IsoDate | null = null;
  for (const d of dates) if (d != null && (out === null || d < out)) out = d;
  return out;
}

/** "2 tháng", "1 năm 6 tháng", "24 giờ" is not representable: the smallest unit is a day. */
export function formatDurationVi(d: Duration): string {
  const parts: string[] = [];
  if (d.years) parts.push(`${d.years} năm`);
  if (d.months) parts.push(`${d.months} tháng`);
  if (d.weeks) parts.push(`${d.weeks} tuần`);
  if (d.days) parts.push(`${d.days} ngày`);
  return parts.length > 0 ? parts.join(' ') : '0 ngày';
}

export function isZeroDuration(d: Duration): boolean {
  return totalMonths(d) === 0 && totalDays(d) === 0;
}
