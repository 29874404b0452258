/**
 * The vaccines the EPI schedules name (codes as in resources/schedules/*.json), with what stock and planning need:
 * vial size, wastage factor, how long an opened multi-dose vial may be kept, default route and site.
 *
 * Sources and confidence (docs/immunization.md):
 * - Opened vials (M, shared/domain/immunization.md "Vaccine stock"): reconstituted vaccines (BCG, measles-containing)
 *   are discarded within 6 hours or at the end of the session; some liquid multi-dose vaccines may be kept up to
 *   28 days under conditions. Which products count as which is L.
 * - Vial sizes and wastage factors are NOT in the domain notes (L): WHO indicative planning wastage rates
 *   (BCG 50 %, lyophilised 10-dose 40 %, liquid multi-dose 25 %, single dose 5 %), factor = 1 / (1 − rate); vial
 *   sizes of the products commonly supplied to the EPI. The lot's own vial size (entered at reception) always wins.
 * A station corrects these by data (a later version of this table), never in the formulas.
 */
import type { INJECTION_SITES, ROUTES } from './checklists.js';

export interface VaccineInfo {
  readonly code: string;
  readonly name: string;
  /** Doses per vial when a lot does not say. */
  readonly vialSize: number;
  /** Doses to plan per dose given: 1 / (1 − expected wastage rate). */
  readonly wastageFactor: number;
  /** Hours an opened vial may be kept; null for single-dose vials. */
  readonly openedVialDiscardHours: number | null;
  /** Reconstituted vaccines: an opened vial is discarded at the end of the session at the latest. */
  readonly discardAtSessionEnd: boolean;
  readonly defaultRoute: (typeof ROUTES)[number];
  readonly defaultSite: (typeof INJECTION_SITES)[number];
  readonly live: boolean;
  /** Below this many doses on hand the stock screen warns. */
  readonly lowStockDoses: number;
  readonly confidence: 'H' | 'M' | 'L';
  readonly note: string | null;
}

const SINGLE = { vialSize: 1, wastageFactor: 1.05, openedVialDiscardHours: null, discardAtSessionEnd: false } as const;
const LIQUID_MULTI = { wastageFactor: 1.33, openedVialDiscardHours: 28 * 24, discardAtSessionEnd: false } as const;
const RECONSTITUTED = { openedVialDiscardHours: 6, discardAtSessionEnd: true } as const;

export const VACCINES: readonly VaccineInfo[] = [
  { code: 'VGB', name: 'Viêm gan B sơ sinh', ...SINGLE, defaultRoute: 'im', defaultSite: 'left-thigh', live: false, lowStockDoses: 5, confidence: 'L', note: 'Lọ 1 liều (L).' },
  {
    code: 'BCG',
    name: 'BCG (lao)',
    vialSize: 20,
    wastageFactor: 2,
    ...RECONSTITUTED,
    defaultRoute: 'id',
    defaultSite: 'left-arm',
    live: true,
    lowStockDoses: 20,
    confidence: 'L',
    note: 'Hủy lọ đã pha sau 6 giờ hoặc cuối buổi tiêm (M); lọ 20 liều, hao hụt 50 % (L).',
  },
  { code: 'DPT-VGB-Hib', name: 'DPT-VGB-Hib (5 trong 1)', ...SINGLE, defaultRoute: 'im', defaultSite: 'left-thigh', live: false, lowStockDoses: 10, confidence: 'L', note: 'Lọ 1 liều (L).' },
  { code: '6in1', name: 'Vắc xin 6 trong 1 (dịch vụ)', ...SINGLE, defaultRoute: 'im', defaultSite: 'left-thigh', live: false, lowStockDoses: 0, confidence: 'L', note: 'Ngoài TCMR; chỉ ghi nhận mũi tiêm nơi khác.' },
  { code: 'DPT', name: 'DPT (bạch hầu – ho gà – uốn ván)', vialSize: 10, ...LIQUID_MULTI, defaultRoute: 'im', defaultSite: 'left-arm', live: false, lowStockDoses: 10, confidence: 'L', note: 'Vắc xin dạng dung dịch nhiều liều (L).' },
  { code: 'bOPV', name: 'bOPV (bại liệt uống)', vialSize: 20, ...LIQUID_MULTI, defaultRoute: 'oral', defaultSite: 'mouth', live: true, lowStockDoses: 20, confidence: 'L', note: 'Lọ 20 liều, dạng dung dịch (L).' },
  { code: 'OPV', name: 'OPV (bại liệt uống)', vialSize: 20, ...LIQUID_MULTI, defaultRoute: 'oral', defaultSite: 'mouth', live: true, lowStockDoses: 0, confidence: 'L', note: 'Mã cũ; ghi nhận mũi đã uống trước đây.' },
  { code: 'IPV', name: 'IPV (bại liệt tiêm)', vialSize: 5, ...LIQUID_MULTI, defaultRoute: 'im', defaultSite: 'right-thigh', live: false, lowStockDoses: 5, confidence: 'L', note: 'Lọ 5 liều (L).' },
  { code: 'Rota', name: 'Rota (tiêu chảy, uống)', ...SINGLE, defaultRoute: 'oral', defaultSite: 'mouth', live: true, lowStockDoses: 5, confidence: 'L', note: 'Liều đơn (L).' },
  { code: 'Soi', name: 'Sởi', vialSize: 10, wastageFactor: 1.67, ...RECONSTITUTED, defaultRoute: 'sc', defaultSite: 'right-arm', live: true, lowStockDoses: 10, confidence: 'L', note: 'Hủy lọ đã pha sau 6 giờ hoặc cuối buổi (M); lọ 10 liều, hao hụt 40 % (L).' },
  { code: 'MR', name: 'Sởi – Rubella (MR)', vialSize: 10, wastageFactor: 1.67, ...RECONSTITUTED, defaultRoute: 'sc', defaultSite: 'right-arm', live: true, lowStockDoses: 10, confidence: 'L', note: 'Hủy lọ đã pha sau 6 giờ hoặc cuối buổi (M); lọ 10 liều, hao hụt 40 % (L).' },
  { code: 'MMR', name: 'Sởi – Quai bị – Rubella (dịch vụ)', ...SINGLE, defaultRoute: 'sc', defaultSite: 'right-arm', live: true, lowStockDoses: 0, confidence: 'L', note: 'Ngoài TCMR; chỉ ghi nhận mũi tiêm nơi khác.' },
  { code: 'VNNB', name: 'Viêm não Nhật Bản', vialSize: 2, wastageFactor: 1.33, openedVialDiscardHours: 6, discardAtSessionEnd: true, defaultRoute: 'sc', defaultSite: 'left-arm', live: false, lowStockDoses: 10, confidence: 'L', note: 'Lọ 1 ml = 2 liều trẻ dưới 3 tuổi; hủy cuối buổi (L).' },
  { code: 'Td', name: 'Td (uốn ván – bạch hầu giảm liều)', vialSize: 10, ...LIQUID_MULTI, defaultRoute: 'im', defaultSite: 'left-arm', live: false, lowStockDoses: 10, confidence: 'L', note: 'Dạng dung dịch nhiều liều (L).' },
  { code: 'UV', name: 'Uốn ván (UV)', vialSize: 10, ...LIQUID_MULTI, defaultRoute: 'im', defaultSite: 'left-arm', live: false, lowStockDoses: 10, confidence: 'L', note: 'Dạng dung dịch nhiều liều (L).' },
];

const BY_CODE = new Map(VACCINES.map((v) => [v.code, v]));

export function vaccineInfo(code: string): VaccineInfo | null {
  return BY_CODE.get(code) ?? null;
}

/** The vaccine's name, or the code itself for a code not in the table (a dose recorded from elsewhere). */
export function vaccineName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** A lot expiring within this many days is "near expiry" (L: a month's notice to use it first or return it). */
export const NEAR_EXPIRY_DAYS = 30;
