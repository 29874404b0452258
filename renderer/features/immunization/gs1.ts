/**
 * GS1 element strings as read from a vaccine box or vial's DataMatrix (shared/domain/immunization.md "Vaccine
 * stock"): (01) GTIN, (17) expiry YYMMDD, (10) lot, (21) serial. Accepts the raw scanner text (optional "]d2"
 * symbology prefix, FNC1 read as ASCII 29 GS) and the human-readable form "(01)…(17)…(10)…". Never throws.
 * GS1 General Specifications: fixed-length AIs need no separator; variable ones end at GS or at the end.
 */
export interface Gs1Vaccine {
  gtin: string | null;
  /** yyyy-mm-dd; a day "00" means the last day of the month (GS1 rule). */
  expiry: string | null;
  lot: string | null;
  serial: string | null;
}

export type Gs1Result = ({ ok: true } & Gs1Vaccine) | { ok: false; reason: 'empty' | 'not-gs1' | 'bad-gtin' | 'bad-date' | 'no-lot' };

const GS = '\u001d';
/** Fixed data lengths of the predefined AIs (GS1 General Specifications, figure 7.8.4-2), by AI prefix. */
const FIXED: Record<string, number> = { '00': 18, '01': 14, '02': 14, '11': 6, '12': 6, '13': 6, '15': 6, '16': 6, '17': 6, '20': 2 };
/** Variable AIs we may meet on a vaccine pack (lot, serial, additional id, CPV, internal). */
const VARIABLE = new Set(['10', '21', '22', '240', '241', '250', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99', '710', '711', '712', '713', '714']);

export function gtinCheckDigitOk(gtin: string): boolean {
  if (!/^\d{14}$/.test(gtin)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(gtin[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(gtin[13]);
}

/** YYMMDD → yyyy-mm-dd (20YY: vaccine expiry dates are in this century); null when not a calendar date. */
export function gs1Date(yymmdd: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const year = 2000 + Number(m[1]);
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0) day = last;
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits the element string into AI → value. */
function elements(text: string): Map<string, string> | null {
  const out = new Map<string, string>();
  // Human-readable form: (01)0893…(17)261231(10)AB12
  if (text.startsWith('(')) {
    const re = /\((\d{2,4})\)([^(]*)/g;
    let m: RegExpExecArray | null;
    let seen = 0;
    while ((m = re.exec(text))) {
      out.set(m[1]!, m[2]!.trim());
      seen += m[0].length;
    }
    return seen === text.length && out.size > 0 ? out : null;
  }
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    const three = text.slice(i, i + 3);
    if (FIXED[two] !== undefined) {
      const len = FIXED[two]!;
      const value = text.slice(i + 2, i + 2 + len);
      if (value.length !== len) return null;
      out.set(two, value);
      i += 2 + len;
      continue;
    }
    const ai = VARIABLE.has(three) ? three : VARIABLE.has(two) ? two : null;
    if (!ai) return out.size > 0 ? out : null; // an AI we do not know: keep what we read before it
    const end = text.indexOf(GS, i + ai.length);
    out.set(ai, text.slice(i + ai.length, end === -1 ? undefined : end));
    i = end === -1 ? text.length : end + 1;
  }
  return out.size > 0 ? out : null;
}

export function parseGs1(raw: string): Gs1Result {
  if (typeof raw !== 'string') return { ok: false, reason: 'empty' };
  let text = raw.replace(/[\r\n]+$/g, '').trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (/^\]d2|^\]C1|^\]Q3/.test(text)) text = text.slice(3);
  const map = elements(text);
  if (!map || (!map.has('01') && !map.has('10'))) return { ok: false, reason: 'not-gs1' };
  const gtin = map.get('01') ?? null;
  if (gtin !== null && !gtinCheckDigitOk(gtin)) return { ok: false, reason: 'bad-gtin' };
  const rawExpiry = map.get('17') ?? null;
  const expiry = rawExpiry === null ? null : gs1Date(rawExpiry);
  if (rawExpiry !== null && expiry === null) return { ok: false, reason: 'bad-date' };
  const lot = (map.get('10') ?? '').trim().toUpperCase() || null;
  if (!lot) return { ok: false, reason: 'no-lot' };
  return { ok: true, gtin, expiry, lot, serial: map.get('21') ?? null };
}
