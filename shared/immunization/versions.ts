/** Picking the schedule version in force on a date (versions replace each other by effective date). */
import type { IsoDate } from './dates.js';
import type { Schedule } from './schedule-schema.js';

/** The version of `family` in force on `date`: the latest `effectiveFrom` on or before it, not yet ended. */
export function scheduleEffectiveOn<S extends Pick<Schedule, 'id' | 'family' | 'effectiveFrom' | 'effectiveUntil'>>(
  versions: readonly S[],
  family: string,
  date: IsoDate,
): S | null {
  let best: S | null = null;
  for (const v of versions) {
    if (v.family !== family || v.effectiveFrom > date) continue;
    if (v.effectiveUntil !== undefined && date >= v.effectiveUntil) continue;
    if (best === null || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.id > best.id)) best = v;
  }
  return best;
}
