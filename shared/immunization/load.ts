/**
 * Loading a schedule version that an administrator supplies as JSON. Never throws: a bad file gives a list of
 * Vietnamese messages that name the place in the file ("Loạt "dpt", mũi 2, tuổi tối thiểu: …").
 */
import type { z } from 'zod';
import { scheduleSchema, type Schedule } from './schedule-schema.js';

export type ScheduleLoadResult = { ok: true; schedule: Schedule } | { ok: false; errors: string[] };

const MAX_ERRORS = 20;

const FIELD_VI: Record<string, string> = {
  format: 'định dạng',
  id: 'mã phiên bản',
  family: 'nhóm lịch',
  title: 'tên lịch',
  effectiveFrom: 'ngày bắt đầu hiệu lực',
  effectiveUntil: 'ngày hết hiệu lực',
  source: 'nguồn',
  document: 'văn bản',
  issued: 'ngày ban hành',
  inForce: 'ngày có hiệu lực',
  url: 'địa chỉ',
  confidence: 'độ tin cậy',
  notes: 'ghi chú',
  note: 'ghi chú',
  graceDays: 'số ngày cho phép sớm',
  liveVaccineInterval: 'khoảng cách giữa hai vắc xin sống',
  series: 'danh sách loạt',
  key: 'mã loạt',
  name: 'tên',
  vaccineCodes: 'mã vắc xin của loạt',
  sex: 'giới',
  pregnancyWaivesAge: 'bỏ giới hạn tuổi khi có thai',
  doses: 'danh sách mũi',
  label: 'nhãn mũi',
  minimumAge: 'tuổi tối thiểu',
  recommendedAge: 'tuổi khuyến cáo',
  overdueAge: 'tuổi quá hạn',
  maximumAge: 'tuổi tối đa',
  minimumInterval: 'khoảng cách tối thiểu',
  recommendedInterval: 'khoảng cách khuyến cáo',
  overdueInterval: 'khoảng cách quá hạn',
  live: 'vắc xin sống',
  route: 'đường dùng',
  antigens: 'kháng nguyên',
  vaccines: 'vắc xin',
  contraindications: 'chống chỉ định',
  pregnancy: 'khi có thai',
  overdueBeforeDelivery: 'quá hạn trước ngày dự sinh',
  years: 'năm',
  months: 'tháng',
  weeks: 'tuần',
  days: 'ngày',
};

const TYPE_VI: Record<string, string> = {
  string: 'chuỗi chữ',
  number: 'số',
  boolean: 'true hoặc false',
  object: 'đối tượng {…}',
  array: 'danh sách […]',
};

/** Parses and validates a schedule given as JSON text or as an already-parsed value. */
export function loadSchedule(input: unknown): ScheduleLoadResult {
  try {
    let value = input;
    if (typeof input === 'string') {
      const text = input.replace(/^\uFEFF/, '');
      if (text.trim() === '') return { ok: false, errors: ['Tệp lịch tiêm chủng trống.'] };
      try {
        value = JSON.parse(text);
      } catch (e) {
        return { ok: false, errors: [`Tệp không phải JSON hợp lệ (${e instanceof Error ? e.message : String(e)}).`] };
      }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, errors: ['Tệp lịch tiêm chủng phải là một đối tượng JSON {…}.'] };
    }
    const parsed = scheduleSchema.safeParse(value);
    if (parsed.success) return { ok: true, schedule: parsed.data };
    const errors = parsed.error.issues.slice(0, MAX_ERRORS).map((i) => describeIssue(i, value));
    if (parsed.error.issues.length > MAX_ERRORS) errors.push(`… và ${parsed.error.issues.length - MAX_ERRORS} lỗi khác.`);
    return { ok: false, errors };
  } catch (e) {
    return { ok: false, errors: [`Không đọc được tệp lịch tiêm chủng (${e instanceof Error ? e.message : String(e)}).`] };
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** "Loạt "dpt", mũi 2, tuổi tối thiểu" from ["series", 1, "doses", 1, "minimumAge"]. */
export function describePath(path: readonly PropertyKey[], root: unknown): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    const next = path[i + 1];
    if (p === 'series' && typeof next === 'number') {
      const key = valueAt(root, ['series', next, 'key']);
      parts.push(typeof key === 'string' ? `loạt "${key}"` : `loạt thứ ${next + 1}`);
      i++;
    } else if (p === 'doses' && typeof next === 'number') {
      parts.push(`mũi ${next + 1}`);
      i++;
    } else if (typeof p === 'number' || /^\d+$/.test(String(p))) {
      parts.push(`phần tử thứ ${Number(p) + 1}`);
    } else {
      parts.push(FIELD_VI[String(p)] ?? String(p));
    }
  }
  const where = parts.length > 0 ? parts.join(', ') : 'tệp';
  return where.charAt(0).toUpperCase() + where.slice(1);
}

/** zod's own messages are English ("Invalid …"); ours (schedule-schema.ts) are Vietnamese. */
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too|Unrecognized|Expected)/.test(message);
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const where = describePath(issue.path, root);
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(root, issue.path) === undefined) return `${where}: thiếu (bắt buộc).`;
      return `${where}: phải là ${TYPE_VI[issue.expected] ?? issue.expected}.`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `${where}: cần ít nhất ${String(issue.minimum)} phần tử.`;
      if (issue.origin === 'string') return `${where}: không được để trống.`;
      return `${where}: không được nhỏ hơn ${String(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'array') return `${where}: nhiều nhất ${String(issue.maximum)} phần tử.`;
      if (issue.origin === 'string') return `${where}: dài quá ${String(issue.maximum)} ký tự.`;
      return `${where}: không được lớn hơn ${String(issue.maximum)}.`;
    case 'unrecognized_keys':
      return `${where}: trường không được biết: ${issue.keys.map((k) => `"${k}"`).join(', ')} (kiểm tra chính tả).`;
    case 'invalid_value':
      if (!isDefaultMessage(issue.message)) return `${where}: ${issue.message}.`;
      return `${where}: giá trị phải là một trong ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_format':
      return isDefaultMessage(issue.message) ? `${where}: sai định dạng.` : `${where}: ${issue.message}.`;
    case 'custom':
      return `${where}: ${issue.message}.`;
    default:
      return `${where}: giá trị không hợp lệ.`;
  }
}
