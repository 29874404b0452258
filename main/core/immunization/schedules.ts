import { loadSchedule } from '../../../shared/immunization/load.js';
import type { Schedule } from '../../../shared/immunization/schedule-schema.js';
import { SHIPPED_SCHEDULES } from '../../../shared/immunization/schedules/index.js';
import { scheduleEffectiveOn } from '../../../shared/immunization/versions.js';
import type { Station } from '../station.js';

/**
 * Schedule versions the station knows: those shipped in code and those loaded into `vaccine_schedules` (by an
 * administrator, or delivered by sync). Parsed versions are cached per station until the table changes.
 */
export type Family = 'epi-children' | 'tetanus-women';

const cache = new WeakMap<Station, { stamp: string; versions: { schedule: Schedule; shipped: boolean }[] }>();

export function scheduleVersions(station: Station): { schedule: Schedule; shipped: boolean }[] {
  const stamp = station.sqlite.prepare(`SELECT COUNT(*) || ':' || COALESCE(MAX(hlc), '') AS s FROM vaccine_schedules`).pluck().get() as string;
  const hit = cache.get(station);
  if (hit && hit.stamp === stamp) return hit.versions;
  const versions: { schedule: Schedule; shipped: boolean }[] = SHIPPED_SCHEDULES.map((schedule) => ({ schedule, shipped: true }));
  const rows = station.sqlite.prepare(`SELECT json FROM vaccine_schedules WHERE deleted = 0 ORDER BY effective_from, created_at`).pluck().all() as string[];
  for (const json of rows) {
    const r = loadSchedule(json);
    // A stored version was validated when loaded; one that no longer parses (a newer format) is skipped, not fatal.
    if (r.ok && !versions.some((v) => v.schedule.id === r.schedule.id)) versions.push({ schedule: r.schedule, shipped: false });
  }
  cache.set(station, { stamp, versions });
  return versions;
}

/** The version of a family in force on a date; the shipped one when the date is before every version. */
export function scheduleFor(station: Station, family: Family, date: string): Schedule {
  const versions = scheduleVersions(station).map((v) => v.schedule);
  const found = scheduleEffectiveOn(versions, family, date);
  if (found) return found;
  return SHIPPED_SCHEDULES.find((s) => s.family === family)!;
}
