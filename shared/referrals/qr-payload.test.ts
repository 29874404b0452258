import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QR_PREFIX, decodeSlipQr, encodeSlipQr, type SlipQrData } from './qr-payload.js';

const sample: SlipQrData = {
  kind: 'referral',
  number: '12/2026/PCCSKBCB',
  facilityCode: '15123',
  cccd: '015168000123',
  bhytCardCode: 'GD4151234567890',
  icdCodes: ['J18.9', 'I10'],
  date: '2026-03-15',
};

const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const nullableText = fc.option(fc.string({ minLength: 1 }), { nil: null });
const slip: fc.Arbitrary<SlipQrData> = fc.record({
  kind: fc.constantFrom('referral' as const, 'appointment' as const),
  number: fc.string(),
  facilityCode: fc.string(),
  cccd: nullableText,
  bhytCardCode: nullableText,
  // One empty code alone would read back as "no codes"; codes are never empty.
  icdCodes: fc.array(fc.string({ minLength: 1 }), { maxLength: 13 }),
  date: isoDate,
});

describe('slip QR payload', () => {
  it('has a compact, versioned layout', () => {
    expect(encodeSlipQr(sample)).toBe('TYTS1|CT|12/2026/PCCSKBCB|15123|015168000123|GD4151234567890|J18.9;I10|20260315');
    expect(encodeSlipQr({ ...sample, kind: 'appointment', cccd: null, icdCodes: [] })).toBe('TYTS1|HK|12/2026/PCCSKBCB|15123||GD4151234567890||20260315');
  });

  it('decodes what it encodes, for any values (separators inside values included)', () => {
    fc.assert(fc.property(slip, (data) => {
          expect(decodeSlipQr(encodeSlipQr(data))).toEqual({ ok: true, value: data });
        }), { numRuns: 500 });
    const tricky = { ...sample, number: '1|2;3%7C%', icdCodes: ['A;B', '%3B', '|'] };
    expect(decodeSlipQr(encodeSlipQr(tricky))).toEqual({ ok: true, value: tricky });
  });

  it('never throws on arbitrary input, and says why it is not a slip', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
          expect(() => decodeSlipQr(x)).not.toThrow();
        }));
    fc.assert(fc.property(fc.string(), (s) => {
          expect(() => decodeSlipQr(`${QR_PREFIX}|${s}`)).not.toThrow();
        }));
    expect(decodeSlipQr('001090123456|012345678|Nguyễn Văn A|01011990|Nam|Thôn 3|15042021')).toEqual({ ok: false, error: 'not_a_slip' });
    expect(decodeSlipQr('TYTS9|CT|1|15123||||20260315')).toEqual({ ok: false, error: 'unknown_version' });
    expect(decodeSlipQr('TYTS1|CT|1|15123')).toEqual({ ok: false, error: 'bad_layout' });
    expect(decodeSlipQr('TYTS1|XX|1|15123||||20260315')).toEqual({ ok: false, error: 'bad_type' });
    expect(decodeSlipQr('TYTS1|CT|1|15123||||20260230')).toEqual({ ok: false, error: 'bad_date' });
    expect(decodeSlipQr(null)).toEqual({ ok: false, error: 'not_a_slip' });
  });
});
