import { CCCD_PROVINCE_NAMES, encodeCccdCenturyDigit } from '../../shared/identifiers/cccd.js';
import type { Rng } from './rng.js';

/**
 * Identifiers with the real structure, unique within the station: CCCD (`PPP G YY RRRRRR`), social-insurance
 * number (10 digits), BHYT card code (`XX Y ZZ NNNNNNNNNN`) and Vietnamese mobile numbers.
 */
export class IdentifierBook {
  private readonly cccds = new Set<string>();
  private readonly bhxh = new Set<string>();
  private readonly phones = new Set<string>();

  /** CCCD: 0 + province code of birth registration, G from sex and century, YY, six random digits. */
  cccd(rng: Rng, prefix: string, sex: 'M' | 'F', birthYear: number): string {
    const g = encodeCccdCenturyDigit(sex, birthYear);
    if (!g || !Object.prototype.hasOwnProperty.call(CCCD_PROVINCE_NAMES, prefix)) throw new Error(`cannot make a CCCD for ${prefix}/${sex}/${birthYear}`);
    const head = `${prefix}${g}${String(birthYear % 100).padStart(2, '0')}`;
    for (;;) {
      const n = head + rng.digits(6);
      if (!this.cccds.has(n)) {
        this.cccds.add(n);
        return n;
      }
    }
  }

  /** Marks a number as taken (a typo'd copy must not collide with a real one). */
  claimCccd(n: string): boolean {
    if (this.cccds.has(n)) return false;
    this.cccds.add(n);
    return true;
  }

  /** Social-insurance number: province digits + 8 random digits. */
  socialInsuranceNumber(rng: Rng, province: string): string {
    for (;;) {
      const n = province + rng.digits(8);
      if (!this.bhxh.has(n)) {
        this.bhxh.add(n);
        return n;
      }
    }
  }

  /** A mobile number with a current Vietnamese network prefix. */
  phone(rng: Rng): string {
    for (;;) {
      const n = rng.pick(MOBILE_PREFIXES) + rng.digits(7);
      if (!this.phones.has(n)) {
        this.phones.add(n);
        return n;
      }
    }
  }
}

/** Viettel, Vinaphone, Mobifone, Vietnamobile prefixes (10-digit numbers since 2018). */
export const MOBILE_PREFIXES = [
  '032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', // Viettel
  '081', '082', '083', '084', '085', '088', '091', '094', // Vinaphone
  '070', '076', '077', '078', '079', '089', '090', '093', // Mobifone
  '056', '058', '092', // Vietnamobile
];

/** BHYT card code: group (2 letters) + benefit level (1 digit) + province (2 digits) + social-insurance number. */
export function bhytCardCode(group: string, level: number, province: string, bhxh: string): string {
  return `${group}${level}${province}${bhxh}`;
}

/** The number with two adjacent digits swapped (a typing slip); the same number if they are equal. */
export function swapAdjacentDigits(rng: Rng, n: string, from = 0): string {
  const i = rng.int(from, n.length - 2);
  return n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
}
