import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese, normalizeVietnamese } from './fold.js';

describe('folding Vietnamese text for search', () => {
  it('a full name loses its case and diacritics', () => {
    expect(foldVietnamese('Nguyễn Văn Đức')).toBe('nguyen van duc');
  });

  it('đ and Đ become d (SQLite does not do this on its own)', () => {
    expect(foldVietnamese('đ')).toBe('d');
    expect(foldVietnamese('Đ')).toBe('d');
    expect(foldVietnamese('Đặng Đình Đạt')).toBe('dang dinh dat');
  });

  it('every tone mark and vowel hat is removed', () => {
    expect(foldVietnamese('à á ả ã ạ ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ')).toBe('a a a a a a a a a a a a a a a a a');
    expect(foldVietnamese('Ơ Ờ Ư Ừ Ô Ộ Ê Ễ Ý Ỳ')).toBe('o o u u o o e e y y');
  });

  it('a name typed in composed (NFC) or decomposed (NFD) form folds the same', () => {
    const nfc = 'Trần Thị Hương Giang'.normalize('NFC');
    const nfd = 'Trần Thị Hương Giang'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
    expect(foldVietnamese(nfd)).toBe('tran thi huong giang');
  });

  it('runs of spaces, tabs and line breaks become one space, and ends are trimmed', () => {
    expect(foldVietnamese('  Lê \t  Thị\n\nMai  ')).toBe('le thi mai');
  });

  it('folding never throws and leaves no marks, đ or stray spaces, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = foldVietnamese(s);
        expect(typeof once).toBe('string');
        expect(once).not.toMatch(/[đĐ\u0300-\u036f]/);
        expect(once).not.toMatch(/\s\s|^\s|\s$/);
      }),
    );
  });

  it('text that was already folded stays the same', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldVietnamese(foldVietnamese(s))).toBe(foldVietnamese(s));
      }),
    );
  });
});

describe('normalizing Vietnamese text for storage', () => {
  it('stores composed characters with single spaces', () => {
    const input = '  Nguyễn   Văn  Đức '.normalize('NFD');
    const out = normalizeVietnamese(input);
    expect(out).toBe('Nguyễn Văn Đức'.normalize('NFC'));
    expect(out.normalize('NFC')).toBe(out);
  });
});
