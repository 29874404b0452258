import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CCCD_PROVINCE_NAMES,
  CCCD_PROVINCE_PREFIXES,
  type CccdSex,
  checkCccd,
  decodeCccdSexAndYear,
  encodeCccdCenturyDigit,
} from './cccd.js';

const OLD_CODES =
  '01,02,04,06,08,10,11,12,14,15,17,19,20,22,24,25,26,27,30,31,33,34,35,36,37,38,40,42,44,45,46,48,49,51,52,54,56,58,60,62,64,66,67,68,70,72,74,75,77,79,80,82,83,84,86,87,89,91,92,93,94,95,96'.split(',');
const NEW_2025_CODES =
  '01,04,08,11,12,14,15,19,20,22,24,25,31,33,37,38,40,42,44,46,48,51,52,56,66,68,75,79,80,82,86,91,92,96'.split(',');

describe('decoding a valid CCCD number', () => {
  it.each([
    // number, province, sex, birth year
    ['001090900001', '01', 'M', 1990],
    ['079185900002', '79', 'F', 1985],
    ['038072900003', '38', 'M', 1972],
    ['040303900004', '40', 'F', 2003],
    ['092201900005', '92', 'M', 2001],
    ['001090123456', '01', 'M', 1990],
    ['096100000000', '96', 'F', 1900],
    ['002199999999', '02', 'F', 1999],
  ] as const)('%s → province %s, sex %s, born %i', (number, provinceCode, sex, birthYear) => {
    expect(checkCccd(number)).toEqual({ valid: true, problems: [], warnings: [], provinceCode, sex, birthYear });
  });

  it.each([
    ['0', 'M', 1900],
    ['1', 'F', 1900],
    ['2', 'M', 2000],
    ['3', 'F', 2000],
    ['4', 'M', 2100],
    ['5', 'F', 2100],
    ['6', 'M', 2200],
    ['7', 'F', 2200],
    ['8', 'M', 2300],
    ['9', 'F', 2300],
  ] as const)('century digit %s means %s born from %i', (g, sex, century) => {
    const result = checkCccd(`001${g}45123456`);
    expect(result).toMatchObject({ valid: true, sex, birthYear: century + 45 });
  });

  it('accepts a number typed with spaces, dots or dashes', () => {
    expect(checkCccd(' 001 090 900001 ')).toMatchObject({ valid: true, birthYear: 1990 });
    expect(checkCccd('001.090.900001')).toMatchObject({ valid: true });
    expect(checkCccd('001-090-900001')).toMatchObject({ valid: true });
  });
});

describe('structural problems', () => {
  it.each(['', '12345', '00109090000', '0010909000011', 'abcdefghijkl', '00109090000a', '００１０９０９００００１'])(
    '%j is not 12 digits',
    (number) => {
      expect(checkCccd(number)).toEqual({ valid: false, problems: ['not_12_digits'], warnings: [] });
    },
  );

  it.each(['000090900001', '003090900001', '097090900001', '099090900001', '100090900001', '901090900001'])(
    '%s has an unknown birth-registration prefix but still decodes sex and year',
    (number) => {
      const result = checkCccd(number);
      expect(result.valid).toBe(false);
      expect(result.problems).toEqual(['unknown_province_prefix']);
      expect(result.provinceCode).toBeUndefined();
      expect(result).toMatchObject({ sex: 'M', birthYear: 1990 });
    },
  );

  it('reports century_digit_invalid only for a non-digit G (cannot happen in a 12-digit number)', () => {
    expect(decodeCccdSexAndYear('x', '90')).toBeNull();
    expect(decodeCccdSexAndYear('1', '9')).toBeNull();
  });

  it('never throws on values that are not strings', () => {
    for (const v of [null, undefined, 1234, {}, [], 1.5e11]) {
      expect(() => checkCccd(v as unknown as string, v as never)).not.toThrow();
    }
    expect(checkCccd(1090900001 as unknown as string).problems).toEqual(['not_12_digits']);
  });
});

describe('consistency with the recorded sex and birth year (warnings, overridable)', () => {
  it.each([
    [{ sex: 'M', birthYear: 1990 }, []],
    [{ sex: 'F', birthYear: 1990 }, ['sex_mismatch']],
    [{ sex: 'M', birthYear: 1991 }, ['birth_year_mismatch']],
    [{ sex: 'F', birthYear: 2090 }, ['sex_mismatch', 'birth_year_mismatch']],
    [{}, []],
    [{ sex: 'M' }, []],
    [{ birthYear: 1990 }, []],
  ] as const)('expected %j → warnings %j', (expected, warnings) => {
    const result = checkCccd('001090900001', expected);
    expect(result.warnings).toEqual(warnings);
    expect(result.valid).toBe(true);
  });

  it('does not warn when the number cannot be read at all', () => {
    expect(checkCccd('12345', { sex: 'F', birthYear: 1800 }).warnings).toEqual([]);
  });

  it('still warns for a number with an unknown prefix', () => {
    expect(checkCccd('003090900001', { sex: 'F' })).toMatchObject({ valid: false, warnings: ['sex_mismatch'] });
  });
});

describe('birth-registration province names', () => {
  it('lists the 63 pre-2025 provinces, keyed by "0" + code', () => {
    expect(CCCD_PROVINCE_PREFIXES).toEqual(OLD_CODES.map((c) => `0${c}`));
    expect(Object.keys(CCCD_PROVINCE_NAMES)).toHaveLength(63);
  });

  it('covers every 2025 province code (the 34 are a subset of the 63)', () => {
    for (const code of NEW_2025_CODES) expect(checkCccd(`0${code}090900001`).valid).toBe(true);
  });

  it('names provinces with correct diacritics in NFC', () => {
    expect(CCCD_PROVINCE_NAMES['001']).toBe('Hà Nội');
    expect(CCCD_PROVINCE_NAMES['038']).toBe('Thanh Hóa');
    expect(CCCD_PROVINCE_NAMES['066']).toBe('Đắk Lắk');
    expect(CCCD_PROVINCE_NAMES['079']).toBe('TP. Hồ Chí Minh');
    expect(CCCD_PROVINCE_NAMES['096']).toBe('Cà Mau');
    for (const name of Object.values(CCCD_PROVINCE_NAMES)) expect(name).toBe(name.normalize('NFC'));
    expect(new Set(Object.values(CCCD_PROVINCE_NAMES)).size).toBe(63);
  });
});

describe('properties', () => {
  it('checkCccd never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.option(fc.constantFrom<CccdSex>('M', 'F')), fc.option(fc.integer()), (s, sex, year) => {
        const result = checkCccd(s, { sex: sex ?? undefined, birthYear: year ?? undefined });
        expect(result.valid).toBe(result.problems.length === 0);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.stringMatching(/^\d{12}$/), (s) => checkCccd(s).problems.every((p) => p === 'unknown_province_prefix')), {
      numRuns: 2000,
    });
  });

  it('a number built from (prefix, sex, birth year) decodes back to them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CCCD_PROVINCE_PREFIXES),
        fc.constantFrom<CccdSex>('M', 'F'),
        fc.integer({ min: 1900, max: 2399 }),
        fc.stringMatching(/^\d{6}$/),
        (prefix, sex, year, random) => {
          const g = encodeCccdCenturyDigit(sex, year)!;
          const number = `${prefix}${g}${String(year % 100).padStart(2, '0')}${random}`;
          expect(checkCccd(number, { sex, birthYear: year })).toEqual({
            valid: true,
            problems: [],
            warnings: [],
            provinceCode: prefix.slice(1),
            sex,
            birthYear: year,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('encodeCccdCenturyDigit refuses years outside 1900–2399', () => {
    expect(encodeCccdCenturyDigit('M', 1899)).toBeNull();
    expect(encodeCccdCenturyDigit('F', 2400)).toBeNull();
    expect(encodeCccdCenturyDigit('F', 2024.5)).toBeNull();
    expect(encodeCccdCenturyDigit('F', 2024)).toBe('3');
  });
});
