import type { EthnicGroup } from './names.js';
import type { Rng } from './rng.js';
import type { Condition } from './types.js';

/**
 * Viet Nam's population by 5-year age band, per cent of the total (2019 Population and Housing Census,
 * approximate figures read from the published pyramid; the 80+ total of ≈ 2 % is split over 80–99).
 */
export const AGE_PYRAMID_2019: readonly (readonly [from: number, percent: number])[] = [
  [0, 7.9], [5, 8.3], [10, 7.3], [15, 6.5], [20, 6.9], [25, 8.1], [30, 8.4], [35, 7.9], [40, 7.3], [45, 6.6],
  [50, 6.1], [55, 5.4], [60, 4.4], [65, 3.2], [70, 2.0], [75, 1.3], [80, 1.0], [85, 0.6], [90, 0.3], [95, 0.1],
];
export const MAX_AGE = 99;

const AGE_WEIGHT: number[] = [];
for (let age = 0; age <= MAX_AGE; age++) AGE_WEIGHT.push(AGE_PYRAMID_2019[Math.floor(age / 5)]![1] / 5);

/**
 * Ages in [lo, hi] drawn from the census pyramid truncated to that range (the household templates give the
 * feasible range of each member; drawing inside it from the pyramid keeps the whole population close to it).
 * `tilt(age)` multiplies the weight (e.g. people living alone are more often old). The templates still bend the
 * overall shape (young mothers mean many toddlers), so the generator calibrates the weights: see `calibrated`.
 */
export class AgeSampler {
  constructor(readonly weights: readonly number[] = AGE_WEIGHT) {}

  sample(rng: Rng, lo: number, hi: number, tilt?: (age: number) => number): number {
    const a = Math.max(0, Math.ceil(lo));
    const b = Math.min(MAX_AGE, Math.floor(hi));
    if (b < a) return Math.max(0, Math.min(MAX_AGE, Math.round((lo + hi) / 2)));
    let total = 0;
    for (let age = a; age <= b; age++) total += this.weights[age]! * (tilt ? tilt(age) : 1);
    let r = rng.next() * total;
    for (let age = a; age <= b; age++) {
      r -= this.weights[age]! * (tilt ? tilt(age) : 1);
      if (r < 0) return age;
    }
    return b;
  }

  /** Weights multiplied, per 5-year band, by census share ÷ share observed in `ages` (one calibration step). */
  calibrated(ages: readonly number[]): AgeSampler {
    const observed = new Array<number>(AGE_PYRAMID_2019.length).fill(0);
    for (const age of ages) observed[Math.min(AGE_PYRAMID_2019.length - 1, Math.floor(age / 5))]!++;
    const shares = [...pyramidShares().values()];
    const weights = this.weights.map((w, age) => {
      const band = Math.floor(age / 5);
      const seen = observed[band]! / Math.max(1, ages.length);
      return seen > 0 ? w * Math.min(4, Math.max(0.25, shares[band]! / seen)) : w;
    });
    return new AgeSampler(weights);
  }
}

export const CENSUS_AGES = new AgeSampler();

/** An age from the uncalibrated census pyramid. */
export function sampleAge(rng: Rng, lo: number, hi: number, tilt?: (age: number) => number): number {
  return CENSUS_AGES.sample(rng, lo, hi, tilt);
}

/** The census share of each 5-year band, normalised (for reports and the realism test). */
export function pyramidShares(): Map<number, number> {
  const total = AGE_PYRAMID_2019.reduce((s, [, p]) => s + p, 0);
  return new Map(AGE_PYRAMID_2019.map(([from, p]) => [from, p / total]));
}

const DAY = 86_400_000;
/** Viet Nam is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * 3_600_000;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
export function dayMs(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}
export function addDaysIso(iso: string, n: number): string {
  return isoDay(dayMs(iso) + n * DAY);
}
/** The instant of a local (UTC+7) time on a station date. */
export function localTime(iso: string, hour: number, minute = 0, second = 0): number {
  return dayMs(iso) + ((hour * 60 + minute) * 60 + second) * 1000 - VN_OFFSET_MS;
}

/** A birth date for someone who is `age` on `today` (uniform over the year of age). */
export function birthDateForAge(rng: Rng, today: string, age: number): string {
  const end = dayMs(today) - age * 365.25 * DAY;
  const date = isoDay(end - rng.int(0, 364) * DAY);
  // Born yesterday at the latest: a baby born "today" could not have been registered yet.
  const yesterday = isoDay(dayMs(today) - DAY);
  return date > yesterday ? yesterday : date;
}

export function ageOn(birthDate: string, date: string): number {
  const y = Number(birthDate.slice(0, 4));
  if (birthDate.length === 4) return Number(date.slice(0, 4)) - y;
  return Number(date.slice(0, 4)) - y - (date.slice(5, 10) < birthDate.slice(5, 10) ? 1 : 0);
}

/** A commune as the generator sets it up: facility, area, people and habits. */
export interface CommuneProfile {
  facility: {
    name: string;
    code: string;
    governingBody: string;
    provinceCode: string;
    provinceName: string;
    communeCode: string;
    communeName: string;
  };
  /** CCCD prefix of births registered in this province (0 + the pre-2025 province code). */
  localCccdPrefix: string;
  /** Province printed in "place of birth" for locals. */
  localBirthProvince: string;
  /** Province digits on BHYT cards and social-insurance numbers issued here. */
  bhytProvince: string;
  /** MA_DKBD of the district-level hospital some people register with instead of the station. */
  districtHospitalCode: string;
  /** Where people born elsewhere come from (CCCD prefixes), weighted. */
  otherBirthPrefixes: readonly (readonly [string, number])[];
  ethnicMix: readonly (readonly [EthnicGroup, number])[];
  hamletWords: readonly string[];
  hamletKind: string;
  /** Share of households on the poor list (HN cards). */
  poorRate: number;
  religions: readonly (readonly [string | null, number])[];
  latrines: readonly (readonly ['flush' | 'double_vault' | 'bucket' | 'none' | 'other', number])[];
  /** Where people who move away go. */
  destinations: readonly string[];
}

export const PLAINS: CommuneProfile = {
  facility: {
    name: 'Trạm Y tế xã Hoằng Lộc',
    code: '38150',
    governingBody: 'UBND xã Hoằng Lộc',
    provinceCode: '38',
    provinceName: 'Tỉnh Thanh Hóa',
    communeCode: '15961',
    communeName: 'Xã Hoằng Lộc',
  },
  localCccdPrefix: '038',
  localBirthProvince: 'Thanh Hóa',
  bhytProvince: '38',
  districtHospitalCode: '38011',
  otherBirthPrefixes: [['040', 4], ['036', 2], ['037', 2], ['001', 2], ['042', 1], ['034', 1], ['079', 1], ['031', 1], ['017', 1], ['075', 0.5], ['074', 0.5]],
  ethnicMix: [['kinh', 98.5], ['muong', 1], ['hoa', 0.5]],
  hamletWords: [
    'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Phú Xuân', 'An Lạc', 'Thái Hòa', 'Lộc Tiến', 'Phúc Thịnh', 'Đại Đồng',
    'Yên Xá', 'Hòa Bình', 'Tân Lập', 'Cự Phú', 'Đồng Tâm', 'Quang Trung', 'Tiền Phong', 'Nghĩa Trang', 'Bái Trạch', 'Phượng Mao',
    'Hồng Kỳ', 'Thành Công', 'Đoàn Kết', 'Kim Sơn', 'Trung Thôn', 'Phú Lộc', 'Vĩnh Thịnh', 'Tam Hợp', 'Hưng Phát', 'Bình An',
    'Cát Lợi', 'Đại Bái', 'Ngọc Trì', 'Lộc Thọ', 'Xuân Phong', 'Vạn Lộc', 'Hà Thái',
  ],
  hamletKind: 'Thôn',
  poorRate: 0.04,
  religions: [[null, 85], ['Phật giáo', 7], ['Công giáo', 8]],
  latrines: [['flush', 78], ['double_vault', 15], ['bucket', 3], ['none', 2], ['other', 2]],
  destinations: ['TP. Hồ Chí Minh', 'Hà Nội', 'Bình Dương', 'Đồng Nai', 'Bắc Ninh', 'Phường Hạc Thành, Thanh Hóa', 'Hàn Quốc', 'Nhật Bản'],
};

export const MOUNTAIN: CommuneProfile = {
  facility: {
    name: 'Trạm Y tế xã Nghĩa Đô',
    code: '15047',
    governingBody: 'UBND xã Nghĩa Đô',
    provinceCode: '15',
    provinceName: 'Tỉnh Lào Cai',
    communeCode: '02953',
    communeName: 'Xã Nghĩa Đô',
  },
  localCccdPrefix: '010',
  localBirthProvince: 'Lào Cai',
  bhytProvince: '15',
  districtHospitalCode: '15008',
  otherBirthPrefixes: [['015', 4], ['002', 2], ['008', 2], ['014', 1], ['030', 1], ['038', 1], ['001', 1]],
  ethnicMix: [['kinh', 15], ['tay', 30], ['thai', 10], ['mong', 20], ['dao', 17], ['nung', 8]],
  hamletWords: [
    'Nà Khương', 'Pác Bó', 'Khuổi Phường', 'Nặm Cắm', 'Bản Hón', 'Nà Đình', 'Nà Pồng', 'Tổng Kim', 'Bản Lằn', 'Nà Luông',
    'Khuổi Khiêng', 'Nà Hu', 'Bản Ràng', 'Pha Long', 'Cốc Lầy', 'Nậm Khắt', 'Lùng Thàng', 'Sín Chải', 'Tả Hồ', 'Mào Sao Phìn',
    'Làng Ná', 'Nà Ràng', 'Bản Khuổi', 'Thâm Luông', 'Nậm Phung', 'Tằng Luông', 'Cán Cấu', 'Ngải Phóng Chồ', 'Nà Cọ', 'Bản Mế',
    'Tà Chải', 'Phìn Hồ', 'Pác Ngòi', 'Nà Mòn', 'Khau Phạ', 'Bó Lếch', 'Cốc Đào', 'Nà Vai', 'Pù Lùng', 'Bản Bông',
  ],
  hamletKind: 'Bản',
  poorRate: 0.22,
  religions: [[null, 85], ['Tin lành', 10], ['Phật giáo', 3], ['Công giáo', 2]],
  latrines: [['flush', 35], ['double_vault', 25], ['bucket', 15], ['none', 20], ['other', 5]],
  destinations: ['Phường Lào Cai, Lào Cai', 'Bắc Ninh', 'Thái Nguyên', 'Hà Nội', 'Bình Dương', 'Trung Quốc'],
};

/** Chronic conditions recorded in section B3, with prevalence by age (diagnosed, known to the station). */
export function sampleConditions(rng: Rng, age: number, sex: 'M' | 'F'): Condition[] {
  const out: Condition[] = [];
  const p = (young: number, mid: number, old: number) => (age >= 60 ? old : age >= 40 ? mid : age >= 18 ? young : 0);
  if (rng.chance(p(0.01, 0.11, 0.3))) out.push('hypertension');
  if (rng.chance(p(0.003, 0.05, 0.09))) out.push('diabetes');
  if (rng.chance(sex === 'M' ? p(0, 0.01, 0.06) : p(0, 0.003, 0.015))) out.push('chronic_lung');
  if (rng.chance(age >= 5 ? 0.02 : 0.005)) out.push('asthma');
  if (rng.chance(p(0.03, 0.06, 0.06))) out.push('stomach');
  if (sex === 'F' && rng.chance(p(0.005, 0.01, 0.01))) out.push('goitre');
  if (rng.chance(p(0.005, 0.01, 0.008))) out.push('hepatitis');
  if (rng.chance(age >= 2 ? 0.004 : 0)) out.push('epilepsy');
  if (rng.chance(p(0.003, 0.004, 0.004))) out.push('mental_illness');
  return out;
}
