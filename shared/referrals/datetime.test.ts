import { describe, expect, it } from 'vitest';
import { stationWallTime, viDate, viDayParts, viTime, xmlBirthDate, xmlDate, xmlDateTime } from './datetime.js';

describe('slip and XML date formats', () => {
  it('converts stored UTC timestamps to station time (UTC+7) and keeps local times as they are', () => {
    expect(stationWallTime('2026-03-15T01:05:00.000Z')).toBe('2026-03-15T08:05');
    expect(stationWallTime('2026-03-15T20:30:00Z')).toBe('2026-03-16T03:30');
    expect(stationWallTime('2026-03-15T10:20')).toBe('2026-03-15T10:20');
    expect(stationWallTime('2026-03-15')).toBe('2026-03-15');
    for (const bad of ['', null, undefined, '2026-02-30', '15/03/2026', 'hôm nay', '2026-03-15T25:00']) expect(stationWallTime(bad)).toBeNull();
  });

  it('writes XML date-times as yyyymmddHHMM and dates as yyyymmdd', () => {
    expect(xmlDateTime('2026-03-15T01:05:00.000Z')).toBe('202603150805');
    expect(xmlDateTime('2026-03-29')).toBe('202603290000');
    expect(xmlDate('2026-03-15T20:30:00Z')).toBe('20260316');
    expect(xmlDateTime(null)).toBe('');
    expect(xmlDate('x')).toBe('');
  });

  it('writes NGAY_SINH with 0000 for the unknown parts', () => {
    expect(xmlBirthDate('1968-04-23')).toBe('196804230000');
    expect(xmlBirthDate('1968')).toBe('196800000000');
    expect(xmlBirthDate(null)).toBe('');
  });

  it('prints dd/mm/yyyy and "hh giờ mm phút", never ISO text', () => {
    expect(viDate('2026-03-15T20:30:00Z')).toBe('16/03/2026');
    expect(viDate('1968')).toBe('1968');
    expect(viDate(undefined)).toBe('');
    expect(viTime('2026-03-15T10:20')).toBe('10 giờ 20 phút');
    expect(viTime('2026-03-15')).toBe('');
    expect(viDayParts('2026-03-05T10:20')).toEqual({ day: '05', month: '03', year: '2026' });
    expect(viDayParts('')).toBeNull();
  });
});
