import type { Vitals } from '../contract/visits.js';
import { translate, type Locale } from '../i18n/index.js';
import { bmi } from './plausibility.js';

/** "M 80 · T 37,5 °C · HA 120/80 · NT 18 · CN 60 kg · CC 165 cm · BMI 22 · SpO2 98% · VB 80 cm". */
export function vitalsLine(v: Vitals, locale: Locale): string {
  const n = (x: number) => numberFormat(locale).format(x);
  const parts: string[] = [];
  const add = (key: string, value: number | null | undefined, unit = '') => {
    if (value !== null && value !== undefined) parts.push(`${translate(locale, key)} ${n(value)}${unit}`);
  };
  add('visits.abbr.pulse', v.pulse);
  add('visits.abbr.temperature', v.temperature, ' °C');
  if (v.systolic != null && v.diastolic != null) parts.push(`${translate(locale, 'visits.abbr.bp')} ${v.systolic}/${v.diastolic}`);
  add('visits.abbr.respiratoryRate', v.respiratoryRate);
  add('visits.abbr.weight', v.weightKg, ' kg');
  add('visits.abbr.height', v.heightCm, ' cm');
  add('visits.abbr.bmi', bmi(v.weightKg, v.heightCm));
  add('visits.abbr.spo2', v.spo2, '%');
  add('visits.abbr.waist', v.waistCm, ' cm');
  return parts.join(' · ');
}

// One formatter per language: toLocaleString builds a new one on every call (slow in a 6,000-row register export).
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string): Intl.NumberFormat {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })));
  return f;
}
