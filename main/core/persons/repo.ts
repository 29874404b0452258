import type Database from 'better-sqlite3';
import type { Person, PersonEvent, PersonSummary } from '../../../shared/contract/persons.js';

/** Columns of a person summary (one line in lists and search results). */
export const SUMMARY_COLUMNS = `
  p.id, p.full_name AS fullName, p.sex, p.birth_date AS birthDate, p.cccd, p.bhyt_card_code AS bhytCardCode,
         p.bhxh_number AS bhxhNumber, p.phone, p.status, p.household_id AS householdId, h.code AS householdCode,
         hm.name AS hamletName, head.full_name AS headName, p.relation_to_head AS relationToHead,
         p.bhyt_valid_to AS bhytValidTo, p.allergy_alert AS allergyAlert`;
export const SUMMARY_FROM = `
  FROM persons p
  LEFT JOIN households h ON h.id = p.household_id
  LEFT JOIN hamlets hm ON hm.id = h.hamlet_id
  LEFT JOIN persons head ON head.id = h.head_person_id`;
export const SUMMARY_SELECT = `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM}`;

type SummaryRow = Omit<PersonSummary, 'allergyAlert'> & { allergyAlert: number };

export function toSummary(row: SummaryRow): PersonSummary {
  return { ...row, allergyAlert: Boolean(row.allergyAlert) };
}

export function summariesByIds(sqlite: Database.Database, ids: string[]): Map<string, PersonSummary> {
  const out = new Map<string, PersonSummary>();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const rows = sqlite.prepare(`${SUMMARY_SELECT} WHERE p.id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as SummaryRow[];
    for (const r of rows) out.set(r.id, toSummary(r));
  }
  return out;
}

export function summaryOf(sqlite: Database.Database, id: string): PersonSummary | null {
  const row = sqlite.prepare(`${SUMMARY_SELECT} WHERE p.id = ?`).get(id) as SummaryRow | undefined;
  return row ? toSummary(row) : null;
}

/** Follows merges: the id of the surviving record (the id itself when never merged). */
export function resolvePersonId(sqlite: Database.Database, id: string): string | null {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const row = sqlite.prepare('SELECT merged_into AS mergedInto FROM persons WHERE id = ?').get(current) as { mergedInto: string | null } | undefined;
    if (!row) return null;
    if (!row.mergedInto) return current;
    current = row.mergedInto;
  }
  return current;
}

const NULLABLE_TO_OPTIONAL = [
  'religion', 'occupation', 'bloodAbo', 'bloodRh', 'cccd', 'cccdIssueDate', 'cccdIssuePlace', 'bhxhNumber', 'bhytCardCode',
  'bhytBenefitLevel', 'bhytValidFrom', 'bhytValidTo', 'bhytRegistrationFacility', 'birthProvince', 'permanentAddress',
  'currentAddress', 'phone', 'phone2', 'email', 'motherName', 'fatherName', 'carerName', 'carerRelation', 'carerPhone', 'note',
] as const;

/** A `persons` row as the contract's Person (absent optional fields are undefined, not null). */
export function toPerson(row: Record<string, unknown>): Person {
  const person: Record<string, unknown> = { ...row };
  for (const key of NULLABLE_TO_OPTIONAL) if (person[key] === null) delete person[key];
  for (const key of ['nameFolded', 'birthYear', 'ownerFacility', 'hlc', 'deleted', 'allergyAlert']) delete person[key];
  return person as Person;
}

interface EventRow {
  id: string;
  kind: PersonEvent['kind'];
  date: string;
  householdId: string | null;
  details: string;
  recordedBy: string | null;
  recordedAt: string;
}

export function eventsOf(sqlite: Database.Database, personId: string): PersonEvent[] {
  const rows = sqlite
    .prepare(
      `SELECT e.id, e.kind, e.date, e.household_id AS householdId, e.details, u.full_name AS recordedBy, e.recorded_at AS recordedAt
       FROM person_events e LEFT JOIN users u ON u.id = e.recorded_by
       WHERE e.person_id = ? AND e.deleted = 0 ORDER BY e.date DESC, e.recorded_at DESC`,
    )
    .all(personId) as EventRow[];
  return rows.map((r) => ({ ...r, details: safeJson(r.details) }));
}

export function safeJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
