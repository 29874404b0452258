import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyKeystrokes, type KeyEventLike, looksLikeCardPayload, stripScannerNoise } from './wedge.js';

/** Key events for `text` then Enter, `gap` ms apart (a number or a function of the index). */
function burst(text: string, gap: number | ((i: number) => number), enter = true, start = 1000): KeyEventLike[] {
  const keys = [...Array.from(text), ...(enter ? ['Enter'] : [])];
  let t = start;
  return keys.map((key, i) => {
    if (i > 0) t += typeof gap === 'number' ? gap : gap(i);
    return { key, t };
  });
}

const PAYLOAD = '001090123456|012345678|Nguyễn Văn A|01011990|Nam|Thôn 3|15042021';

describe('classifyKeystrokes', () => {
  it.each([
    ['a scanner burst (5 ms apart, Enter)', burst(PAYLOAD, 5), true],
    ['exactly 20 characters at 15 ms', burst('x'.repeat(20), 15), true],
    ['19 characters at 1 ms', burst('x'.repeat(19), 1), false],
    ['a 16 ms median gap', burst('x'.repeat(40), 16), false],
    ['a person typing (120 ms apart)', burst(PAYLOAD, 120), false],
    ['a fast burst without Enter', burst(PAYLOAD, 5, false), false],
    ['a scanner with one long pause (median unaffected)', burst(PAYLOAD, (i) => (i === 30 ? 400 : 4)), true],
    ['a mix where most gaps are slow', burst(PAYLOAD, (i) => (i % 3 === 0 ? 2 : 80)), false],
    ['nothing', [], false],
  ] as const)('%s → %s', (_label, events, isScanner) => {
    expect(classifyKeystrokes(events).isScanner).toBe(isScanner);
  });

  it('returns the typed text without the Enter and ignores modifier keys', () => {
    const events = burst(PAYLOAD, 3).flatMap((e) => (/[A-ZĐ]/.test(e.key) ? [{ key: 'Shift', t: e.t - 1 }, e] : [e]));
    const result = classifyKeystrokes(events);
    expect(result).toMatchObject({ isScanner: true, text: PAYLOAD, charCount: Array.from(PAYLOAD).length, endsWithEnter: true, medianGapMs: 3 });
  });

  it('needs Enter at the end, not in the middle', () => {
    const events = [...burst(PAYLOAD, 5), ...burst('abc', 5, false, 2000)];
    expect(classifyKeystrokes(events)).toMatchObject({ isScanner: false, endsWithEnter: false });
  });

  it('reports no median for fewer than two events', () => {
    expect(classifyKeystrokes([{ key: 'a', t: 1 }]).medianGapMs).toBeNull();
  });

  it('never throws on arbitrary events', () => {
    const event = fc.record({ key: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('Enter', 'Shift', 'Tab')), t: fc.double() });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const r = classifyKeystrokes(events);
        expect(typeof r.isScanner).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('a burst of ≥ 20 characters at ≤ 15 ms ending with Enter is always a scanner', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 20, maxLength: 200, unit: 'grapheme-ascii' }), fc.integer({ min: 0, max: 15 }), (text, gap) => {
        expect(classifyKeystrokes(burst(text, gap)).isScanner).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('stripScannerNoise', () => {
  it.each([
    [`]Q1${PAYLOAD}\r\n`, PAYLOAD],
    [`]Q3${PAYLOAD}`, PAYLOAD],
    [`  ${PAYLOAD}\n`, PAYLOAD],
    [`\ufeff\u0002${PAYLOAD}\u0003\u0004`, PAYLOAD],
    [`\r\n]d1 ${PAYLOAD}\t`, PAYLOAD],
    [']Q1', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(stripScannerNoise(input)).toBe(expected));
});

describe('looksLikeCardPayload', () => {
  const rows = parseCsv(fs.readFileSync(new URL('./__fixtures__/qr_samples.csv', import.meta.url), 'utf8'), { columns: true }) as {
    id: string;
    payload: string;
  }[];
  it.each(rows)('recognises sample $id', ({ payload }) => {
    expect(looksLikeCardPayload(payload)).toBe(true);
    expect(looksLikeCardPayload(`]Q1${payload}\r\n`)).toBe(true);
  });

  it.each([
    ['a CCCD payload', PAYLOAD, true],
    ['a 6-field CCCD payload', '001090123456|Nguyễn Văn A|01011990|Nam|Thôn 3|15042021', true],
    ['a BHYT payload with a trailing newline', '0123456789|4e|1990|1|-|01 - 001|$\n', true],
    ['four pipes', '001090123456|a|b|c|d', false],
    ['pipes but no card shape', 'a|b|c|d|e|f|g', false],
    ['13 leading digits', '0010901234567|a|b|c|d|e', false],
    ['a dollar without a pipe', 'a|b|c|d|e|f$', false],
    ['plain text', 'Nguyễn Văn A', false],
    ['empty', '', false],
  ] as const)('%s → %s', (_label, text, expected) => expect(looksLikeCardPayload(text)).toBe(expected));
});
