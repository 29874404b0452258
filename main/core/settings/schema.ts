import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../sync-data/columns.js';

/** Station-wide settings as key → JSON value, synced so a restored station keeps them. */
export const settings = sqliteTable('settings', {
  ...syncedColumns(),
  key: text('key').notNull().unique(),
  value: text('value').notNull(),
});
