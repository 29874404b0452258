import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { persons } from '../persons/schema.js';
import { syncedColumns } from '../sync-data/columns.js';

/**
 * Section B of a person's health record: one row per person, one JSON column per section, so that sync's
 * per-field merge works per section.
 */
export const healthRecords = sqliteTable(
  'health_records',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    birth: text('birth'),
    riskFactors: text('risk_factors'),
    allergies: text('allergies'),
    diseases: text('diseases'),
    disabilities: text('disabilities'),
    surgeries: text('surgeries'),
    familyHistory: text('family_history'),
    reproductive: text('reproductive'),
    otherProblems: text('other_problems'),
  },
  (t) => [uniqueIndex('health_records_person').on(t.personId)],
);

/** Append-only history of section changes: who changed what, when. */
export const healthRecordChanges = sqliteTable(
  'health_record_changes',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    section: text('section').notNull(),
    value: text('value').notNull(),
    changedBy: text('changed_by'),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('health_record_changes_person').on(t.personId)],
);
