import type { Scalar } from './protocol.js';

/**
 * What each synced table is, for scoping at the hub (docs/sync.md, "What syncs where"):
 * - `reference`: published by a facility for every facility below it (catalogues, schedules);
 * - `person`: the persons table itself; its rows belong to the station whose resident the person is;
 * - `linked`: facts about a person (visits, doses, referral outcomes): seen by the person's station too,
 *   whoever made them; the person is found through a column or through a parent row;
 * - `own`: everything else (facility, users, settings, households…): the owner and the hubs above it only.
 * A table not listed here is `linked` when its rows carry `person_id`, else `own`: new modules sync safely.
 */
export type TableKind = 'reference' | 'person' | 'linked' | 'own';

export interface TableRule {
  kind: TableKind;
  /** Column holding the person id (linked tables). */
  personColumn?: string;
  /** Linked through a parent row: the parent table and the column holding its id. */
  parent?: { table: string; column: string };
}

const RULES: Record<string, TableRule> = {
  medicines: { kind: 'reference' },
  vaccine_schedules: { kind: 'reference' },
  facility_catalog: { kind: 'reference' },
  persons: { kind: 'person' },
  person_events: { kind: 'linked', personColumn: 'person_id' },
  health_records: { kind: 'linked', personColumn: 'person_id' },
  health_record_changes: { kind: 'linked', personColumn: 'person_id' },
  visits: { kind: 'linked', personColumn: 'person_id' },
  visit_diagnoses: { kind: 'linked', parent: { table: 'visits', column: 'visit_id' } },
  prescription_items: { kind: 'linked', parent: { table: 'visits', column: 'visit_id' } },
};

export function tableRule(table: string, vals: Record<string, Scalar>): TableRule {
  const rule = RULES[table];
  if (rule) return rule;
  if (Object.prototype.hasOwnProperty.call(vals, 'person_id')) return { kind: 'linked', personColumn: 'person_id' };
  return { kind: 'own' };
}

/** How a row finds the person it concerns: directly, through a parent row, or not at all. */
export type SubjectRef = { person: string } | { parent: { table: string; id: string } } | null;

export function subjectRef(table: string, rowId: string, vals: Record<string, Scalar>): SubjectRef {
  const rule = tableRule(table, vals);
  if (rule.kind === 'person') return { person: rowId };
  if (rule.kind !== 'linked') return null;
  if (rule.personColumn) {
    const v = vals[rule.personColumn];
    return typeof v === 'string' && v ? { person: v } : null;
  }
  if (rule.parent) {
    const v = vals[rule.parent.column];
    return typeof v === 'string' && v ? { parent: { table: rule.parent.table, id: v } } : null;
  }
  return null;
}
