import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Local key/value facts about this database: node id, last clock stamp, facility code. Not synced. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The outbox: one entry per changed row, written in the same transaction as the change. `fields` holds the
 * changed columns (database names) with their new values, so sync can merge per field. Not synced itself.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    hlc: text('hlc').notNull(),
    ownerFacility: text('owner_facility').notNull(),
    fields: text('fields').notNull(),
    /** Set by sync when the hub has acknowledged the entry. */
    ackedAt: text('acked_at'),
  },
  (t) => [index('change_log_row').on(t.tableName, t.rowId), index('change_log_unacked').on(t.ackedAt)],
);
