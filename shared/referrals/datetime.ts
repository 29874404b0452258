/**
 * Date and time formats of the slips and of the BHYT XML. Times are the station's wall-clock time (Viet Nam,
 * UTC+7, no daylight saving): stored timestamps with a zone (`…Z`) are converted; a local `yyyy-mm-ddTHH:MM`
 * (what the forms send) is taken as it is. Anything unreadable gives null, never "Invalid Date".
 */
const VN_OFFSET_MS = 7 * 3_600_000;

/** `yyyy-mm-ddTHH:MM` station time, or `yyyy-mm-dd` for a plain date; null when unreadable. */
export function stationWallTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return validDate(v) ? v : null;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(v);
  if (local) return validDate(local[1]!) && Number(local[2]) < 24 && Number(local[3]) < 60 ? `${local[1]}T${local[2]}:${local[3]}` : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16);
}

function validDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The date part (`yyyy-mm-dd`) in station time. */
export function stationDay(value: string | null | undefined): string | null {
  return stationWallTime(value)?.slice(0, 10) ?? null;
}

/** XML `yyyymmddHHMM` (12 characters); a plain date gets 0000 as its time. */
export function xmlDateTime(value: string | null | undefined): string {
  const t = stationWallTime(value);
  if (!t) return '';
  return t.length === 10 ? `${t.replace(/-/g, '')}0000` : t.replace(/[-T:]/g, '');
}

/** XML `yyyymmdd` (8 characters). */
export function xmlDate(value: string | null | undefined): string {
  return stationDay(value)?.replace(/-/g, '') ?? '';
}

/**
 * XML1's NGAY_SINH: 12 characters `yyyymmddHHMM`; unknown hour and minute are 0000, and an unknown day and month
 * are 0000 too (a person recorded with the birth year only).
 */
export function xmlBirthDate(birthDate: string | null | undefined): string {
  if (!birthDate) return '';
  if (/^\d{4}$/.test(birthDate)) return `${birthDate}00000000`;
  const d = xmlDate(birthDate);
  return d ? `${d}0000` : '';
}

/** dd/mm/yyyy (a year alone stays a year). */
export function viDate(value: string | null | undefined): string {
  if (value && /^\d{4}$/.test(value)) return value;
  const d = stationDay(value);
  return d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '';
}

/** "14 giờ 05 phút"; empty when there is no time of day. */
export function viTime(value: string | null | undefined): string {
  const t = stationWallTime(value);
  return t && t.length > 10 ? `${t.slice(11, 13)} giờ ${t.slice(14, 16)} phút` : '';
}

/** Day, month and year as the paper forms print them ("ngày 05 tháng 03 năm 2026"). */
export function viDayParts(value: string | null | undefined): { day: string; month: string; year: string } | null {
  const d = stationDay(value);
  return d ? { day: d.slice(8, 10), month: d.slice(5, 7), year: d.slice(0, 4) } : null;
}
