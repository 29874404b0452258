/**
 * Parses the QR payloads of the chip CCCD card and the BHYT health insurance card (see docs on identifiers).
 * CCCD: `number|old CMND|name|ddMMyyyy|Nam/Nữ|address|issue date` (6–8+ fields, old CMND may be absent or empty).
 * BHYT: `card number|name hex|dd/mm/yyyy|1/2|address hex|TT - XXX|from|to|issued|…|guardian hex|…|5 years|…|$`.
 * Never throws: anything unreadable becomes `{ kind: 'invalid', reason }` with a stable reason code.
 */
import { foldVietnamese, normalizeVietnamese } from '../text/fold.js';
import { stripScannerNoise } from './wedge.js';

export type CardSex = 'M' | 'F';

/** Stable reason codes for an unreadable payload (translated by the UI). */
export type CardParseError =
  | 'empty'
  | 'not_a_card'
  | 'too_few_fields'
  | 'bad_cccd_number'
  | 'missing_name'
  | 'bad_birth_date'
  | 'bad_sex'
  | 'bad_hex'
  | 'bad_card_number'
  | 'bad_valid_dates';

export const CARD_PARSE_ERRORS: readonly CardParseError[] = ['empty', 'not_a_card', 'too_few_fields', 'bad_cccd_number',
  'missing_name', 'bad_birth_date', 'bad_sex', 'bad_hex', 'bad_card_number', 'bad_valid_dates'];

export interface CccdCardData {
  kind: 'cccd';
  cccd: string;
  /** Old 9-digit CMND number, when the card carries one. */
  oldId?: string;
  fullName: string;
  /** yyyy-mm-dd, or yyyy when only the year is known. */
  birthDate: string;
  sex: CardSex;
  address: string;
  issueDate?: string;
}

export interface BhytCardData {
  kind: 'bhyt';
  /** Full 15-character card code (older cards), e.g. "DN4010123456789". */
  cardCode?: string;
  /** 10-digit social-insurance number (field 0 on 2021+ cards, or the last 10 characters of the card code). */
  socialInsuranceNumber?: string;
  fullName: string;
  birthDate: string;
  sex: CardSex;
  /** Empty when the card leaves it out ("-"). */
  address: string;
  /** 5-character MA_DKBD, "01 - 043" → "01043"; empty when absent. */
  registrationFacility: string;
  validFrom?: string;
  validTo?: string;
  issueDate?: string;
  guardianName?: string;
  fiveYearsFrom?: string;
  /** Digit 3 of the card code (1 or 5 = 100 %, 2 = 100 % with limits, 3 = 95 %, 4 = 80 %). Not authoritative. */
  benefitLevel?: number;
  /** First two letters of the card code (DN, HC, TE, …). */
  beneficiaryGroup?: string;
  /** Issuing office (hex field 15 on 2021+ cards), when present and readable. */
  issuingPlace?: string;
}

export interface InvalidCard {
  kind: 'invalid';
  reason: CardParseError;
  detail?: string;
}

export type CardPayload = CccdCardData | BhytCardData | InvalidCard;

class CardError extends Error {
  constructor(
    readonly reason: CardParseError,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

function fail(reason: CardParseError, detail?: string): never {
  throw new CardError(reason, detail);
}

function shown(value: string | undefined): string {
  const v = value ?? '';
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}

// ---- dates ----------------------------------------------------------------------------------------------------

function isoDate(d: number, m: number, y: number): string | null {
  if (y < 1800 || y > 2399) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ddMMyyyy → yyyy-mm-dd; null when not a real date. */
export function parseCardDate(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A birth date: a full date, or just a year (also "00/00/yyyy"), → ISO or yyyy. */
function parseBirthDate(text: string): string | null {
  const s = text.trim();
  const year = /^(?:00[/.-]?00[/.-]?)?(\d{4})$/.exec(s);
  if (year) {
    const y = Number(year[1]);
    return y >= 1800 && y <= 2399 ? year[1]! : null;
  }
  return parseCardDate(s);
}

function isAbsent(text: string | undefined): boolean {
  const s = (text ?? '').trim();
  return s === '' || s === '-';
}

/** An optional date that may be wrong without making the card unreadable. */
function lenientDate(text: string | undefined): string | undefined {
  return isAbsent(text) ? undefined : (parseCardDate(text!) ?? undefined);
}

// ---- text -----------------------------------------------------------------------------------------------------

/** Strict UTF-8 decoding of a hex string; null on odd length or invalid UTF-8. */
export function decodeHexUtf8(hex: string): string | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b0 = bytes[i]!;
    let len: number;
    let cp: number;
    let min: number;
    if (b0 < 0x80) [len, cp, min] = [1, b0, 0];
    else if (b0 >= 0xc2 && b0 <= 0xdf) [len, cp, min] = [2, b0 & 0x1f, 0x80];
    else if ((b0 & 0xf0) === 0xe0) [len, cp, min] = [3, b0 & 0x0f, 0x800];
    else if (b0 >= 0xf0 && b0 <= 0xf4) [len, cp, min] = [4, b0 & 0x07, 0x10000];
    else return null;
    if (i + len > bytes.length) return null;
    for (let k = 1; k < len; k++) {
      const b = bytes[i + k]!;
      if ((b & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}

const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * A BHYT text field: hex-encoded UTF-8, or plain text from readers that decode it themselves.
 * Returns '' for "-"/empty; null when the field is hex that does not decode (truncated or corrupt).
 */
function readHexText(raw: string | undefined): string | null {
  const s = (raw ?? '').trim();
  if (isAbsent(s)) return '';
  if (/^[0-9a-fA-F]+$/.test(s)) {
    const decoded = decodeHexUtf8(s);
    if (decoded !== null && !CONTROL_CHARS.test(decoded)) return normalizeVietnamese(decoded);
    // Plain Vietnamese names never contain digits: hex with digits that does not decode is corrupt.
    if (/[0-9]/.test(s)) return null;
  }
  return normalizeVietnamese(s);
}

function parseSexText(raw: string | undefined): CardSex | null {
  const s = foldVietnamese(raw ?? '');
  if (s === 'nam' || s === 'male') return 'M';
  if (s === 'nu' || s === 'female') return 'F';
  return null;
}

function parseSexCode(raw: string | undefined): CardSex | null {
  const s = (raw ?? '').trim();
  if (s === '1') return 'M';
  if (s === '2') return 'F';
  return parseSexText(s);
}

// ---- CCCD -----------------------------------------------------------------------------------------------------

function parseCccdFields(fields: string[]): CccdCardData {
  if (fields.length < 6) fail('too_few_fields', `${fields.length} fields`);
  // The sex field sits at index 4 when the old-CMND field is present (even empty), at index 3 when it is left out.
  const order = fields.length >= 7 ? [4, 3] : [3, 4];
  const sexIndex = order.find((i) => parseSexText(fields[i]) !== null) ?? order[0]!;
  const o = sexIndex - 3;
  const fullName = normalizeVietnamese(fields[1 + o]!);
  if (!fullName) fail('missing_name');
  const birthDate = parseBirthDate(fields[2 + o]!);
  if (!birthDate) fail('bad_birth_date', shown(fields[2 + o]));
  const sex = parseSexText(fields[sexIndex]);
  if (!sex) fail('bad_sex', shown(fields[sexIndex]));
  const result: CccdCardData = {
    kind: 'cccd',
    cccd: fields[0]!.trim(),
    fullName,
    birthDate,
    sex,
    address: normalizeVietnamese(fields[4 + o] ?? ''),
  };
  const oldId = o === 1 ? fields[1]!.trim() : '';
  if (!isAbsent(oldId)) result.oldId = oldId;
  const issueDate = lenientDate(fields[5 + o]);
  if (issueDate) result.issueDate = issueDate;
  return result;
}

// ---- BHYT -----------------------------------------------------------------------------------------------------

function optionalValidDate(raw: string | undefined, which: string): string | undefined {
  if (isAbsent(raw)) return undefined;
  return parseCardDate(raw!) ?? fail('bad_valid_dates', `${which}: ${shown(raw)}`);
}

function parseBhytFields(data: string[]): BhytCardData {
  if (data.length < 6) fail('too_few_fields', `${data.length} fields`);
  const number = data[0]!.replace(/\s+/g, '').toUpperCase();
  let cardCode: string | undefined;
  let socialInsuranceNumber: string | undefined;
  if (/^\d{10}$/.test(number)) socialInsuranceNumber = number;
  else if (/^[A-Z]{2}[0-9A-Z]{13}$/.test(number)) {
    // Published samples carry letters after the group code (e.g. "DN401AA31900313"): keep any 15-char code.
    cardCode = number;
    if (/^\d{10}$/.test(number.slice(5))) socialInsuranceNumber = number.slice(5);
  } else fail('bad_card_number', shown(data[0]));

  const fullName = readHexText(data[1]);
  if (fullName === null) fail('bad_hex', 'fullName');
  if (!fullName) fail('missing_name');
  const birthDate = parseBirthDate(data[2]!);
  if (!birthDate) fail('bad_birth_date', shown(data[2]));
  const sex = parseSexCode(data[3]);
  if (!sex) fail('bad_sex', shown(data[3]));
  const address = readHexText(data[4]);
  if (address === null) fail('bad_hex', 'address');
  const registrationFacility = isAbsent(data[5]) ? '' : data[5]!.replace(/\s*-\s*/, '').replace(/\s+/g, '').toUpperCase();

  const validFrom = optionalValidDate(data[6], 'validFrom');
  const validTo = optionalValidDate(data[7], 'validTo');
  if (validFrom && validTo && validFrom > validTo) fail('bad_valid_dates', `${validFrom} > ${validTo}`);
  const guardianName = readHexText(data[10]);
  if (guardianName === null) fail('bad_hex', 'guardianName');

  const result: BhytCardData = { kind: 'bhyt', fullName, birthDate, sex, address, registrationFacility };
  if (cardCode) {
    result.cardCode = cardCode;
    if (/\d/.test(cardCode.charAt(2))) result.benefitLevel = Number(cardCode.charAt(2));
    result.beneficiaryGroup = cardCode.slice(0, 2);
  }
  if (socialInsuranceNumber) result.socialInsuranceNumber = socialInsuranceNumber;
  if (validFrom) result.validFrom = validFrom;
  if (validTo) result.validTo = validTo;
  const issueDate = lenientDate(data[8]);
  if (issueDate) result.issueDate = issueDate;
  if (guardianName) result.guardianName = guardianName;
  const fiveYearsFrom = lenientDate(data[12]);
  if (fiveYearsFrom) result.fiveYearsFrom = fiveYearsFrom;
  const issuingPlace = data.length >= 16 ? readHexText(data[15]) : '';
  if (issuingPlace) result.issuingPlace = issuingPlace;
  return result;
}

// ---- entry point ----------------------------------------------------------------------------------------------

const BHYT_TERMINATOR = /\|\s*\$$/;
const BHYT_NUMBER = /^(?:[A-Za-z]{2}[0-9A-Za-z]{13}|\d{10})$/;
const BHYT_FACILITY = /^\s*[0-9A-Za-z]{2}\s*-\s*[0-9A-Za-z]{3}\s*$/;

function parse(text: string): CardPayload {
  if (typeof text !== 'string') return { kind: 'invalid', reason: 'empty' };
  const s = stripScannerNoise(text).normalize('NFC');
  if (s === '') return { kind: 'invalid', reason: 'empty' };
  if (BHYT_TERMINATOR.test(s)) return parseBhytFields(s.replace(BHYT_TERMINATOR, '').split('|'));

  const fields = s.split('|');
  const first = fields[0]!.trim();
  if (fields.length < 2) return { kind: 'invalid', reason: 'not_a_card' };
  if (/^\d{12}$/.test(first)) return parseCccdFields(fields);
  // A BHYT payload whose "|$" terminator was lost (truncated read): recognisable by its number and facility.
  if (fields.length >= 6 && BHYT_NUMBER.test(first.replace(/\s+/g, '')) && BHYT_FACILITY.test(fields[5]!)) {
    return parseBhytFields(fields);
  }
  // Shaped like a CCCD payload (a Nam/Nữ field where the layout puts it) but the number is wrong.
  const cccdShaped = fields.length >= 5 && (parseSexText(fields[3]) !== null || parseSexText(fields[4]) !== null);
  if (cccdShaped || (fields.length >= 5 && /^\d{9,13}$/.test(first))) {
    return { kind: 'invalid', reason: 'bad_cccd_number', detail: shown(first) };
  }
  return { kind: 'invalid', reason: 'not_a_card' };
}

/** Parses a scanned card QR payload (CCCD or BHYT). Never throws. */
export function parseCardPayload(text: string): CardPayload {
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof CardError) {
      return err.detail === undefined ? { kind: 'invalid', reason: err.reason } : { kind: 'invalid', reason: err.reason, detail: err.detail };
    }
    return { kind: 'invalid', reason: 'not_a_card' };
  }
}
