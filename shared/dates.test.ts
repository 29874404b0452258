import { describe, expect, it } from 'vitest';
import { formatDateVi, parseDateVi } from './dates.js';

describe('showing dates the Vietnamese way', () => {
  it('shows an ISO date as dd/mm/yyyy', () => {
    expect(formatDateVi('2024-02-29')).toBe('29/02/2024');
    expect(formatDateVi('1950-01-05')).toBe('05/01/1950');
  });

  it('shows the date part of a full timestamp', () => {
    expect(formatDateVi('2026-03-15T08:00:00.000Z')).toBe('15/03/2026');
  });

  it('shows a birth date known only to the year as just the year', () => {
    expect(formatDateVi('1942')).toBe('1942');
  });

  it('shows nothing for a missing or unreadable date', () => {
    expect(formatDateVi(null)).toBe('');
    expect(formatDateVi(undefined)).toBe('');
    expect(formatDateVi('')).toBe('');
    expect(formatDateVi('hôm qua')).toBe('');
  });
});

describe('reading a date typed as dd/mm/yyyy', () => {
  it('accepts a real date and stores it as ISO', () => {
    expect(parseDateVi('15/03/2026')).toBe('2026-03-15');
    expect(parseDateVi(' 5/1/1950 ')).toBe('1950-01-05');
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDateVi('29/02/2024')).toBe('2024-02-29');
  });

  it('rejects 29 February in a common year', () => {
    expect(parseDateVi('29/02/2023')).toBeNull();
  });

  it('rejects days that do not exist', () => {
    expect(parseDateVi('31/02/2024')).toBeNull();
    expect(parseDateVi('31/04/2024')).toBeNull();
    expect(parseDateVi('00/01/2024')).toBeNull();
    expect(parseDateVi('12/13/2024')).toBeNull();
  });

  it('rejects text that is not in dd/mm/yyyy form', () => {
    expect(parseDateVi('2024-02-29')).toBeNull();
    expect(parseDateVi('29/02/24')).toBeNull();
    expect(parseDateVi('')).toBeNull();
    expect(parseDateVi('ngày 1 tháng 2')).toBeNull();
  });

  it('a parsed date shows back as the same text', () => {
    for (const text of ['01/01/2000', '29/02/2024', '31/12/1999']) {
      expect(formatDateVi(parseDateVi(text))).toBe(text);
    }
  });
});
