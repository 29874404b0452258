/**
 * The 12-digit personal identification number (CCCD): `PPP G YY RRRRRR`.
 * PPP = "0" + the province code where the birth was registered (pre-2025 codes: the number never changes when
 * provinces merge), G = sex and century, YY = last two digits of the birth year, RRRRRR = random.
 * Structural problems make the number invalid; disagreement with the recorded sex/birth year is only a warning.
 */

export type CccdSex = 'M' | 'F';

/** Structural problems (the number is not a valid CCCD). Stable codes, translated by the UI. */
export type CccdProblem = 'not_12_digits' | 'unknown_province_prefix' | 'century_digit_invalid';
export const CCCD_PROBLEMS: readonly CccdProblem[] = ['not_12_digits', 'unknown_province_prefix', 'century_digit_invalid'];

/** Consistency warnings the user may override (data entry errors are common on both sides). */
export type CccdWarning = 'sex_mismatch' | 'birth_year_mismatch';
export const CCCD_WARNINGS: readonly CccdWarning[] = ['sex_mismatch', 'birth_year_mismatch'];

export interface CccdCheck {
  valid: boolean;
  problems: CccdProblem[];
  warnings: CccdWarning[];
  /** 2-digit province code of the birth registration (pre-2025 list), e.g. "01"; absent when unknown. */
  provinceCode?: string;
  sex?: CccdSex;
  birthYear?: number;
}

export interface CccdExpectations {
  sex?: CccdSex;
  birthYear?: number;
}

/**
 * Birth-registration prefixes ("0" + pre-2025 province code) → province name at the time (63 provinces).
 * The 34 province codes of 2025 are all among these, so this list covers both.
 */
export const CCCD_PROVINCE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'TP. Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
});

/** The valid 3-digit birth-registration prefixes, ascending. */
export const CCCD_PROVINCE_PREFIXES: readonly string[] = Object.freeze(Object.keys(CCCD_PROVINCE_NAMES).sort());

/** First year of the century encoded by each pair of G digits: 0/1 → 1900, 2/3 → 2000, …, 8/9 → 2300. */
function centuryStart(g: number): number {
  return 1900 + Math.floor(g / 2) * 100;
}

/** Sex and birth year from the G and YY digits (G even = male). Null when G is not a digit 0–9. */
export function decodeCccdSexAndYear(g: string, yy: string): { sex: CccdSex; birthYear: number } | null {
  if (!/^[0-9]$/.test(g) || !/^[0-9]{2}$/.test(yy)) return null;
  const digit = Number(g);
  return { sex: digit % 2 === 0 ? 'M' : 'F', birthYear: centuryStart(digit) + Number(yy) };
}

/** The G digit for a sex and birth year (1900–2399); null outside that range. */
export function encodeCccdCenturyDigit(sex: CccdSex, birthYear: number): string | null {
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2399) return null;
  return String(Math.floor((birthYear - 1900) / 100) * 2 + (sex === 'F' ? 1 : 0));
}

/** Removes spaces, dots and dashes people type when copying a printed number. */
function cleanNumber(number: unknown): string {
  return typeof number === 'string' ? number.replace(/[\s.\-]/g, '') : typeof number === 'number' ? String(number) : '';
}

/** Checks a CCCD number's structure and its consistency with the recorded sex and birth year. Never throws. */
export function checkCccd(number: string, expected: CccdExpectations = {}): CccdCheck {
  const digits = cleanNumber(number);
  if (!/^[0-9]{12}$/.test(digits)) return { valid: false, problems: ['not_12_digits'], warnings: [] };

  const problems: CccdProblem[] = [];
  const warnings: CccdWarning[] = [];
  const prefix = digits.slice(0, 3);
  const known = Object.prototype.hasOwnProperty.call(CCCD_PROVINCE_NAMES, prefix);
  if (!known) problems.push('unknown_province_prefix');

  const decoded = decodeCccdSexAndYear(digits.charAt(3), digits.slice(4, 6));
  if (!decoded) problems.push('century_digit_invalid');

  const exp = expected && typeof expected === 'object' ? expected : {};
  if (decoded && (exp.sex === 'M' || exp.sex === 'F') && exp.sex !== decoded.sex) warnings.push('sex_mismatch');
  if (decoded && typeof exp.birthYear === 'number' && Number.isFinite(exp.birthYear) && exp.birthYear !== decoded.birthYear) {
    warnings.push('birth_year_mismatch');
  }

  const result: CccdCheck = { valid: problems.length === 0, problems, warnings };
  if (known) result.provinceCode = prefix.slice(1);
  if (decoded) {
    result.sex = decoded.sex;
    result.birthYear = decoded.birthYear;
  }
  return result;
}
