import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { base64Utf8, element, escapeXml, wrap, XML_DECLARATION } from './xml.js';

const parser = new XMLParser({ parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true });
/** What a conforming parser keeps of a text: NFC, without the characters XML cannot carry. */
const xmlSafe = (s: string) => s.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

describe('XML writing', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    expect(element('HO_TEN', 'Lê <Thị> & "Hà"')).toBe('<HO_TEN>Lê &lt;Thị&gt; &amp; &quot;Hà&quot;</HO_TEN>');
    expect(() => element('BAD NAME', 'x')).toThrow();
  });

  it('never produces invalid XML, and the text reads back unchanged, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const xml = XML_DECLARATION + wrap('R', [element('A', a), element('B', b)]);
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = parser.parse(xml) as { R: { A: string; B: string } };
        expect(String(parsed.R.A ?? '')).toBe(xmlSafe(a));
        expect(String(parsed.R.B ?? '')).toBe(xmlSafe(b));
      }),
      { numRuns: 200 },
    );
  });

  it('base64-encodes UTF-8 exactly like Node does', () => {
    expect(base64Utf8('')).toBe('');
    expect(base64Utf8('Nguyễn Thị Hường')).toBe(Buffer.from('Nguyễn Thị Hường', 'utf8').toString('base64'));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(base64Utf8(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(base64Utf8(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
      }),
      { numRuns: 500 },
    );
  });
});
