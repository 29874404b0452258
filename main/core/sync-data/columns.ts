import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * Columns every synced table carries (ARCHITECTURE.md, data conventions). Spread into a table definition:
 * `sqliteTable('hamlets', { ...syncedColumns(), name: text('name') })`. Rows are written only through
 * SyncedWriter, which fills these and records the change in the change log in the same transaction.
 */
export function syncedColumns() {
  return {
    /** UUIDv7 generated where the record is made. */
    id: text('id').primaryKey(),
    /** Facility code (5 characters) of the facility that owns the row. */
    ownerFacility: text('owner_facility').notNull(),
    /** Hybrid-logical-clock stamp of the row's last change. */
    hlc: text('hlc').notNull(),
    /** Tombstone: deleted rows stay so the delete can sync. */
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  };
}

export const SYNC_COLUMN_KEYS = ['id', 'ownerFacility', 'hlc', 'deleted'] as const;
