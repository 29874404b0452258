import { foldVietnamese } from '../text/fold.js';

/**
 * Code mappings from what the station stores to the BHYT XML (xml130.md, identifiers.md).
 */

/** GIOI_TINH: 1 Nam, 2 Nữ (3 = chưa xác định is never stored). */
export function sexCode(sex: 'M' | 'F'): string {
  return sex === 'M' ? '1' : '2';
}

/**
 * MA_DANTOC: the stored ethnicity code already is the 2-digit GSO code (QĐ 121-TCTK/PPCĐ) that the XML uses;
 * 55 (foreigner) and 56 (unknown) are accepted as some systems add them. Anything else gives ''.
 */
export function ethnicityCode(stored: string | null | undefined): string {
  if (!stored || !/^\d{2}$/.test(stored)) return '';
  const n = Number(stored);
  return n >= 1 && n <= 56 ? stored : '';
}

/**
 * MA_QUOCTICH (TT 07/2016/TT-BCA Phụ lục 2, 3 characters). Only Việt Nam is mapped, to "000" as HIS exports
 * commonly write it (confidence L: verify against the province's social-insurance office); other nationalities
 * are stored as free text and left empty (the field is optional).
 */
export function nationalityCode(stored: string | null | undefined): string {
  if (!stored) return '';
  const folded = foldVietnamese(stored).replace(/[^a-z]/g, '');
  return folded === 'vietnam' || folded === 'vn' ? '000' : '';
}

/**
 * MA_NGHE_NGHIEP (QĐ 34/2020/QĐ-TTg, 5 digits): the station records occupation as free text, so only a stored
 * 5-digit code is passed on; otherwise the optional field stays empty (writing 00000 would claim "no occupation").
 */
export function occupationCode(stored: string | null | undefined): string {
  const v = stored?.trim() ?? '';
  return /^\d{5}$/.test(v) ? v : '';
}

/** ICD-10 code as the XML writes it (QĐ 4469 codes with the dot, e.g. J06.9). */
export function icdCode(code: string): string {
  return code.trim().toUpperCase();
}

/** MA_LOAI_RV of a referral: 2 = chuyển tuyến theo yêu cầu chuyên môn, 5 = theo yêu cầu người bệnh. */
export function dischargeKind(reason: '1' | '2' | '3'): string {
  return reason === '3' ? '5' : '2';
}
