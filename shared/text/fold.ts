/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ/Đ → d, collapsed spaces.
 * SQLite's remove_diacritics does not fold đ, so folding happens here and is stored alongside names.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Vietnamese text is stored in NFC with single spaces. */
export function normalizeVietnamese(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
