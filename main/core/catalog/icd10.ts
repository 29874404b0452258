import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { IcdItem } from '../../../shared/contract/catalog.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import type { Station } from '../station.js';
import type { ColumnSpec, RowIssue, TableRow } from './tabular.js';

/** The shipped list: QĐ 4469/QĐ-BYT Phụ lục 1 (resources/data/README.md gives the provenance). */
export const SHIPPED_ICD10_FILE = 'icd10_vi.csv';
export const SHIPPED_ICD10_RULES_FILE = 'icd10_4469_rules.csv';
export const SHIPPED_ICD10_VERSION = 'QĐ 4469/QĐ-BYT (26/10/2020)';

export const ICD_CODE_PATTERN = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?[†*]?$/;

export interface Icd10Row {
  code: string;
  nameVi: string;
  nameEn: string | null;
  chapter: string | null;
  daggerAsterisk: string | null;
}

interface Rules {
  notMain: Set<string>;
  sexOnly: Map<string, 'M' | 'F'>;
  ageRule: Map<string, string>;
}

/** ICD-10 chapters by code range, for imported lists that do not carry the chapter. */
const CHAPTERS: [string, string, string][] = [
  ['I', 'A00', 'B99'], ['II', 'C00', 'D48'], ['III', 'D50', 'D89'], ['IV', 'E00', 'E90'], ['V', 'F00', 'F99'],
  ['VI', 'G00', 'G99'], ['VII', 'H00', 'H59'], ['VIII', 'H60', 'H95'], ['IX', 'I00', 'I99'], ['X', 'J00', 'J99'],
  ['XI', 'K00', 'K93'], ['XII', 'L00', 'L99'], ['XIII', 'M00', 'M99'], ['XIV', 'N00', 'N99'], ['XV', 'O00', 'O99'],
  ['XVI', 'P00', 'P96'], ['XVII', 'Q00', 'Q99'], ['XVIII', 'R00', 'R99'], ['XIX', 'S00', 'T98'], ['XX', 'V01', 'Y98'],
  ['XXI', 'Z00', 'Z99'], ['XXII', 'U00', 'U99'],
];

function chapterOf(category: string): string | null {
  return CHAPTERS.find(([, from, to]) => category >= from && category <= to)?.[0] ?? null;
}

const rulesCache = new Map<string, Rules>();

/** QĐ 4469's validation lists (not as main diagnosis, sex-only, age rules), keyed by code without dot. */
function loadRules(resourcesDir: string): Rules {
  const file = path.join(resourcesDir, 'data', SHIPPED_ICD10_RULES_FILE);
  const cached = rulesCache.get(file);
  if (cached) return cached;
  const rules: Rules = { notMain: new Set(), sexOnly: new Map(), ageRule: new Map() };
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  for (const r of rows) {
    const code = r.code_nodot!;
    if (r.rule === 'not_primary_diagnosis') rules.notMain.add(code);
    else if (r.rule === 'sex_female_only') rules.sexOnly.set(code, 'F');
    else if (r.rule === 'sex_male_only') rules.sexOnly.set(code, 'M');
    else if (r.rule === 'age_restricted') {
      const rule = r.detail!.replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\s+/g, ' ').trim();
      const before = rules.ageRule.get(code);
      rules.ageRule.set(code, before && before !== rule ? `${before}; ${rule}` : rule);
    }
  }
  rulesCache.set(file, rules);
  return rules;
}

/**
 * Replaces the whole ICD-10 table in one transaction (nested in the caller's, if any) and records the version.
 * Rows must already be valid. This is the only writer of icd10: it rebuilds the word index (icd10_fts) in bulk.
 */
export function replaceIcd10(
  station: Station,
  rows: Icd10Row[],
  meta: { source: 'qd4469' | 'import'; version: string; sourceFile: string; importedAt: string },
): void {
  const rules = loadRules(station.options.resourcesDir);
  const db = station.sqlite;
  const insert = db.prepare(
    `INSERT INTO icd10 (code, code_nodot, name_vi, name_en, name_folded, chapter, category_code, is_category, dagger_asterisk,
       not_main, sex_only, age_rule, source, version, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM icd10').run();
    rows.forEach((r, i) => {
      const nodot = r.code.replace('.', '');
      const category = r.code.slice(0, 3);
      insert.run(
        r.code, nodot, r.nameVi, r.nameEn, foldVietnamese(`${r.code} ${r.nameVi}`), r.chapter ?? chapterOf(category), category,
        r.code.length === 3 ? 1 : 0, r.daggerAsterisk, rules.notMain.has(nodot) ? 1 : 0, rules.sexOnly.get(nodot) ?? null,
        rules.ageRule.get(nodot) ?? null, meta.source, meta.version, i + 1,
      );
    });
    db.prepare("INSERT INTO icd10_fts (icd10_fts) VALUES ('rebuild')").run();
    db.prepare('INSERT INTO catalog_versions (catalog, version, imported_at, row_count, source_file) VALUES (?, ?, ?, ?, ?)').run(
      'icd10', meta.version, meta.importedAt, rows.length, meta.sourceFile,
    );
  })();
  loaded.add(station);
}

const loaded = new WeakSet<Station>();

/**
 * Loads the shipped ICD-10 list when the table is empty (first use on a new station). Called lazily by the ICD
 * procedures; hosts may call it at start-up (ensureCatalogs) so the first search is instant. Returns the time
 * taken in ms, 0 when nothing had to be loaded.
 */
export function ensureIcd10Loaded(station: Station): number {
  if (loaded.has(station)) return 0;
  if (station.sqlite.prepare('SELECT 1 FROM icd10 LIMIT 1').get()) {
    loaded.add(station);
    return 0;
  }
  const started = performance.now();
  const file = path.join(station.options.resourcesDir, 'data', SHIPPED_ICD10_FILE);
  const [header, ...records] = parse(fs.readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true }) as string[][];
  const at = (name: string) => header!.indexOf(name);
  const [code, nameVi, nameEn, chapter, mark] = ['code', 'name_vi', 'name_en', 'chapter', 'dagger_asterisk'].map(at) as [number, number, number, number, number];
  const rows = records.map((r) => ({
    code: r[code]!,
    nameVi: r[nameVi]!,
    nameEn: r[nameEn] || null,
    chapter: r[chapter] || null,
    daggerAsterisk: r[mark] || null,
  }));
  replaceIcd10(station, rows, { source: 'qd4469', version: SHIPPED_ICD10_VERSION, sourceFile: SHIPPED_ICD10_FILE, importedAt: station.now().toISOString() });
  return performance.now() - started;
}

/** Hosts call this at start-up (after setup or on every start; it does nothing when the catalogues are loaded). */
export function ensureCatalogs(station: Station): void {
  ensureIcd10Loaded(station);
}

type ItemRow = { code: string; name_vi: string; is_category: number; not_main: number; sex_only: 'M' | 'F' | null };
const toItem = (r: ItemRow): IcdItem => ({ code: r.code, name: r.name_vi, isCategory: r.is_category === 1, notMain: r.not_main === 1, sexOnly: r.sex_only });
const ITEM_COLUMNS = 'i.code, i.name_vi, i.is_category, i.not_main, i.sex_only';

/**
 * Search: codes starting with the query (with or without dot) first, in code order; then entries containing every
 * word of the query (accents and đ folded, any order, each word as a prefix), best match first.
 */
export function searchIcd10(station: Station, q: string, limit: number): IcdItem[] {
  ensureIcd10Loaded(station);
  const folded = foldVietnamese(q);
  if (!folded) return [];
  const items: IcdItem[] = [];
  const codeQuery = folded.toUpperCase().replace(/[\s.†*]/g, '');
  if (/^[A-Z][0-9][0-9A-Z]*$/.test(codeQuery)) {
    const rows = station.sqlite
      .prepare(`SELECT ${ITEM_COLUMNS} FROM icd10 i WHERE i.code_nodot >= ? AND i.code_nodot < ? ORDER BY i.code_nodot LIMIT ?`)
      .all(codeQuery, `${codeQuery}\uffff`, limit) as ItemRow[];
    items.push(...rows.map(toItem));
  }
  const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
  if (items.length < limit && words.length > 0) {
    const match = words.map((w) => `"${w}"*`).join(' ');
    // One or two letters match thousands of entries: list them in code order (FTS5 stops early) instead of ranking all.
    const order = words.join('').length < 3 ? 'f.rowid' : 'f.rank, f.rowid';
    const rows = station.sqlite
      .prepare(`SELECT ${ITEM_COLUMNS} FROM icd10_fts f JOIN icd10 i ON i.seq = f.rowid WHERE icd10_fts MATCH ? ORDER BY ${order} LIMIT ?`)
      .all(match, limit + items.length) as ItemRow[];
    const seen = new Set(items.map((i) => i.code));
    for (const r of rows) if (!seen.has(r.code) && items.length < limit) items.push(toItem(r));
  }
  return items;
}

export function icd10Status(station: Station) {
  ensureIcd10Loaded(station);
  const v = station.sqlite
    .prepare("SELECT version, imported_at AS importedAt, row_count AS rowCount, source_file AS sourceFile FROM catalog_versions WHERE catalog = 'icd10' ORDER BY id DESC LIMIT 1")
    .get() as { version: string; importedAt: string; rowCount: number; sourceFile: string } | undefined;
  const source = (station.sqlite.prepare('SELECT source FROM icd10 LIMIT 1').get() as { source: 'qd4469' | 'import' } | undefined)?.source;
  return v && source ? { ...v, source } : null;
}

export type IcdColumn = 'code' | 'nameVi' | 'nameEn' | 'chapter' | 'daggerAsterisk';
export const ICD_COLUMNS: ColumnSpec<IcdColumn>[] = [
  { key: 'code', label: 'Mã (code)', aliases: ['code', 'ma', 'ma benh', 'ma icd', 'ma icd 10', 'ma icd10', 'icd', 'icd10', 'icd 10', 'ma benh icd', 'ma benh icd 10', 'icd code'], required: true },
  { key: 'nameVi', label: 'Tên bệnh (name_vi)', aliases: ['name vi', 'ten', 'ten benh', 'ten tieng viet', 'ten benh tieng viet', 'ten benh icd', 'ten benh icd 10', 'name'], required: true },
  { key: 'nameEn', label: 'Tên tiếng Anh (name_en)', aliases: ['name en', 'ten tieng anh', 'ten benh tieng anh', 'english name', 'name english', 'disease name'], required: false },
  { key: 'chapter', label: 'Chương (chapter)', aliases: ['chapter', 'chuong'], required: false },
  { key: 'daggerAsterisk', label: 'Dấu †/* (dagger_asterisk)', aliases: ['dagger asterisk', 'dau', 'ma kem'], required: false },
];

/** Validates imported rows; bad rows are reported with the reason, good ones come back ready for replaceIcd10. */
export function validateIcdRows(table: TableRow<IcdColumn>[]): { rows: Icd10Row[]; issues: RowIssue[] } {
  const rows: Icd10Row[] = [];
  const issues: RowIssue[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, values } of table) {
    const raw = (values.code ?? '').replace(/\s+/g, '').toUpperCase();
    const name = values.nameVi ?? '';
    if (!raw) issues.push({ row, message: 'catalog.row.noCode' });
    else if (!ICD_CODE_PATTERN.test(raw)) issues.push({ row, message: 'catalog.row.badIcdCode', params: { code: raw.slice(0, 20) } });
    else if (!name) issues.push({ row, message: 'catalog.row.noName' });
    else if (name.length > 500) issues.push({ row, message: 'catalog.row.tooLong', params: { column: 'Tên bệnh (name_vi)' } });
    else {
      const mark = raw.match(/[†*]$/)?.[0] ?? null;
      const code = raw.replace(/[†*]$/, '');
      const first = firstRow.get(code);
      if (first !== undefined) {
        issues.push({ row, message: 'catalog.row.duplicate', params: { code, first } });
        continue;
      }
      firstRow.set(code, row);
      const given = (values.daggerAsterisk ?? '').replace('+', '†');
      rows.push({
        code,
        nameVi: name,
        nameEn: values.nameEn ? values.nameEn.slice(0, 500) : null,
        // Only a Roman numeral is a chapter here; anything else (a range, a name) and it is derived from the code.
        chapter: /^[IVXL]{1,6}$/i.test(values.chapter ?? '') ? values.chapter!.toUpperCase() : null,
        daggerAsterisk: given === '†' || given === '*' ? given : mark,
      });
    }
  }
  return { rows, issues };
}
