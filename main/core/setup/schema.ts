import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../sync-data/columns.js';

/** The station's own facility (one row). */
export const facility = sqliteTable('facility', {
  ...syncedColumns(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  governingBody: text('governing_body').notNull(),
  provinceCode: text('province_code').notNull(),
  provinceName: text('province_name').notNull(),
  communeCode: text('commune_code').notNull(),
  communeName: text('commune_name').notNull(),
});

/** Hamlets (thôn, bản, ấp, tổ dân phố): no national list exists, each station keeps its own. */
export const hamlets = sqliteTable('hamlets', {
  ...syncedColumns(),
  name: text('name').notNull(),
  sort: integer('sort').notNull(),
  note: text('note'),
});
