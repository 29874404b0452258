import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInMonths, ageInYears } from '../persons/age.js';
import {
  addDays,
  addDuration,
  addMonths,
  daysBetween,
  type Duration,
  formatDurationVi,
  fromEpochDay,
  isIsoDate,
  latest,
  subtractDuration,
  toEpochDay,
} from './dates.js';

const dateArb = fc.integer({ min: toEpochDay('1950-01-01')!, max: toEpochDay('2100-12-31')! }).map(fromEpochDay);
const durationArb: fc.Arbitrary<Duration> = fc.record(
  { years: fc.nat(20), months: fc.nat(30), weeks: fc.nat(10), days: fc.nat(40) },
  { requiredKeys: [] },
);

describe('reading calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['2024-1-1', false],
    ['01/02/2024', false],
    ['2024', false],
  ])('%s is a calendar date: %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });

  it('agrees with the JavaScript Date for every day from year 1000 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1) / 86_400_000, max: Date.UTC(9999, 11, 31) / 86_400_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromEpochDay(day)).toBe(iso);
        expect(toEpochDay(iso)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts days across leap and common years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2); // 2000 is a leap year (divisible by 400)
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1); // 1900 is not
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('adding months and years', () => {
  it.each([
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2024-01-29', 1, '2024-02-29'],
    ['2024-01-30', 1, '2024-03-01'],
    ['2024-01-31', 1, '2024-03-01'],
    ['2023-01-29', 1, '2023-03-01'],
    ['2023-01-31', 1, '2023-03-01'],
    ['2024-08-31', 1, '2024-10-01'],
    ['2024-12-31', 2, '2025-03-01'],
    ['2024-03-31', 6, '2024-10-01'],
    ['2024-05-31', 18, '2025-12-01'],
  ])('%s + %i months = %s (a missing day rolls to the 1st of the next month)', (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
  });

  it.each([
    ['2024-03-31', 1, '2024-02-29'],
    ['2023-03-31', 1, '2023-02-28'],
    ['2023-03-29', 1, '2023-02-28'],
    ['2024-03-01', 1, '2024-02-01'],
    ['2025-01-31', 2, '2024-11-30'],
  ])('%s − %i months = %s (a missing day clamps to the month end)', (from, n, to) => {
    expect(addMonths(from, -n)).toBe(to);
  });

  it('adds years to 29 February', () => {
    expect(addDuration('2024-02-29', { years: 1 })).toBe('2025-03-01');
    expect(addDuration('2024-02-29', { years: 4 })).toBe('2028-02-29');
    expect(addDuration('2024-02-29', { years: 7 })).toBe('2031-03-01');
    expect(subtractDuration('2025-02-28', { years: 1 })).toBe('2024-02-28');
    expect(subtractDuration('2028-02-29', { years: 1 })).toBe('2027-02-28');
  });

  it('adds mixed durations: months first, then weeks and days', () => {
    expect(addDuration('2024-01-31', { months: 1, days: 1 })).toBe('2024-03-02');
    expect(addDuration('2024-06-01', { weeks: 2, days: 1 })).toBe('2024-06-16');
    expect(addDuration('2024-06-01', { years: 1, months: 6 })).toBe('2025-12-01');
    expect(addDuration('2024-06-01', {})).toBe('2024-06-01');
  });

  it('agrees with the age shown on forms: a child is n months old exactly from birth + n months', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 240 }), (dob, n) => {
        const at = addMonths(dob, n);
        expect(ageInMonths(dob, at)).toBe(n);
        expect(ageInMonths(dob, addDays(at, -1))).toBe(n - 1);
      }),
    );
  });

  it('agrees with whole years of age, including for a birthday on 29 February', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (dob, n) => {
        const at = addDuration(dob, { years: n });
        expect(ageInYears(dob, at)).toBe(n);
        expect(ageInYears(dob, addDays(at, -1))).toBe(n - 1);
      }),
    );
  });

  it('never goes backwards: a later date plus a duration is never earlier', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), durationArb, (a, gap, d) => {
        expect(addDuration(addDays(a, gap), d) >= addDuration(a, d)).toBe(true);
      }),
    );
  });

  it('subtracting gives the latest date from which adding the duration does not pass the original date', () => {
    fc.assert(
      fc.property(dateArb, durationArb, (date, d) => {
        const e = subtractDuration(date, d);
        expect(addDuration(e, d) <= date).toBe(true);
        expect(addDuration(addDays(e, 1), d) > date).toBe(true);
      }),
    );
  });
});

describe('small helpers', () => {
  it('picks the latest date and ignores missing ones', () => {
    expect(latest('2024-01-01', null, '2024-03-01', undefined)).toBe('2024-03-01');
    expect(latest(null)).toBeNull();
  });

  it('writes durations in Vietnamese', () => {
    expect(formatDurationVi({ months: 2 })).toBe('2 tháng');
    expect(formatDurationVi({ years: 1, months: 6 })).toBe('1 năm 6 tháng');
    expect(formatDurationVi({ weeks: 2, days: 1 })).toBe('2 tuần 1 ngày');
    expect(formatDurationVi({ days: 0 })).toBe('0 ngày');
  });
});
