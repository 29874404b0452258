import zlib from 'node:zlib';

/**
 * A small synchronous reader for the first worksheet of an .xlsx file (cell text only).
 *
 * Why not exceljs here: write procedures run synchronously inside one SQLite transaction (dispatch refuses a
 * handler that returns a Promise), and exceljs can only read asynchronously. Catalogue files are plain tables
 * (codes, names, units), so reading the zip's central directory, inflating with zlib and picking cells out of
 * the sheet XML is enough. The tests write workbooks with exceljs and read them back with this.
 */
export class XlsxError extends Error {}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  cells: string[];
}

/** Largest inflated part accepted (a zip bomb stops here rather than filling memory). */
const MAX_PART_BYTES = 200 * 1024 * 1024;

interface ZipEntry {
  method: number;
  compressedSize: number;
  offset: number;
}

function readCentralDirectory(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('damaged zip directory');
    const nameLength = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name, { method: buf.readUInt16LE(p + 10), compressedSize: buf.readUInt32LE(p + 20), offset: buf.readUInt32LE(p + 42) });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function readPart(buf: Buffer, entries: Map<string, ZipEntry>, name: string): string | null {
  const e = entries.get(name);
  if (!e) return null;
  if (e.compressedSize === 0xffffffff || e.offset === 0xffffffff) throw new XlsxError('zip64 is not supported');
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50) throw new XlsxError('damaged zip entry');
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data.toString('utf8');
  if (e.method === 8) return zlib.inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }).toString('utf8');
  throw new XlsxError(`unsupported zip compression ${e.method}`);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = decodeXml(m[2]!);
  return out;
}

/** Concatenated text runs of a shared or inline string, phonetic hints (<rPh>) left out. */
function stringText(xml: string): string {
  const body = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
  let text = '';
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += m[1]!;
  return decodeXml(text);
}

function columnIndex(ref: string | undefined, fallback: number): number {
  const letters = ref?.match(/^[A-Z]+/)?.[0];
  if (!letters) return fallback;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function firstSheetPath(workbook: string | null, rels: string | null): string {
  const sheetTag = workbook?.match(/<(?:\w+:)?sheet\b[^>]*>/)?.[0];
  const relId = sheetTag ? Object.entries(attributes(sheetTag)).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] : undefined;
  if (relId && rels) {
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const a = attributes(m[0]);
      if (a.Id === relId && a.Target) return a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target.replace(/^\.\//, '')}`;
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

/** The first worksheet's rows as text cells (empty rows left out). Throws XlsxError when the file is not a workbook. */
export function readFirstSheet(buf: Buffer): SheetRow[] {
  const entries = readCentralDirectory(buf);
  const sheetXml = readPart(buf, entries, firstSheetPath(readPart(buf, entries, 'xl/workbook.xml'), readPart(buf, entries, 'xl/_rels/workbook.xml.rels')));
  if (sheetXml === null) throw new XlsxError('no worksheet');
  const sharedXml = readPart(buf, entries, 'xl/sharedStrings.xml');
  const shared = sharedXml ? [...sharedXml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)].map((m) => stringText(m[1] ?? '')) : [];

  const rows: SheetRow[] = [];
  let lastRow = 0;
  for (const rm of sheetXml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const rowNumber = Number(attributes(rm[1]!).r) || lastRow + 1;
    lastRow = rowNumber;
    const cells: string[] = [];
    for (const cm of (rm[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const a = attributes(cm[1]!);
      const inner = cm[2] ?? '';
      const v = inner.match(/<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/)?.[1];
      let value = '';
      if (a.t === 'inlineStr') value = stringText(inner);
      else if (a.t === 's') value = v === undefined ? '' : (shared[Number(v)] ?? '');
      else if (a.t === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else value = v === undefined ? '' : decodeXml(v);
      cells[columnIndex(a.r, cells.length)] = value;
    }
    const filled = Array.from(cells, (c) => c ?? '');
    if (filled.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells: filled });
  }
  return rows;
}
