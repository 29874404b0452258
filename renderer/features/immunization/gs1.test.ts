import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1Date, gtinCheckDigitOk, parseGs1 } from './gs1.js';

const GS = '\u001d';
// A GTIN-14 with a correct check digit (computed by the GS1 mod-10 rule).
const GTIN = '08936014580011';

describe('GS1 DataMatrix of a vaccine pack', () => {
  it('reads GTIN, expiry and lot whatever the order and separators', () => {
    expect(parseGs1(`${GS}01${GTIN}1727113010AB1234${GS}21SN99`)).toEqual({ ok: true, gtin: GTIN, expiry: '2027-11-30', lot: 'AB1234', serial: 'SN99' });
    expect(parseGs1(`]d201${GTIN}10ab1234${GS}17270600`)).toMatchObject({ ok: true, lot: 'AB1234', expiry: '2027-06-30' });
    expect(parseGs1(`(01)${GTIN}(17)260229(10)X-7`)).toMatchObject({ ok: false, reason: 'bad-date' });
    expect(parseGs1(`(01)${GTIN}(17)280229(10)X-7`)).toMatchObject({ ok: true, expiry: '2028-02-29', lot: 'X-7' });
  });

  it('refuses what is not a vaccine code, with a reason', () => {
    expect(parseGs1('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseGs1('001090900001|012345678|Nguyễn Văn A')).toEqual({ ok: false, reason: 'not-gs1' });
    expect(parseGs1(`01${GTIN.slice(0, 13)}917271130`)).toMatchObject({ ok: false, reason: 'bad-gtin' });
    expect(parseGs1(`01${GTIN}17271130`)).toEqual({ ok: false, reason: 'no-lot' });
    expect(parseGs1(`01${GTIN}17271340`)).toMatchObject({ ok: false, reason: 'bad-date' });
  });

  it('checks GTIN check digits and month ends', () => {
    expect(gtinCheckDigitOk(GTIN)).toBe(true);
    expect(gtinCheckDigitOk('08936014580012')).toBe(false);
    expect(gs1Date('270200')).toBe('2027-02-28');
    expect(gs1Date('271331')).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => typeof parseGs1(s).ok === 'boolean'));
  });
});
