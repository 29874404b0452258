/**
 * The station's calendar date. Viet Nam has one time zone (UTC+7, no daylight saving), so "today" and the day a
 * visit belongs to are computed the same way on the server and in every browser, whatever the PC's zone setting.
 */
const VN_OFFSET_MS = 7 * 3_600_000;

export function stationDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** yyyy-mm-dd plus n days. */
export function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both yyyy-mm-dd). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
