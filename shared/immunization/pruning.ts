/**
 * Speed for due lists over a whole commune (issue 7 §7: ≤ 300 ms at 100,000 persons). A series cannot be due on a
 * date when the person is younger than its first dose's minimum age or older than its last dose's maximum age, so
 * the engine is run on the schedule without those series. The live-vaccine rule looks across series (a valid BCG
 * dose, even years ago, sets the earliest date of the measles dose after it), so a series with a live injected dose
 * is never dropped for age; dropping a series the person is too young for is always safe (any dose of it so far is
 * invalid, and invalid doses delay nothing). `pruneSchedule` results are cached per set of series by the caller.
 *
 * The result equals `dueOn` on the full schedule (a property test checks it on random histories).
 */
import { addDurationToDay, toEpochDay, type Duration } from './dates.js';
import type { Schedule, ScheduleSeries } from './schedule-schema.js';

function lastMaximumAge(s: ScheduleSeries): Duration | null {
  let out: Duration | null = null;
  for (const d of s.doses) {
    if (!d.maximumAge) return null; // a dose without a maximum age keeps the series open for ever
    out = d.maximumAge;
  }
  return out;
}

/**
 * The series of `schedule` that may matter on `date` for a person born on `birthDate` (indices), or null when
 * every series does (no pruning needed) or the dates are unreadable (let the engine flag them).
 */
export function relevantSeries(schedule: Schedule, birthDate: string, date: string, pregnant = false): number[] | null {
  const birth = toEpochDay(birthDate);
  const on = toEpochDay(date);
  if (birth === null || on === null) return null;
  const out: number[] = [];
  schedule.series.forEach((s, i) => {
    // Pregnancy lifts the age limits of a series (tetanus): keep it.
    if (pregnant && s.pregnancyWaivesAge) return void out.push(i);
    const first = s.doses[0];
    if (first && on < addDurationToDay(birth, first.minimumAge)) return; // too young: any dose so far was invalid, so none can delay another
    const max = lastMaximumAge(s);
    const liveInjected = schedule.liveVaccineInterval !== undefined && s.doses.some((d) => d.live && d.route === 'injection');
    if (max && !liveInjected && on >= addDurationToDay(birth, max)) return;
    out.push(i);
  });
  return out.length === schedule.series.length ? null : out;
}

/** A schedule keeping only the given series (cache the result: the engine takes any schedule object). */
export function pruneSchedule(schedule: Schedule, keep: readonly number[]): Schedule {
  return { ...schedule, series: keep.map((i) => schedule.series[i]!) };
}
