import { describe, expect, it } from 'vitest';
import { screeningOutcome, type DueSeriesForScreening } from './screening.js';

const due = (key: string, contraindications: string[] = ['anaphylaxis-previous-dose'], live = false): DueSeriesForScreening => ({ seriesKey: key, contraindications, live, route: 'injection' });
const DPT = due('dpt');
const ROTA: DueSeriesForScreening = { seriesKey: 'rota', contraindications: ['anaphylaxis-previous-dose', 'intussusception'], live: true, route: 'oral' };
const OPV: DueSeriesForScreening = { seriesKey: 'bopv', contraindications: ['anaphylaxis-previous-dose', 'congenital-immunodeficiency'], live: true, route: 'oral' };
const HEPB = due('hepb-birth', ['anaphylaxis-previous-dose', 'preterm-under-28-weeks', 'birth-weight-under-2000g']);
const BCG = due('bcg', ['anaphylaxis-previous-dose', 'severe-immunodeficiency', 'preterm-under-34-weeks', 'maternal-hiv-no-pmtct'], true);

describe('QĐ 1575 screening outcome', () => {
  it.each([
    ['all Không, 36.8 °C', {}, 36.8, 'vaccinate', []],
    ['anaphylaxis grade III → contraindicated', { 'anaphylaxis-grade3': true }, 36.8, 'contraindicated', ['anaphylaxis-grade3']],
    ['anaphylaxis grade II → hospital', { 'anaphylaxis-grade2': true }, 36.8, 'refer', ['anaphylaxis-grade2']],
    ['fever 38.0 °C → postpone', {}, 38.0, 'postpone', ['temperature']],
    ['35.5 °C → postpone', {}, 35.5, 'postpone', ['temperature']],
    ['37.9 °C → vaccinate', {}, 37.9, 'vaccinate', []],
    ['acute illness → postpone', { 'acute-illness': true }, 37, 'postpone', ['acute-illness']],
    ['other reason → postpone', { other: true }, 37, 'postpone', ['other']],
    ['grade III wins over fever', { 'anaphylaxis-grade3': true }, 39, 'contraindicated', ['anaphylaxis-grade3', 'temperature']],
    ['grade II wins over illness', { 'anaphylaxis-grade2': true, 'abnormal-breathing': true }, 37, 'refer', ['anaphylaxis-grade2', 'abnormal-breathing']],
  ] as const)('%s', (_name, answers, temperature, outcome, reasons) => {
    const r = screeningOutcome({ answers, temperature, due: [DPT] });
    expect(r.outcome).toBe(outcome);
    expect(r.reasons).toEqual(reasons);
  });

  it('intussusception excludes rotavirus only; congenital immunodeficiency excludes oral polio and live vaccines', () => {
    const r = screeningOutcome({ answers: { 'history-intussusception': true }, temperature: 36.5, due: [DPT, ROTA] });
    expect(r).toMatchObject({ outcome: 'vaccinate', excluded: [{ seriesKey: 'rota', reason: 'history-intussusception', permanent: true }] });
    const c = screeningOutcome({ answers: { 'congenital-immunodeficiency': true }, temperature: 36.5, due: [DPT, OPV] });
    expect(c.excluded.map((e) => e.seriesKey)).toEqual(['bopv']);
    expect(c.outcome).toBe('vaccinate');
  });

  it('when every due dose is excluded the outcome is contraindicated (permanent) or postponed (timing)', () => {
    expect(screeningOutcome({ answers: { 'history-intussusception': true }, temperature: 36.5, due: [ROTA] }).outcome).toBe('contraindicated');
    const preterm = screeningOutcome({ answers: {}, temperature: 36.5, newborn: { gestationalWeeks: 27, motherHbsag: 'negative' }, due: [HEPB, BCG] });
    expect(preterm.outcome).toBe('postpone');
    expect(preterm.reasons).toEqual(['preterm-hepb', 'preterm-bcg', 'all-excluded']);
  });

  it('applies the newborn rules: under 2000 g with an HBsAg-negative mother postpones hep B; positive/unknown mother refers', () => {
    const low = screeningOutcome({ answers: {}, temperature: 36.8, newborn: { birthWeightGrams: 1900, gestationalWeeks: 36, motherHbsag: 'negative' }, due: [HEPB, BCG] });
    expect(low).toMatchObject({ outcome: 'vaccinate', excluded: [{ seriesKey: 'hepb-birth', reason: 'low-weight-hepb' }] });
    const refer = screeningOutcome({ answers: {}, temperature: 36.8, newborn: { birthWeightGrams: 1900, gestationalWeeks: 36, motherHbsag: 'unknown' }, due: [HEPB, BCG] });
    expect(refer.outcome).toBe('refer');
    const hiv = screeningOutcome({ answers: {}, temperature: 36.8, newborn: { motherHivNoPmtct: true }, due: [HEPB, BCG] });
    expect(hiv.excluded).toEqual([{ seriesKey: 'bcg', reason: 'maternal-hiv-bcg', permanent: true }]);
  });
});
