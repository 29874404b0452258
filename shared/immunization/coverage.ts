/**
 * Coverage indicators of a month (issue 7 §6; shared/domain/immunization.md "Registers and coverage", M). Pure:
 * facts about children (their valid doses by series, from the engine) and women in, figures out.
 *
 * Definitions (the L readings are ours and are listed in docs/immunization.md):
 * - Fully immunized under 1 (tiêm chủng đầy đủ): BCG, 3 × DPT-VGB-Hib, 3 × bOPV, IPV and measles, all valid and
 *   the last before the first birthday (immunization.md, M). Hepatitis B is covered by DPT-VGB-Hib (L).
 *   `fullyImmunizedUnder1` counts children whose last required dose fell in the month; the cohort figure takes the
 *   children whose first birthday fell in the month (L).
 * - Hepatitis B birth dose within 24 h: children born in the month (L: denominator = registered births).
 * - DPT-VGB-Hib drop-out, year to date: (doses 1 − doses 3) / doses 1 given from January to the month.
 * - MR and DPT4 "at 18 months": the cohort whose second birthday fell in the month, with the dose given by then (L).
 * - Pregnant women UV2+: women given a second or later valid UV dose in the month while pregnant; protected
 *   cohort: pregnancies expected to deliver in the month with ≥ 2 valid UV doses by the expected date (L).
 */
import { addMonths, addDuration } from './dates.js';

export interface ChildFacts {
  readonly personId: string;
  readonly hamletId: string | null;
  readonly birthDate: string;
  /** Valid doses by series key, dates in order (dose 1 first). */
  readonly valid: Readonly<Record<string, readonly string[]>>;
  /** The hepatitis B birth dose was given within 24 h (null: unknown or none). */
  readonly hepbWithin24h: boolean | null;
}

export interface WomanFacts {
  readonly personId: string;
  readonly hamletId: string | null;
  /** Valid UV doses, dates in order. */
  readonly uv: readonly string[];
  /** Pregnancies: expected delivery and the span (start … end) used to tell whether a dose was given in it. */
  readonly pregnancies: readonly { expectedDelivery: string; start: string; end: string }[];
}

/** What "fully immunized" requires: a number of valid doses of each series (data, M). */
export const FULLY_IMMUNIZED: readonly { series: string; doses: number }[] = [
  { series: 'bcg', doses: 1 },
  { series: 'dpt', doses: 3 },
  { series: 'bopv', doses: 3 },
  { series: 'ipv', doses: 1 },
  { series: 'measles', doses: 1 },
];

export interface CountRate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface CoverageFigures {
  fullyImmunizedUnder1: number;
  fullyImmunizedCohort: CountRate;
  hepbBirthWithin24h: CountRate;
  dptDropout: { dpt1: number; dpt3: number; rate: number | null };
  mr18: CountRate;
  dpt418: CountRate;
  pregnantUv2PlusInMonth: number;
  pregnantProtected: CountRate;
}

const rate = (n: number, d: number): CountRate => ({ numerator: n, denominator: d, rate: d > 0 ? Math.round((n / d) * 1000) / 10 : null });
const inMonth = (date: string | null | undefined, month: string) => date !== null && date !== undefined && date.slice(0, 7) === month;

/** The date a child became fully immunized (the last required dose), or null. */
export function fullyImmunizedOn(c: ChildFacts): string | null {
  let last: string | null = null;
  for (const r of FULLY_IMMUNIZED) {
    const d = c.valid[r.series]?.[r.doses - 1];
    if (!d) return null;
    if (last === null || d > last) last = d;
  }
  return last;
}

/** Fully immunized before the first birthday (the day before it at the latest). */
export function fullyImmunizedUnder1(c: ChildFacts): string | null {
  const on = fullyImmunizedOn(c);
  return on !== null && on < addDuration(c.birthDate, { years: 1 }) ? on : null;
}

export function coverageFigures(month: string, children: readonly ChildFacts[], women: readonly WomanFacts[]): CoverageFigures {
  const year = month.slice(0, 4);
  // The birth months of the month's cohorts, computed once (this runs per child, per hamlet, per month of a trend).
  const cohortMonth = [0, 12, 24].map((back) => addMonths(`${month}-01`, -back).slice(0, 7));
  const birthMonth = (c: ChildFacts, back: 0 | 12 | 24) => c.birthDate.slice(0, 7) === cohortMonth[back / 12];
  const ytd = (d: string | undefined) => d !== undefined && d.slice(0, 4) === year && d.slice(0, 7) <= month;
  let fullyInMonth = 0;
  let cohortFully = 0;
  let cohort1 = 0;
  let births = 0;
  let hepb24 = 0;
  let dpt1 = 0;
  let dpt3 = 0;
  let cohort2 = 0;
  let mr = 0;
  let dpt4 = 0;
  for (const c of children) {
    const under1 = fullyImmunizedUnder1(c);
    if (inMonth(under1, month)) fullyInMonth++;
    if (birthMonth(c, 12)) {
      cohort1++;
      if (under1) cohortFully++;
    }
    if (birthMonth(c, 0)) {
      births++;
      if (c.hepbWithin24h === true) hepb24++;
    }
    const dpt = c.valid.dpt ?? [];
    if (ytd(dpt[0])) dpt1++;
    if (ytd(dpt[2])) dpt3++;
    if (birthMonth(c, 24)) {
      cohort2++;
      const second = addDuration(c.birthDate, { years: 2 });
      const m2 = c.valid.measles?.[1];
      if (m2 && m2 < second) mr++;
      const d4 = dpt[3];
      if (d4 && d4 < second) dpt4++;
    }
  }
  let uv2 = 0;
  let expected = 0;
  let protectedCount = 0;
  for (const w of women) {
    const counted = w.uv.some((d, i) => i >= 1 && inMonth(d, month) && w.pregnancies.some((p) => p.start <= d && d <= p.end));
    if (counted) uv2++;
    for (const p of w.pregnancies) {
      if (!inMonth(p.expectedDelivery, month)) continue;
      expected++;
      if (w.uv.filter((d) => d <= p.expectedDelivery).length >= 2) protectedCount++;
    }
  }
  return {
    fullyImmunizedUnder1: fullyInMonth,
    fullyImmunizedCohort: rate(cohortFully, cohort1),
    hepbBirthWithin24h: rate(hepb24, births),
    dptDropout: { dpt1, dpt3, rate: dpt1 > 0 ? Math.round(((dpt1 - dpt3) / dpt1) * 1000) / 10 : null },
    mr18: rate(mr, cohort2),
    dpt418: rate(dpt4, cohort2),
    pregnantUv2PlusInMonth: uv2,
    pregnantProtected: rate(protectedCount, expected),
  };
}

/** Age group of a child's dose for the monthly dose table: under 12 months, 12–23 months, 24 months and over. */
export function ageGroup(birthDate: string, on: string): 'under12m' | 'from12to23m' | 'over24m' {
  if (on < addDuration(birthDate, { years: 1 })) return 'under12m';
  if (on < addDuration(birthDate, { years: 2 })) return 'from12to23m';
  return 'over24m';
}
