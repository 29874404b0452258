import type { Xml130Field } from './fields.js';
import { FIELD_LABELS } from './variants.js';

export interface XmlIssue {
  element: string;
  /** Vietnamese, e.g. `Thiếu "Dấu hiệu lâm sàng" (DAU_HIEU_LS)`. */
  message: string;
}

/** An XML record: element name → text, in the order of its field table; '' means empty. */
export type XmlRecord = Record<string, string>;

/**
 * Checks a record against its field table: required fields present, lengths within the limit (counted in
 * characters), number fields made of digits (with an optional decimal point). Messages are in Vietnamese.
 */
export function validateRecord(record: XmlRecord, table: readonly Xml130Field[]): XmlIssue[] {
  const issues: XmlIssue[] = [];
  for (const field of table) {
    const value = (record[field.element] ?? '').trim();
    const name = `"${FIELD_LABELS[field.element] ?? field.element}" (${field.element})`;
    if (!value) {
      if (field.required) issues.push({ element: field.element, message: `Thiếu ${name}` });
      continue;
    }
    const length = [...value].length;
    if (field.maxLen !== null && length > field.maxLen) {
      issues.push({ element: field.element, message: `${name} dài ${length} ký tự, tối đa ${field.maxLen} ký tự` });
    }
    if (field.type === 'number' && !/^\d+(\.\d+)?$/.test(value)) {
      issues.push({ element: field.element, message: `${name} phải là số` });
    }
  }
  const known = new Set(table.map((f) => f.element));
  for (const element of Object.keys(record)) {
    if (!known.has(element)) issues.push({ element, message: `Trường ${element} không có trong bảng chỉ tiêu` });
  }
  return issues;
}
