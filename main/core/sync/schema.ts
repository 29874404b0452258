import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per sync attempt (network or USB), for the Đồng bộ screen's history. Local only, not synced. */
export const syncRuns = sqliteTable('sync_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** 'net' | 'usb-export' | 'usb-import' | 'restore' */
  via: text('via').notNull(),
  ok: integer('ok', { mode: 'boolean' }),
  pushed: integer('pushed').notNull().default(0),
  pulled: integer('pulled').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  bytesUp: integer('bytes_up').notNull().default(0),
  bytesDown: integer('bytes_down').notNull().default(0),
  roundTrips: integer('round_trips').notNull().default(0),
  errorCode: text('error_code'),
  errorDetail: text('error_detail'),
});
