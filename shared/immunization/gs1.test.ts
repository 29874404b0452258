import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGs1, gs1Date, gtinCheckDigitValid, parseGs1 } from './gs1.js';

const GS = '\u001d';
const GTIN = '08936012345674'; // check digit 4

describe('GS1 DataMatrix element strings', () => {
  it('reads GTIN, expiry, lot and serial with the ]d2 prefix and GS separators', () => {
    expect(parseGs1(`]d201${GTIN}17270131` + `10AB-123${GS}21SN0001`)).toMatchObject({ ok: true, gtin: GTIN, expiry: '2027-01-31', lot: 'AB-123', serial: 'SN0001' });
  });

  it('reads fields in any order, a leading FNC1 and a lot at the end without a separator', () => {
    expect(parseGs1(`${GS}21XYZ${GS}10L0T9${GS}01${GTIN}17261231`)).toMatchObject({ ok: true, serial: 'XYZ', lot: 'L0T9', expiry: '2026-12-31' });
    expect(parseGs1(`01${GTIN}1727063010LOT-42`)).toMatchObject({ ok: true, lot: 'LOT-42', expiry: '2027-06-30' });
  });

  it('reads the human-readable form with brackets', () => {
    expect(parseGs1(`(01)${GTIN}(17)280200(10)MR2024B`)).toMatchObject({ ok: true, gtin: GTIN, expiry: '2028-02-29', lot: 'MR2024B' });
  });

  it('reads day 00 as the last day of the month, including February of a leap year', () => {
    expect(gs1Date('270200')).toBe('2027-02-28');
    expect(gs1Date('280200')).toBe('2028-02-29');
    expect(gs1Date('271100')).toBe('2027-11-30');
    expect(gs1Date('271301')).toBeNull();
    expect(gs1Date('270230')).toBeNull();
  });

  it('gives a clear error key for bad input', () => {
    expect(parseGs1('')).toEqual({ ok: false, error: 'empty' });
    expect(parseGs1('hello')).toEqual({ ok: false, error: 'not-gs1' });
    expect(parseGs1(`01${GTIN.slice(0, 13)}3`)).toEqual({ ok: false, error: 'bad-gtin-check' });
    expect(parseGs1(`01${GTIN}17271340`)).toEqual({ ok: false, error: 'bad-date' });
    expect(parseGs1(`01${GTIN}1727`)).toEqual({ ok: false, error: 'truncated' });
    expect(parseGs1(`01${GTIN}99ABC`)).toEqual({ ok: false, error: 'unknown-ai' });
    expect(parseGs1(`10${'A'.repeat(21)}`)).toEqual({ ok: false, error: 'too-long' });
    expect(parseGs1(`10AB${GS}10CD`)).toEqual({ ok: false, error: 'duplicate-ai' });
    expect(parseGs1('x'.repeat(600))).toEqual({ ok: false, error: 'too-long' });
    expect(parseGs1(null)).toEqual({ ok: false, error: 'empty' });
  });

  it('validates the GTIN check digit', () => {
    expect(gtinCheckDigitValid(GTIN)).toBe(true);
    expect(gtinCheckDigitValid('08936012345672')).toBe(false);
  });

  it('never throws on arbitrary strings, and every result is well formed', () => {
    const alphabet = fc.constantFrom(...'0123456789()]d2AZaz-/ \u001d\u241d\n'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: alphabet, maxLength: 80 })), (s) => {
        const r = parseGs1(s);
        if (r.ok) {
          expect(r.gtin === null || gtinCheckDigitValid(r.gtin)).toBe(true);
          expect(r.expiry === null || /^\d{4}-\d{2}-\d{2}$/.test(r.expiry)).toBe(true);
        } else expect(typeof r.error).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back what it writes (round trip on random lots, serials and dates)', () => {
    const chars = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-./'.split(''));
    fc.assert(
      fc.property(
        fc.string({ unit: chars, minLength: 1, maxLength: 20 }),
        fc.string({ unit: chars, minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 28 }),
        (lot, serial, yy, mm, dd) => {
          const exp = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}`;
          const r = parseGs1(formatGs1({ gtin: GTIN, expiryYymmdd: exp, lot, serial }));
          expect(r).toMatchObject({ ok: true, gtin: GTIN, lot, serial, expiry: gs1Date(exp) });
        },
      ),
      { numRuns: 500 },
    );
  });
});
