import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../sync-data/columns.js';

/**
 * ICD-10 (QĐ 4469/QĐ-BYT, Vietnamese): a local reference table, not synced. Filled from the shipped
 * resources/data/icd10_vi.csv on first use, or replaced as a whole by an administrator's import.
 * Searched by code (code_nodot index) and by words through icd10_fts (migration 'catalog_fts', external content keyed
 * by `seq`, rebuilt by replaceIcd10, the table's only writer).
 */
export const icd10 = sqliteTable(
  'icd10',
  {
    /** With dot, without the †/* mark: `J06.9`. */
    code: text('code').primaryKey(),
    codeNodot: text('code_nodot').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    /** foldVietnamese(code + ' ' + name_vi): no diacritics, đ → d, lower case. */
    nameFolded: text('name_folded').notNull(),
    /** Roman numeral of the chapter (I … XXII). */
    chapter: text('chapter'),
    categoryCode: text('category_code').notNull(),
    isCategory: integer('is_category', { mode: 'boolean' }).notNull(),
    /** '†' (aetiology) or '*' (manifestation), or null. */
    daggerAsterisk: text('dagger_asterisk'),
    /** QĐ 4469 Phụ lục A2: not allowed as the main diagnosis. */
    notMain: integer('not_main', { mode: 'boolean' }).notNull().default(false),
    sexOnly: text('sex_only', { enum: ['M', 'F'] }),
    /** QĐ 4469 Phụ lục A3: the age rule as written ("Phụ lục A3.8 Bệnh sản phụ khoa (tuổi hợp lệ : 9 – 60 tuổi)"). */
    ageRule: text('age_rule'),
    source: text('source', { enum: ['qd4469', 'import'] }).notNull(),
    version: text('version').notNull(),
    /** Order in the source list; a stable integer key for the full-text index (an implicit rowid is not). */
    seq: integer('seq').notNull(),
  },
  (t) => [uniqueIndex('icd10_code_nodot').on(t.codeNodot), uniqueIndex('icd10_seq').on(t.seq)],
);

/** Which version of each local catalogue is loaded (one row per load or import; the newest row is current). */
export const catalogVersions = sqliteTable('catalog_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  catalog: text('catalog').notNull(),
  version: text('version').notNull(),
  importedAt: text('imported_at').notNull(),
  rowCount: integer('row_count').notNull(),
  sourceFile: text('source_file').notNull(),
});

/** The station's medicine list (synced). `code` is the station's own code, unique among its live rows. */
export const medicines = sqliteTable(
  'medicines',
  {
    ...syncedColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    activeIngredient: text('active_ingredient').notNull(),
    strength: text('strength'),
    /** viên, ống, gói, lọ, chai, tuýp… */
    unit: text('unit').notNull(),
    /** uống, tiêm, nhỏ mắt, bôi… */
    route: text('route'),
    /** Search key: folded name, active ingredient, strength and code, punctuation turned into spaces. */
    nameFolded: text('name_folded').notNull(),
    bhytCovered: integer('bhyt_covered', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('medicines_owner_code_live').on(t.ownerFacility, t.code).where(sql`deleted = 0`),
    index('medicines_name_folded').on(t.nameFolded),
  ],
);
