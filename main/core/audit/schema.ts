import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only audit log: who viewed or changed which record, when, from which workstation. UPDATE and DELETE
 * are refused by triggers (migration 0001). Ids are UUIDv7 so the log can later be shipped upward as-is.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    userId: text('user_id'),
    username: text('username'),
    workstation: text('workstation').notNull(),
    kind: text('kind', { enum: ['view', 'change', 'auth'] }).notNull(),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    personId: text('person_id'),
    details: text('details'),
  },
  (t) => [index('audit_at').on(t.at), index('audit_person').on(t.personId), index('audit_user').on(t.userId)],
);
