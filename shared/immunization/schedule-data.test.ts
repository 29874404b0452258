import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchedule } from './load.js';
import { formatScheduleJson } from './schedule-json.js';
import { SHIPPED_SCHEDULE_FILES, TT10_2024_CHILDREN } from './schedules/index.js';

const resource = (name: string) => new URL(`../../resources/schedules/${name}`, import.meta.url);

describe('shipped schedules', () => {
  it('ships a JSON file for every TS copy and nothing else', () => {
    const files = fs.readdirSync(resource('')).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(SHIPPED_SCHEDULE_FILES).sort());
  });

  it.each(Object.entries(SHIPPED_SCHEDULE_FILES))('%s equals its TS copy and loads without errors', (file, schedule) => {
    const text = fs.readFileSync(resource(file), 'utf8');
    expect(JSON.parse(text)).toEqual(schedule);
    const loaded = loadSchedule(text);
    expect(loaded).toEqual({ ok: true, schedule });
  });

  it.each(Object.entries(SHIPPED_SCHEDULE_FILES))('%s names its legal source and confidence, and marks L facts', (_file, schedule) => {
    expect(schedule.source.document).toMatch(/Thông tư 10\/2024\/TT-BYT/);
    expect(['H', 'M', 'L']).toContain(schedule.confidence);
    expect(schedule.notes.some((n) => n.includes('L ('))).toBe(true);
  });

  it('writes JSON that reads back to the same schedule', () => {
    for (const schedule of Object.values(SHIPPED_SCHEDULE_FILES)) {
      expect(JSON.parse(formatScheduleJson(schedule))).toEqual(schedule);
    }
  });
});

/** A copy of the shipped children's schedule with one change, as an administrator might make it. */
function edited(change: (s: Record<string, unknown> & { series: Record<string, unknown>[] }) => void): string {
  const copy = JSON.parse(JSON.stringify(TT10_2024_CHILDREN)) as Record<string, unknown> & { series: Record<string, unknown>[] };
  change(copy);
  return JSON.stringify(copy);
}

type Dose = Record<string, unknown>;
const firstDose = (s: { series: Record<string, unknown>[] }, i: number): Dose => (s.series[i]!.doses as Dose[])[0]!;

describe('loading an administrator’s schedule file', () => {
  it('accepts a new version with another id and effective date', () => {
    const r = loadSchedule(edited((s) => Object.assign(s, { id: 'tt52-2025-children', effectiveFrom: '2026-02-15' })));
    expect(r.ok).toBe(true);
  });

  it.each([
    ['an empty file', '', 'Tệp lịch tiêm chủng trống.'],
    ['not JSON', '{ "format": 1, ', 'Tệp không phải JSON hợp lệ'],
    ['a JSON list', '[]', 'phải là một đối tượng JSON'],
    ['a missing field', edited((s) => delete s.effectiveFrom), 'Ngày bắt đầu hiệu lực: thiếu (bắt buộc).'],
    ['an impossible date', edited((s) => (s.effectiveFrom = '2024-02-30')), 'Ngày bắt đầu hiệu lực: ngày phải có dạng yyyy-mm-dd'],
    ['a wrong format version', edited((s) => (s.format = 2)), 'Định dạng: format phải là 1'],
    ['a misspelt field', edited((s) => (firstDose(s, 0).minAge = { days: 0 })), 'Loạt "hepb-birth", mũi 1: trường không được biết: "minAge"'],
    ['a duration in an unknown unit', edited((s) => (firstDose(s, 1).overdueAge = { hours: 24 })), 'Loạt "bcg", mũi 1, tuổi quá hạn: trường không được biết: "hours"'],
    ['an empty duration', edited((s) => (firstDose(s, 1).overdueAge = {})), 'Loạt "bcg", mũi 1, tuổi quá hạn: khoảng thời gian phải có ít nhất một'],
    ['a negative age', edited((s) => (firstDose(s, 2).minimumAge = { months: -2 })), 'Loạt "dpt", mũi 1, tuổi tối thiểu, tháng: không được nhỏ hơn 0.'],
    ['an overdue age before the recommended age', edited((s) => (firstDose(s, 2).overdueAge = { months: 1 })), 'Loạt "dpt", mũi 1, tuổi quá hạn: tuổi quá hạn không được nhỏ hơn tuổi khuyến cáo.'],
    ['a maximum age below the minimum', edited((s) => (firstDose(s, 1).maximumAge = { days: 0 })), 'tuổi tối đa phải lớn hơn tuổi tối thiểu'],
    ['an interval on the first dose', edited((s) => (firstDose(s, 1).minimumInterval = { months: 1 })), 'mũi đầu tiên của loạt không có khoảng cách với mũi trước'],
    ['a duplicate series key', edited((s) => (s.series[1]!.key = 'hepb-birth')), 'Loạt "hepb-birth", mã loạt: mã loạt "hepb-birth" bị trùng.'],
    ['a vaccine the series does not count', edited((s) => (firstDose(s, 1).vaccines = ['BCG', 'XYZ'])), 'vắc xin "XYZ" không có trong vaccineCodes của loạt'],
    ['a wrong route', edited((s) => (firstDose(s, 1).route = 'uống')), 'Loạt "bcg", mũi 1, đường dùng: giá trị phải là một trong "injection", "oral".'],
    ['a wrong type', edited((s) => (firstDose(s, 1).live = 'có')), 'Loạt "bcg", mũi 1, vắc xin sống: phải là true hoặc false.'],
    ['no series', edited((s) => (s.series = [])), 'Danh sách loạt: cần ít nhất 1 phần tử.'],
  ])('rejects %s with a Vietnamese message', (_what, text, message) => {
    const r = loadSchedule(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(message);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json()), (input) => {
        const r = loadSchedule(input);
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('lists at most 20 errors and says how many more there are', () => {
    const r = loadSchedule(edited((s) => s.series.forEach((x) => ((x.doses as Dose[])[0]!.live = 'x'))).replace(/"route":"\w+"/g, '"route":"x"'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(21);
      expect(r.errors[20]).toMatch(/^… và \d+ lỗi khác\.$/);
    }
  });
});
