import { parse } from 'csv-parse/sync';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/contract/catalog.js';
import { AppError } from '../../../shared/errors.js';
import { translate, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import { readFirstSheet, XlsxError, type SheetRow } from './xlsx.js';

/**
 * Reading an uploaded catalogue file (CSV or XLSX) into rows keyed by field, whatever the header's language or
 * accents, and the all-or-nothing row validation both catalogue imports share.
 */

/** How many bad rows a refused import lists. */
export const MAX_REPORTED_ROWS = 20;

export interface ColumnSpec<K extends string> {
  key: K;
  /** How the column is named in messages: the Vietnamese header and the CSV name. */
  label: string;
  /** Accepted header texts, compared folded (no accents, lower case, punctuation as spaces). */
  aliases: readonly string[];
  required: boolean;
}

export interface TableRow<K extends string> {
  /** Row number as the user sees it in the spreadsheet (header = 1 for a plain CSV). */
  row: number;
  values: Partial<Record<K, string>>;
}

/** A problem with the file as a whole (format, encoding, missing columns): answered with CATALOG_IMPORT_INVALID. */
export class CatalogFileError extends Error {
  constructor(
    readonly reason: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

export interface RowIssue {
  row: number;
  message: MessageKey;
  params?: Record<string, string | number>;
}

export function headerKey(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Decodes the upload, refusing more than MAX_IMPORT_FILE_BYTES (20 MB). */
export function decodeUpload(contentBase64: string): Buffer {
  const buf = Buffer.from(contentBase64.replace(/^data:[^,]*,/, ''), 'base64');
  if (buf.length > MAX_IMPORT_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  return buf;
}

function csvRows(buf: Buffer): SheetRow[] {
  const text = buf.toString('utf8');
  if (text.includes('\uFFFD')) throw new CatalogFileError('catalog.file.encoding');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = [',', ';', '\t'].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as never;
  } catch (e) {
    throw new CatalogFileError('catalog.file.unreadable', { detail: e instanceof Error ? e.message.slice(0, 120) : '' });
  }
  return records.map(({ record, info }) => ({
    row: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
}

function sheetRows(fileName: string, buf: Buffer): SheetRow[] {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const isZip = buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
  if (ext === 'xlsx' || (isZip && ext !== 'csv' && ext !== 'txt')) {
    try {
      return readFirstSheet(buf);
    } catch (e) {
      if (e instanceof XlsxError || e instanceof RangeError) throw new CatalogFileError('catalog.file.unreadable', { detail: e.message.slice(0, 120) });
      throw e;
    }
  }
  if (ext === 'csv' || ext === 'txt') return csvRows(buf);
  throw new CatalogFileError('catalog.file.unsupported');
}

/** Rows of the file with cells mapped to fields. The header is the first of the top 10 rows naming every required column. */
export function readTable<K extends string>(fileName: string, buf: Buffer, columns: readonly ColumnSpec<K>[]): TableRow<K>[] {
  const rows = sheetRows(fileName, buf);
  const required = columns.filter((c) => c.required);
  let best: { index: number; map: Map<K, number> } | null = null;
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const headers = rows[i]!.cells.map(headerKey);
    const map = new Map<K, number>();
    for (const col of columns) {
      const at = headers.findIndex((h, j) => h !== '' && col.aliases.includes(h) && ![...map.values()].includes(j));
      if (at >= 0) map.set(col.key, at);
    }
    if (required.every((c) => map.has(c.key))) {
      best = { index: i, map };
      break;
    }
    if (!best || map.size > best.map.size) best = { index: -1, map };
  }
  if (!best || best.index < 0) {
    const missing = required.filter((c) => !best?.map.has(c.key)).map((c) => `"${c.label}"`);
    throw new CatalogFileError('catalog.file.missingColumns', { columns: missing.join(', ') });
  }
  const { index, map } = best;
  const data = rows.slice(index + 1).map((r) => {
    const values: Partial<Record<K, string>> = {};
    for (const [key, at] of map) values[key] = (r.cells[at] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    return { row: r.row, values };
  });
  const nonEmpty = data.filter((r) => Object.values(r.values).some((v) => v !== ''));
  if (nonEmpty.length === 0) throw new CatalogFileError('catalog.file.empty');
  return nonEmpty;
}

/** Runs `body`, turning a file problem into CATALOG_IMPORT_INVALID with the reason in the caller's language. */
export function withFileErrors<T>(locale: Locale, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof CatalogFileError) throw new AppError('CATALOG_IMPORT_INVALID', { reason: translate(locale, e.reason, e.params) });
    throw e;
  }
}

/** Refuses the whole import when any row is bad: VALIDATION_FAILED listing the first rows, in the caller's language. */
export function refuseIfBadRows(issues: RowIssue[], locale: Locale): void {
  if (issues.length === 0) return;
  const sorted = [...issues].sort((a, b) => a.row - b.row);
  const fields = sorted.slice(0, MAX_REPORTED_ROWS).map((i) => ({
    path: `rows.${i.row}`,
    message: translate(locale, 'catalog.row.prefix', { row: i.row }) + translate(locale, i.message, i.params ?? {}),
  }));
  if (sorted.length > MAX_REPORTED_ROWS) fields.push({ path: 'rows', message: translate(locale, 'catalog.row.more', { count: sorted.length - MAX_REPORTED_ROWS }) });
  throw new AppError('VALIDATION_FAILED', {}, { fields, badRows: sorted.length });
}
