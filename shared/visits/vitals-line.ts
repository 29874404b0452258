import type { Vitals } from '../contract/visits.js';
import { translate, type Locale } from '../i18n/index.js';
import { bmi } from './plausibility.js';

/** "M 80 · T 37,5 °C · HA 120/80 · NT 18 · CN 60 kg · CC 165 cm · BMI 22 · SpO2 98% · VB 80 cm". */
export function vitalsLine(v: Vitals, locale: Locale): string {
  const f = formatting(locale);
  const parts: string[] = [];
  const add = (label: string, value: number | null | undefined, unit = '') => {
    if (value !== null && value !== undefined) parts.push(`${label} ${f.number(value)}${unit}`);
  };
  add(f.labels.pulse, v.pulse);
  add(f.labels.temperature, v.temperature, ' °C');
  if (v.systolic != null && v.diastolic != null) parts.push(`${f.labels.bp} ${v.systolic}/${v.diastolic}`);
  add(f.labels.respiratoryRate, v.respiratoryRate);
  add(f.labels.weight, v.weightKg, ' kg');
  add(f.labels.height, v.heightCm, ' cm');
  add(f.labels.bmi, bmi(v.weightKg, v.heightCm));
  add(f.labels.spo2, v.spo2, '%');
  add(f.labels.waist, v.waistCm, ' cm');
  return parts.join(' · ');
}

const LABEL_KEYS = {
  pulse: 'visits.abbr.pulse',
  temperature: 'visits.abbr.temperature',
  bp: 'visits.abbr.bp',
  respiratoryRate: 'visits.abbr.respiratoryRate',
  weight: 'visits.abbr.weight',
  height: 'visits.abbr.height',
  bmi: 'visits.abbr.bmi',
  spo2: 'visits.abbr.spo2',
  waist: 'visits.abbr.waist',
} as const;

interface Formatting {
  labels: Record<keyof typeof LABEL_KEYS, string>;
  number(x: number): string;
}

// Labels and number format per language, made once: a month's register at a large commune formats 10,000+ lines,
// and `Intl.NumberFormat` (or toLocaleString, which builds one per call) was most of that time.
const cache = new Map<Locale, Formatting>();
function formatting(locale: Locale): Formatting {
  let f = cache.get(locale);
  if (!f) {
    const intl = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
    const decimal = locale === 'vi' ? ',' : '.';
    const labels = Object.fromEntries(Object.entries(LABEL_KEYS).map(([k, key]) => [k, translate(locale, key)])) as Formatting['labels'];
    f = {
      labels,
      number: (x) => oneDecimal(x, decimal) ?? intl.format(x),
    };
    cache.set(locale, f);
  }
  return f;
}

/**
 * `x` with at most one decimal, rounded half away from zero from its shortest decimal form (String(x)), as ICU
 * rounds: the same text as Intl.NumberFormat for the values vital signs take, without its cost (≈ 5 µs a call, most of
 * a 10,000-line register export). Undefined where digit grouping or exponents would be needed.
 */
function oneDecimal(x: number, decimal: string): string | undefined {
  if (!(x >= 0 && x < 999.95)) return undefined;
  const text = String(x);
  if (text.includes('e')) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  if (fraction.length <= 1) return fraction ? `${whole}${decimal}${fraction}` : whole;
  const tenths = Number(whole) * 10 + Number(fraction[0]) + (fraction.charCodeAt(1) >= 53 /* '5' */ ? 1 : 0);
  const units = Math.floor(tenths / 10);
  return tenths % 10 ? `${units}${decimal}${tenths % 10}` : String(units);
}
