import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addDuration, fromEpochDay, latest, toEpochDay } from './dates.js';
import { dueOn, evaluateSchedule, type PersonInput, type RecordedDose } from './engine.js';
import type { Schedule } from './schedule-schema.js';
import { TETANUS_WOMEN, TT10_2024_CHILDREN } from './schedules/index.js';

const RUNS = { numRuns: 200 };
const dateArb = (from: string, to: string) => fc.integer({ min: toEpochDay(from)!, max: toEpochDay(to)! }).map(fromEpochDay);

/** For each series, the dates of an on-time history (each dose at its recommended age and interval, plus a delay). */
function onTimeDates(schedule: Schedule, dob: string, delays: readonly number[] = []): { key: string; code: string; date: string }[] {
  const out: { key: string; code: string; date: string }[] = [];
  for (const s of schedule.series) {
    let prev: string | null = null;
    for (const d of s.doses) {
      const byAge = addDuration(dob, d.recommendedAge ?? d.minimumAge);
      const interval = d.recommendedInterval ?? d.minimumInterval;
      const byInterval = prev !== null && interval ? addDuration(prev, interval) : null;
      prev = addDays(latest(byAge, byInterval)!, delays[out.length] ?? 0);
      out.push({ key: s.key, code: s.vaccineCodes[0]!, date: prev });
    }
  }
  return out;
}

/** The on-time date of the last dose of each series: evaluation dates after these see complete series. */
const seriesEnds = (schedule: Schedule, dob: string) =>
  onTimeDates(schedule, dob)
    .filter((d, i, all) => all[i + 1]?.key !== d.key)
    .map((d) => d.date);

/**
 * A random history for `schedule`: half the time a complete on-time history (a few days late), then doses near
 * their on-time dates, some at random ages, a few with junk dates, unknown series or vaccine codes.
 */
function historyArb(schedule: Schedule, dob: string): fc.Arbitrary<RecordedDose[]> {
  const keys = schedule.series.map((s) => s.key);
  const codes = [...new Set(schedule.series.flatMap((s) => s.vaccineCodes))];
  const nominal = onTimeDates(schedule, dob);
  const near = fc.record({
    slot: fc.constantFrom(...nominal),
    jitter: fc.integer({ min: -20, max: 90 }),
    byCode: fc.boolean(),
    id: fc.uuid(),
    givenElsewhere: fc.boolean(),
  }).map(({ slot, jitter, byCode, id, givenElsewhere }): RecordedDose => ({
    id,
    givenElsewhere,
    date: addDays(slot.date, jitter),
    ...(byCode ? { vaccineCode: slot.code } : { seriesKey: slot.key }),
  }));
  const random: fc.Arbitrary<RecordedDose> = fc.record(
    {
      id: fc.uuid(),
      seriesKey: fc.constantFrom(...keys, 'unknown-series'),
      vaccineCode: fc.constantFrom(...codes, 'COVID'),
      date: fc.oneof(
        { weight: 20, arbitrary: fc.integer({ min: -30, max: 40 * 365 }).map((n) => addDays(dob, n)) },
        { weight: 1, arbitrary: fc.constantFrom('2024-02-30', '', 'hôm qua', '1800-01-01') },
      ),
      givenElsewhere: fc.boolean(),
      lot: fc.constantFrom('A1', 'B2'),
    },
    { requiredKeys: ['date'] },
  );
  const doseCount = nominal.length;
  const fullHistory = fc
    .array(fc.integer({ min: 0, max: 10 }), { minLength: doseCount, maxLength: doseCount })
    .map((delays) => onTimeDates(schedule, dob, delays).map((d): RecordedDose => ({ seriesKey: d.key, date: d.date })));
  return fc
    .tuple(
      fc.oneof(fullHistory, fc.constant([])),
      fc.array(fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: random }), { maxLength: 15 }),
    )
    .map(([full, noise]) => [...full, ...noise]);
}

const personArb = (schedule: Schedule): fc.Arbitrary<{ person: PersonInput; date: string }> =>
  dateArb('1985-01-01', '2025-12-31').chain((dob) =>
    fc.record({
      person: fc.record({
        birthDate: fc.constant(dob),
        sex: fc.constantFrom<'M' | 'F' | null>('M', 'F', 'F', null),
        pregnancies: fc.array(
          fc.record(
            { expectedDelivery: fc.integer({ min: 14 * 365, max: 45 * 365 }).map((n) => addDays(dob, n)), ended: fc.constantFrom('2020-01-01', 'x') },
            { requiredKeys: ['expectedDelivery'] },
          ),
          { maxLength: 3 },
        ),
        doses: historyArb(schedule, dob),
      }),
      date: fc.oneof(
        fc.integer({ min: 0, max: 45 * 365 }).map((n) => addDays(dob, n)),
        fc.tuple(fc.constantFrom(...seriesEnds(schedule, dob)), fc.integer({ min: 0, max: 3 * 365 })).map(([end, n]) => addDays(end, n)),
      ),
    }),
  );

describe.each([
  ['children (TT 10/2024)', TT10_2024_CHILDREN],
  ['women (tetanus)', TETANUS_WOMEN],
])('engine properties, %s schedule', (_name, schedule) => {
  it('due dates are never before earliest dates, and overdue dates never before due dates', () => {
    fc.assert(
      fc.property(personArb(schedule), ({ person, date }) => {
        for (const s of evaluateSchedule(person, schedule, date).series) {
          if (!s.next) continue;
          expect(s.next.due >= s.next.earliest).toBe(true);
          if (s.next.overdue !== null) expect(s.next.overdue >= s.next.due).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('adding a dose of a completed series never makes it incomplete', () => {
    fc.assert(
      fc.property(personArb(schedule), fc.integer({ min: 0, max: 40 * 365 }), fc.boolean(), ({ person, date }, offset, useCode) => {
        const before = evaluateSchedule(person, schedule, date);
        for (const s of before.series.filter((x) => x.state === 'complete')) {
          const series = schedule.series.find((x) => x.key === s.key)!;
          const extra: RecordedDose = useCode
            ? { vaccineCode: series.vaccineCodes[0]!, date: addDays(person.birthDate, offset) }
            : { seriesKey: s.key, date: addDays(person.birthDate, offset) };
          const after = evaluateSchedule({ ...person, doses: [...(person.doses ?? []), extra] }, schedule, date);
          expect(after.series.find((x) => x.key === s.key)!.state).toBe('complete');
        }
      }),
      RUNS,
    );
  });

  it('the result does not depend on the order of the recorded doses', () => {
    fc.assert(
      fc.property(
        personArb(schedule).chain((p) => fc.shuffledSubarray([...(p.person.doses ?? [])], { minLength: (p.person.doses ?? []).length }).map((shuffled) => ({ ...p, shuffled }))),
        ({ person, date, shuffled }) => {
          expect(evaluateSchedule({ ...person, doses: shuffled }, schedule, date)).toEqual(evaluateSchedule(person, schedule, date));
        },
      ),
      RUNS,
    );
  });

  it('never throws, whatever the history and person data', () => {
    const junkPerson = fc.record({
      birthDate: fc.oneof(fc.string(), dateArb('1000-01-01', '9999-12-31'), fc.constant('2024')),
      sex: fc.constantFrom<'M' | 'F' | null | undefined>('M', 'F', null, undefined),
      pregnancies: fc.array(fc.record({ expectedDelivery: fc.oneof(fc.string(), dateArb('1000-01-01', '9999-12-31')), start: fc.string() })),
      doses: fc.array(fc.record({ date: fc.oneof(fc.string(), dateArb('1000-01-01', '9999-12-31')), seriesKey: fc.string(), vaccineCode: fc.string() })),
    });
    fc.assert(
      fc.property(fc.oneof(personArb(schedule).map((p) => p.person), junkPerson), fc.oneof(fc.string(), dateArb('1000-01-01', '9999-12-31')), (person, date) => {
        const r = evaluateSchedule(person, schedule, date);
        expect(r.series).toHaveLength(schedule.series.length);
        dueOn(person, schedule, date);
      }),
      RUNS,
    );
  });

  it('valid doses never exceed the series and the due list matches the series states', () => {
    fc.assert(
      fc.property(personArb(schedule), ({ person, date }) => {
        const r = evaluateSchedule(person, schedule, date);
        for (const s of r.series) {
          expect(s.validDoses).toBeLessThanOrEqual(s.totalDoses);
          expect(s.doses.filter((d) => d.valid)).toHaveLength(s.validDoses);
          expect(s.state === 'complete').toBe(s.validDoses === s.totalDoses && s.state !== 'not-applicable');
        }
        const due = dueOn(person, schedule, date).map((d) => d.seriesKey);
        expect(due).toEqual(r.series.filter((s) => s.state === 'due' || s.state === 'overdue').map((s) => s.key));
      }),
      RUNS,
    );
  });
});
