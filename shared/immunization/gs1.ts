/**
 * GS1 element strings as printed in the DataMatrix on vaccine boxes and vials (GS1 General Specifications §3, §7.8;
 * shared/domain/immunization.md "Vaccine stock"): (01) GTIN, (17) expiry YYMMDD, (10) lot, (21) serial.
 *
 * Accepts what scanners and people produce: the symbology prefix `]d2` (DataMatrix; `]C1` GS1-128 and `]Q3` QR too),
 * a leading FNC1, variable fields ended by the group separator GS (\x1d, or the visible ␝), and the human-readable
 * form with brackets `(01)…(17)…(10)…`. Pure and total: any string in, a result or an error key out, never a throw.
 */

export type Gs1Error =
  | 'empty'
  | 'too-long'
  | 'not-gs1'
  | 'unknown-ai'
  | 'truncated'
  | 'bad-gtin'
  | 'bad-gtin-check'
  | 'bad-date'
  | 'bad-characters'
  | 'duplicate-ai';

export interface Gs1Data {
  /** 14 digits with a valid check digit. */
  readonly gtin: string | null;
  /** ISO date; YYMMDD with DD = 00 means the last day of the month. */
  readonly expiry: string | null;
  readonly lot: string | null;
  readonly serial: string | null;
  /** Every element found, by application identifier (raw values). */
  readonly elements: Readonly<Record<string, string>>;
}

export type Gs1Result = ({ ok: true } & Gs1Data) | { ok: false; error: Gs1Error };

const GS = '\u001d';
const MAX_INPUT = 512;

/** Application identifiers we read: fixed length, or variable with a maximum (GS1 General Specifications §3.2). */
const AIS: Readonly<Record<string, { fixed?: number; max?: number; numeric?: boolean }>> = {
  '00': { fixed: 18, numeric: true },
  '01': { fixed: 14, numeric: true },
  '02': { fixed: 14, numeric: true },
  '10': { max: 20 },
  '11': { fixed: 6, numeric: true },
  '13': { fixed: 6, numeric: true },
  '15': { fixed: 6, numeric: true },
  '16': { fixed: 6, numeric: true },
  '17': { fixed: 6, numeric: true },
  '20': { fixed: 2, numeric: true },
  '21': { max: 20 },
  '22': { max: 20 },
  '30': { max: 8, numeric: true },
  '37': { max: 8, numeric: true },
  '240': { max: 30 },
  '241': { max: 30 },
  '710': { max: 20 },
  '711': { max: 20 },
  '712': { max: 20 },
  '713': { max: 20 },
  '714': { max: 20 },
};

function aiAt(s: string, i: number): string | null {
  for (const len of [2, 3, 4]) {
    const ai = s.slice(i, i + len);
    if (ai.length === len && Object.prototype.hasOwnProperty.call(AIS, ai)) return ai;
  }
  return null;
}

const isDigits = (s: string) => /^\d+$/.test(s);

/** GS1 mod-10 check digit of a GTIN-14. */
export function gtinCheckDigitValid(gtin: string): boolean {
  if (!/^\d{14}$/.test(gtin)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(gtin[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(gtin[13]);
}

function daysInMonth(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** YYMMDD → ISO date (years 2000–2099); DD = 00 is the month's last day. Null when not a real date. */
export function gs1Date(yymmdd: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const y = 2000 + Number(yymmdd.slice(0, 2));
  const m = Number(yymmdd.slice(2, 4));
  let d = Number(yymmdd.slice(4, 6));
  if (m < 1 || m > 12) return null;
  if (d === 0) d = daysInMonth(y, m);
  if (d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `(01)0893…(17)270131(10)AB12` → the same as an unbracketed string with GS after variable fields. */
function fromBrackets(s: string): string | null {
  const parts = [...s.matchAll(/\((\d{2,4})\)([^()]*)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== s) return null;
  return parts.map(([, ai, value]) => `${ai}${value}${AIS[ai!]?.fixed ? '' : GS}`).join('');
}

export function parseGs1(input: unknown): Gs1Result {
  if (typeof input !== 'string') return { ok: false, error: 'empty' };
  let s = input.replace(/\u241d/g, GS).replace(/[\r\n]+$/g, '').trim();
  if (s.length === 0) return { ok: false, error: 'empty' };
  if (s.length > MAX_INPUT) return { ok: false, error: 'too-long' };
  if (/^\][A-Za-z]\d/.test(s)) s = s.slice(3);
  if (s.startsWith('(')) {
    const b = fromBrackets(s.replace(/\s+/g, ''));
    if (b === null) return { ok: false, error: 'not-gs1' };
    s = b;
  }
  while (s.startsWith(GS)) s = s.slice(1);
  if (s.length === 0) return { ok: false, error: 'empty' };
  if (!/^\d\d/.test(s)) return { ok: false, error: 'not-gs1' };

  const elements: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    if (s[i] === GS) {
      i++;
      continue;
    }
    const ai = aiAt(s, i);
    if (ai === null) return { ok: false, error: Object.keys(elements).length === 0 ? 'not-gs1' : 'unknown-ai' };
    const spec = AIS[ai]!;
    i += ai.length;
    let value: string;
    if (spec.fixed !== undefined) {
      value = s.slice(i, i + spec.fixed);
      if (value.length < spec.fixed || value.includes(GS)) return { ok: false, error: 'truncated' };
      i += spec.fixed;
    } else {
      const end = s.indexOf(GS, i);
      value = s.slice(i, end < 0 ? s.length : end);
      if (value.length === 0) return { ok: false, error: 'truncated' };
      if (value.length > spec.max!) return { ok: false, error: 'too-long' };
      i += value.length;
    }
    // GS1 AI encodable character set 82 (printable ASCII subset); control characters mean a damaged read.
    if (!/^[!-~]+$/.test(value) || (spec.numeric && !isDigits(value))) return { ok: false, error: 'bad-characters' };
    if (Object.prototype.hasOwnProperty.call(elements, ai)) return { ok: false, error: 'duplicate-ai' };
    elements[ai] = value;
  }

  const gtin = elements['01'] ?? null;
  if (gtin !== null && !gtinCheckDigitValid(gtin)) return { ok: false, error: 'bad-gtin-check' };
  let expiry: string | null = null;
  if (elements['17'] !== undefined) {
    expiry = gs1Date(elements['17']);
    if (expiry === null) return { ok: false, error: 'bad-date' };
  }
  return { ok: true, gtin, expiry, lot: elements['10'] ?? null, serial: elements['21'] ?? null, elements };
}

/** Builds the element string of a GTIN, expiry, lot and serial (tests, label printing). */
export function formatGs1(d: { gtin?: string; expiryYymmdd?: string; lot?: string; serial?: string }, prefix = ']d2'): string {
  const parts: string[] = [];
  if (d.gtin) parts.push(`01${d.gtin}`);
  if (d.expiryYymmdd) parts.push(`17${d.expiryYymmdd}`);
  if (d.lot) parts.push(`10${d.lot}${GS}`);
  if (d.serial) parts.push(`21${d.serial}${GS}`);
  return prefix + parts.join('').replace(new RegExp(`${GS}$`), '');
}
