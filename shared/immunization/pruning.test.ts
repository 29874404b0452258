import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, fromEpochDay, toEpochDay } from './dates.js';
import { dueOn, type RecordedDose } from './engine.js';
import { dueFromPacked, dueFromPending, packPending, pendingOf, unpackPending } from './pending.js';
import { pruneSchedule, relevantSeries } from './pruning.js';
import { TETANUS_WOMEN, TT10_2024_CHILDREN } from './schedules/index.js';

const ON = '2026-06-15';
const day = (d: string) => toEpochDay(d)!;

describe('pruned schedules for due lists', () => {
  it('keep only the series that can matter at the age', () => {
    const keys = (birth: string) => {
      const keep = relevantSeries(TT10_2024_CHILDREN, birth, ON);
      return keep === null ? 'all' : keep.map((i) => TT10_2024_CHILDREN.series[i]!.key).join(',');
    };
    expect(keys('2026-06-01')).toBe('bcg'); // 2 weeks old: the birth dose is past its 7 days; the rest not yet
    // BCG stays (a live injected dose delays measles); measles and JE have no maximum age in the data.
    expect(keys('2016-01-01')).toBe('bcg,measles,je,td');
    expect(keys('2020-01-01')).toBe('bcg,dpt,measles,je');
  });

  it('give the same due list as the whole schedule, for random ages and histories', () => {
    const codes = [...new Set(TT10_2024_CHILDREN.series.flatMap((s) => s.vaccineCodes))];
    const arb = fc.integer({ min: day('2008-01-01'), max: day(ON) }).chain((birth) =>
      fc.record({
        birth: fc.constant(fromEpochDay(birth)),
        doses: fc.array(
          fc.record({ code: fc.constantFrom(...codes), date: fc.integer({ min: birth, max: day(ON) }).map(fromEpochDay) }),
          { maxLength: 14 },
        ),
        onTime: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(arb, ({ birth, doses, onTime }) => {
        const recorded: RecordedDose[] = doses.map((d, i) => ({ id: String(i), vaccineCode: d.code, date: d.date }));
        if (onTime)
          for (const s of TT10_2024_CHILDREN.series)
            s.doses.forEach((d, i) => {
              const date = addDuration(birth, d.recommendedAge ?? d.minimumAge);
              if (date <= ON) recorded.push({ id: `${s.key}${i}`, seriesKey: s.key, vaccineCode: s.vaccineCodes[0]!, date });
            });
        const person = { birthDate: birth, sex: 'M' as const, doses: recorded };
        const keep = relevantSeries(TT10_2024_CHILDREN, birth, ON);
        const pruned = keep === null ? TT10_2024_CHILDREN : pruneSchedule(TT10_2024_CHILDREN, keep);
        expect(dueOn(person, pruned, ON)).toEqual(dueOn(person, TT10_2024_CHILDREN, ON));
      }),
      { numRuns: 400 },
    );
  });

  it('never drop the tetanus series in a pregnancy', () => {
    expect(relevantSeries(TETANUS_WOMEN, '1980-01-01', ON, true)).toBeNull();
    expect(relevantSeries(TETANUS_WOMEN, '1980-01-01', ON, false)).toEqual([]);
  });
});

describe('pending series (the due-list cache)', () => {
  it('give the same due list as the engine on any later date', () => {
    const codes = [...new Set(TT10_2024_CHILDREN.series.flatMap((s) => s.vaccineCodes))];
    const arb = fc.integer({ min: day('2008-01-01'), max: day(ON) }).chain((birth) =>
      fc.record({
        birth: fc.constant(fromEpochDay(birth)),
        doses: fc.array(fc.record({ code: fc.constantFrom(...codes), date: fc.integer({ min: birth, max: day(ON) }).map(fromEpochDay) }), { maxLength: 14 }),
        later: fc.integer({ min: 0, max: 4000 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ birth, doses, later }) => {
        const person = { birthDate: birth, sex: 'F' as const, doses: doses.map((d, i) => ({ id: String(i), vaccineCode: d.code, date: d.date })) };
        const on = fromEpochDay(day(ON) + later);
        expect(dueFromPending(pendingOf(person, TT10_2024_CHILDREN).series, on)).toEqual(dueOn(person, TT10_2024_CHILDREN, on));
        // Computed as of ON (expired series dropped) and stored packed: still the engine's answer on any date from ON on.
        const stored = unpackPending(JSON.parse(JSON.stringify(packPending(pendingOf(person, TT10_2024_CHILDREN, ON).series, TT10_2024_CHILDREN))), TT10_2024_CHILDREN);
        expect(dueFromPending(stored, on)).toEqual(dueOn(person, TT10_2024_CHILDREN, on));
        expect(dueFromPacked(packPending(pendingOf(person, TT10_2024_CHILDREN, ON).series, TT10_2024_CHILDREN), TT10_2024_CHILDREN, on)).toEqual(dueOn(person, TT10_2024_CHILDREN, on));
      }),
      { numRuns: 400 },
    );
  });
});
