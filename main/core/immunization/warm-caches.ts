import { stationDate } from '../../../shared/visits/station-date.js';
import type { Station } from '../station.js';
import { refreshCoverageCache } from './coverage.js';
import { refreshDueCache } from './due.js';
import { scheduleFor } from './schedules.js';

/** Rows refreshed per slice: ≈ 50–100 ms of work on an old PC, so requests wait at most that long meanwhile. */
const SLICE_ROWS = 500;

/**
 * Brings the immunization caches (due list, coverage) up to date in small slices after start-up, yielding to other
 * work between slices. After a migration or a new schedule version every cached row is stale, and the first due
 * list or coverage report at 100,000 persons would otherwise take 5–7 s for whoever opens it first. Resolves with
 * the number of rows refreshed; stops quietly when the station closes.
 */
export async function warmImmunizationCaches(station: Station, sliceRows = SLICE_ROWS): Promise<number> {
  let total = 0;
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!station.sqlite.open) return total;
    const today = stationDate(station.now());
    const children = scheduleFor(station, 'epi-children', today);
    const due = refreshDueCache(station, children, scheduleFor(station, 'tetanus-women', today), today, sliceRows);
    const coverage = due < sliceRows ? refreshCoverageCache(station, children, sliceRows - due) : 0;
    total += due + coverage;
    if (due + coverage < sliceRows) return total;
  }
}
