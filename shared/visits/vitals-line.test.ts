import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vitalsLine } from './vitals-line.js';

const empty = { pulse: null, temperature: null, systolic: null, diastolic: null, respiratoryRate: null, weightKg: null, heightCm: null, spo2: null, waistCm: null };

describe('vital signs line', () => {
  it('writes the readings in the register order with Vietnamese abbreviations and decimal comma', () => {
    expect(vitalsLine({ ...empty, pulse: 84, temperature: 37.8, systolic: 130, diastolic: 85, weightKg: 58, heightCm: 162 }, 'vi')).toBe(
      'M 84 · T 37,8 °C · HA 130/85 · CN 58 kg · CC 162 cm · BMI 22,1',
    );
    expect(vitalsLine({ ...empty, spo2: 97, respiratoryRate: 18, waistCm: 80.25 }, 'vi')).toBe('NT 18 · SpO2 97% · VB 80,3 cm');
    expect(vitalsLine(empty, 'vi')).toBe('');
  });

  it('formats every value as Intl.NumberFormat does with one decimal (rounding the exact value)', () => {
    const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
    const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
    const value = fc.oneof(fc.integer({ min: 0, max: 99_999 }).map((n) => n / 100), fc.double({ min: 0, max: 999.99, noNaN: true }), fc.constantFrom(0.15, 0.05, 36.45, 37.25, 1.05, 999.95));
    fc.assert(
      fc.property(value, (x) => {
        const line = (locale: 'vi' | 'en') => vitalsLine({ ...empty, temperature: x }, locale);
        expect(line('vi')).toBe(`T ${vi.format(x)} °C`);
        expect(line('en').endsWith(` ${en.format(x)} °C`)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
