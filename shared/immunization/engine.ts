/**
 * The immunization schedule engine (issue 7 §1): for a person, a schedule version and a date, the status of each
 * series and the validity of each recorded dose. Pure and data-driven: every number comes from the schedule
 * (./schedule-schema.ts, shipped versions in ./schedules/); docs/schedule-engine.md explains the rules.
 *
 * Doses are evaluated in date order. A dose counts ("valid") when it respects the next dose's minimum age and the
 * minimum interval from the previous *valid* dose of the series (both less the grace days), is given before the
 * maximum age, and — for a live injected vaccine — is not given within the live-vaccine interval after another
 * live injected vaccine on an earlier day. An invalid dose is kept and flagged; it does not count. A late dose is
 * simply the next dose: a series never restarts.
 */
import { addDurationToDay, fromEpochDay, subtractDurationFromDay, toEpochDay, type Duration, type IsoDate } from './dates.js';
import type { Schedule, ScheduleDose, ScheduleSeries } from './schedule-schema.js';
import type {
  DoseEvaluation,
  DueDose,
  InvalidReason,
  NextDose,
  PersonInput,
  RecordedDose,
  ScheduleEvaluation,
  SeriesState,
  SeriesStatus,
} from './types.js';

export type {
  DoseEvaluation,
  DueDose,
  InvalidReason,
  NextDose,
  PersonInput,
  PregnancyInput,
  RecordedDose,
  ScheduleEvaluation,
  SeriesState,
  SeriesStatus,
} from './types.js';

/** A pregnancy as day numbers (see ./dates.ts): the engine computes with numbers, and writes ISO dates out. */
interface Window {
  readonly start: number;
  readonly end: number;
  readonly expectedDelivery: number;
}

const MIN_DAY = toEpochDay('1900-01-01')!;
const MAX_DAY = toEpochDay('2200-12-31')!;

/** The day number of a date the engine computes with: a real calendar date in 1900–2200, else null. */
function dayOf(date: unknown): number | null {
  const d = typeof date === 'string' ? toEpochDay(date) : null;
  return d !== null && d >= MIN_DAY && d <= MAX_DAY ? d : null;
}

function pregnancyWindows(person: PersonInput): Window[] {
  const out: Window[] = [];
  for (const p of person.pregnancies ?? []) {
    const edd = dayOf(p.expectedDelivery);
    if (edd === null) continue;
    const start = (p.start !== undefined ? dayOf(p.start) : null) ?? edd - 280;
    const end = (p.ended !== undefined ? dayOf(p.ended) : null) ?? edd;
    out.push({ start, end, expectedDelivery: edd });
  }
  return out.sort((a, b) => b.start - a.start);
}

const pregnancyAt = (windows: readonly Window[], on: number) => windows.find((w) => w.start <= on && on <= w.end) ?? null;

/** The latest of the given day numbers, ignoring nulls. */
function maxDay(first: number, ...rest: (number | null)[]): number {
  let out = first;
  for (const d of rest) if (d !== null && d > out) out = d;
  return out;
}

/** A total order on doses, so that the result does not depend on the order of the input. */
function compareDoses(a: RecordedDose, b: RecordedDose): number {
  return (
    cmp(a.date, b.date) ||
    cmp(a.seriesKey ?? '', b.seriesKey ?? '') ||
    cmp(a.vaccineCode ?? '', b.vaccineCode ?? '') ||
    cmp(a.id ?? '', b.id ?? '') ||
    cmp(a.lot ?? '', b.lot ?? '') ||
    Number(a.givenElsewhere === true) - Number(b.givenElsewhere === true)
  );
}

function cmp(a: unknown, b: unknown): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Entry {
  readonly dose: RecordedDose;
  readonly seriesIndex: number;
}

function matchSeries(schedule: Schedule, dose: RecordedDose): number[] {
  if (dose.seriesKey !== undefined) {
    const i = schedule.series.findIndex((s) => s.key === dose.seriesKey);
    return i >= 0 ? [i] : [];
  }
  if (dose.vaccineCode === undefined) return [];
  const out: number[] = [];
  schedule.series.forEach((s, i) => {
    if (s.vaccineCodes.includes(dose.vaccineCode!)) out.push(i);
  });
  return out;
}

function evaluation(
  dose: RecordedDose,
  seriesKey: string | null,
  valid: boolean,
  doseNumber: number | null,
  reason: InvalidReason | null,
): DoseEvaluation {
  return { dose, seriesKey, valid, doseNumber, reason };
}

/** The status of every series of `schedule` for `person` on `date` (ISO). Never throws for any input data. */
export function evaluateSchedule(person: PersonInput, schedule: Schedule, date: IsoDate): ScheduleEvaluation {
  const doses = [...(person.doses ?? [])].sort(compareDoses);
  const unmatched: DoseEvaluation[] = [];
  const perSeries: DoseEvaluation[][] = schedule.series.map(() => []);
  const entries: Entry[] = [];
  for (const dose of doses) {
    const matched = matchSeries(schedule, dose);
    if (matched.length === 0) unmatched.push(evaluation(dose, null, false, null, dayOf(dose.date) !== null ? 'unknown-vaccine' : 'invalid-date'));
    for (const i of matched) entries.push({ dose, seriesIndex: i });
  }
  const birth = dayOf(person.birthDate);
  const evaluatedOn = dayOf(date);
  if (birth === null || evaluatedOn === null) {
    const series = schedule.series.map((s, i) => {
      const evals = entries.filter((e) => e.seriesIndex === i).map((e) => evaluation(e.dose, s.key, false, null, 'unknown-birth-date'));
      return { key: s.key, name: s.name, state: 'unknown' as const, validDoses: 0, totalDoses: s.doses.length, next: null, doses: evals };
    });
    return { scheduleId: schedule.id, date, series, unmatched };
  }
  const dob = birth;
  const today = evaluatedOn;
  const windows = pregnancyWindows(person);
  const validDays: number[][] = schedule.series.map(() => []);
  const liveDays: number[] = [];
  const liveInterval = schedule.liveVaccineInterval;
  const isLiveInjected = (d: ScheduleDose) => d.live && d.route === 'injection' && liveInterval !== undefined;
  const plus = (from: number | null, x: Duration | undefined) => (from !== null && x ? addDurationToDay(from, x) : null);

  for (const { dose, seriesIndex } of entries) {
    const series = schedule.series[seriesIndex]!;
    const valid = validDays[seriesIndex]!;
    const out = perSeries[seriesIndex]!;
    const on = dayOf(dose.date);
    const def = series.doses[valid.length];
    let reason: InvalidReason | null;
    if (on === null) reason = 'invalid-date';
    else if (on > today) reason = 'after-evaluation-date';
    else if (!def) reason = 'series-complete';
    else reason = checkDose(series, def, on, valid[valid.length - 1] ?? null);
    const checked = on !== null && on <= today && def !== undefined;
    out.push(evaluation(dose, series.key, reason === null, checked ? valid.length + 1 : null, reason));
    if (reason === null && on !== null && def) {
      valid.push(on);
      if (isLiveInjected(def)) liveDays.push(on);
    }
  }

  function checkDose(series: ScheduleSeries, def: ScheduleDose, on: number, prev: number | null): InvalidReason | null {
    const grace = def.graceDays ?? schedule.graceDays ?? 0;
    const waive = series.pregnancyWaivesAge === true && pregnancyAt(windows, on) !== null;
    if (on < dob || (!waive && on < addDurationToDay(dob, def.minimumAge) - grace)) return 'too-early-age';
    const minNext = plus(prev, def.minimumInterval);
    if (minNext !== null && on < minNext - grace) return 'interval-too-short';
    if (isLiveInjected(def) && liveDays.some((d) => d < on && on < addDurationToDay(d, liveInterval!))) return 'live-vaccine-interval';
    if (!waive && def.maximumAge && on >= addDurationToDay(dob, def.maximumAge)) return 'after-maximum-age';
    return null;
  }

  const series = schedule.series.map((s, i): SeriesStatus => {
    const valid = validDays[i]!;
    const status = (state: SeriesState, next: NextDose | null): SeriesStatus => ({
      key: s.key,
      name: s.name,
      state,
      validDoses: valid.length,
      totalDoses: s.doses.length,
      next,
      doses: perSeries[i]!,
    });
    if (s.sex && person.sex && s.sex !== person.sex) return status('not-applicable', null);
    const def = s.doses[valid.length];
    if (!def) return status('complete', null);
    const next = nextDose(s, def, valid.length + 1, valid[valid.length - 1] ?? null);
    return status(stateOn(next, date), next);
  });

  function nextDose(series: ScheduleSeries, def: ScheduleDose, doseNumber: number, prev: number | null): NextDose {
    const preg = series.pregnancyWaivesAge || def.pregnancy ? pregnancyAt(windows, today) : null;
    const waive = series.pregnancyWaivesAge === true && preg !== null;
    const lastLive = isLiveInjected(def) && liveDays.length > 0 ? Math.max(...liveDays) : null;
    const earliest = maxDay(
      dob,
      waive ? null : addDurationToDay(dob, def.minimumAge),
      plus(prev, def.minimumInterval),
      plus(lastLive, liveInterval),
    );
    const due = maxDay(
      earliest,
      waive ? null : addDurationToDay(dob, def.recommendedAge ?? def.minimumAge),
      plus(prev, def.recommendedInterval ?? def.minimumInterval),
      preg && def.pregnancy ? preg.start : null,
    );
    let overdue: number | null;
    const beforeDelivery = def.pregnancy?.overdueBeforeDelivery;
    if (preg && beforeDelivery) overdue = maxDay(due, subtractDurationFromDay(preg.expectedDelivery, beforeDelivery));
    else {
      const byAge = waive ? null : plus(dob, def.overdueAge);
      const byInterval = plus(prev, def.overdueInterval);
      overdue = byAge === null && byInterval === null ? null : maxDay(due, byAge, byInterval);
    }
    const expires = waive ? null : plus(dob, def.maximumAge);
    const iso = (d: number | null) => (d === null ? null : fromEpochDay(d));
    return {
      doseNumber,
      label: def.label,
      earliest: fromEpochDay(earliest),
      due: fromEpochDay(due),
      overdue: iso(overdue),
      expires: iso(expires),
      vaccines: def.vaccines,
      live: def.live,
      route: def.route,
    };
  }

  return { scheduleId: schedule.id, date, series, unmatched };
}

function stateOn(next: NextDose, date: IsoDate): SeriesState {
  if (next.expires !== null && (date >= next.expires || next.earliest >= next.expires)) return 'expired';
  if (date < next.earliest) return 'not-yet-eligible';
  if (date < next.due) return 'eligible';
  if (next.overdue !== null && date >= next.overdue) return 'overdue';
  return 'due';
}

/** Doses due or overdue on `date`, one per series at most (the due list of an immunization session). */
export function dueOn(person: PersonInput, schedule: Schedule, date: IsoDate): DueDose[] {
  const out: DueDose[] = [];
  for (const s of evaluateSchedule(person, schedule, date).series) {
    if ((s.state === 'due' || s.state === 'overdue') && s.next) out.push({ ...s.next, seriesKey: s.key, seriesName: s.name, state: s.state });
  }
  return out;
}

export { scheduleEffectiveOn } from './versions.js';
