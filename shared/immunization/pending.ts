/**
 * Date-independent summary of a child's schedule, for the due-list cache (docs/immunization.md "Due list speed").
 * Without pregnancies the engine's next-dose dates depend only on the birth date and the doses given, so the
 * pending series can be computed once (evaluated on a far date, when every recorded dose counts) and the state on
 * any later date read from the dates alone, exactly as the engine does (a property test checks the equality).
 */
import { evaluateSchedule, type DueDose, type NextDose, type PersonInput } from './engine.js';
import type { Schedule } from './schedule-schema.js';

/** The engine's own upper bound: every dose recorded up to now is before it. */
export const FAR_DATE = '2200-12-30';

export interface PendingSeries {
  readonly seriesKey: string;
  readonly seriesName: string;
  readonly next: NextDose;
}

export interface Pending {
  readonly series: readonly PendingSeries[];
  /** Earliest `due` of the pending series; null when none can ever be given. */
  readonly firstDue: string | null;
  /** Latest `expires`; null when a pending series never expires (or none is pending). */
  readonly until: string | null;
  /** Earliest `expires` of the pending series (the day the summary should be computed again), or null. */
  readonly nextExpiry: string | null;
}

/**
 * Pending series of a person without pregnancies (children's schedule). With `asOf`, series already expired on that
 * day are left out: the summary is then valid for dates from `asOf` on.
 */
export function pendingOf(person: Omit<PersonInput, 'pregnancies'>, schedule: Schedule, asOf?: string): Pending {
  const ev = evaluateSchedule({ ...person, pregnancies: [] }, schedule, FAR_DATE);
  const series: PendingSeries[] = [];
  for (const s of ev.series) {
    const n = s.next;
    // No next dose (complete, not applicable, unknown birth date), or one that can never be given.
    if (!n || (n.expires !== null && (n.earliest >= n.expires || (asOf !== undefined && asOf >= n.expires)))) continue;
    series.push({ seriesKey: s.key, seriesName: s.name, next: n });
  }
  let firstDue: string | null = null;
  let until: string | null = null;
  let nextExpiry: string | null = null;
  let open = false;
  for (const p of series) {
    if (firstDue === null || p.next.due < firstDue) firstDue = p.next.due;
    if (p.next.expires === null) open = true;
    else {
      if (until === null || p.next.expires > until) until = p.next.expires;
      if (nextExpiry === null || p.next.expires < nextExpiry) nextExpiry = p.next.expires;
    }
  }
  return { series, firstDue, until: open ? null : until, nextExpiry };
}

/** The doses due or overdue on `date` (as `dueOn` gives them), from the pending series. */
export function dueFromPending(series: readonly PendingSeries[], date: string): DueDose[] {
  const out: DueDose[] = [];
  for (const { seriesKey, seriesName, next } of series) {
    if (next.expires !== null && (date >= next.expires || next.earliest >= next.expires)) continue;
    if (date < next.due) continue;
    out.push({ ...next, seriesKey, seriesName, state: next.overdue !== null && date >= next.overdue ? 'overdue' : 'due' });
  }
  return out;
}

/** A pending series as stored: [series index in the schedule, dose number, earliest, due, overdue, expires]. */
export type PackedSeries = [number, number, string, string, string | null, string | null];

/** Compact form of the pending series for storage: the schedule supplies names, labels and vaccines again. */
export function packPending(series: readonly PendingSeries[], schedule: Schedule): PackedSeries[] {
  return series.map((p) => [schedule.series.findIndex((s) => s.key === p.seriesKey), p.next.doseNumber, p.next.earliest, p.next.due, p.next.overdue, p.next.expires]);
}

/** The pending series from their packed form (entries that no longer fit the schedule are dropped). */
export function unpackPending(packed: readonly PackedSeries[], schedule: Schedule): PendingSeries[] {
  const out: PendingSeries[] = [];
  for (const [i, doseNumber, earliest, due, overdue, expires] of packed) {
    const s = schedule.series[i];
    const d = s?.doses[doseNumber - 1];
    if (!s || !d) continue;
    out.push({ seriesKey: s.key, seriesName: s.name, next: { doseNumber, label: d.label, earliest, due, overdue, expires, vaccines: d.vaccines, live: d.live, route: d.route } });
  }
  return out;
}

/**
 * `dueFromPending(unpackPending(packed, schedule), date)` without building objects for the series that are not
 * due (most of them): the due list reads thousands of rows.
 */
export function dueFromPacked(packed: readonly PackedSeries[], schedule: Schedule, date: string): DueDose[] {
  const out: DueDose[] = [];
  for (const [i, doseNumber, earliest, due, overdue, expires] of packed) {
    if (date < due || (expires !== null && (date >= expires || earliest >= expires))) continue;
    const s = schedule.series[i];
    const d = s?.doses[doseNumber - 1];
    if (!s || !d) continue;
    out.push({ doseNumber, label: d.label, earliest, due, overdue, expires, vaccines: d.vaccines, live: d.live, route: d.route, seriesKey: s.key, seriesName: s.name, state: overdue !== null && date >= overdue ? 'overdue' : 'due' });
  }
  return out;
}
