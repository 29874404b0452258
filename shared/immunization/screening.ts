/**
 * Pre-vaccination screening rules (QĐ 1575/QĐ-BYT, 27/03/2023, checklist for children ≥ 1 month outside hospitals;
 * shared/domain/immunization.md "Screening checklist", M). Pure: the answers, the temperature, the newborn details
 * and the doses due today in → the outcome, the rule keys behind it, and the series not to give today.
 *
 * - Item 1 (anaphylaxis ≥ grade III after a vaccine with the same components) → contraindicated.
 * - Item 2 (anaphylaxis grade II) → screen and vaccinate at a hospital (refer).
 * - Items 3–12 → postpone. Item 7 is also set by the temperature: ≥ 38 °C or ≤ 35.5 °C.
 * - Specific rules: intussusception → no rotavirus; congenital immunodeficiency → no oral polio; immunodeficiency
 *   → no live vaccine (postponed anyway by item 4).
 * - Newborns (M): hepatitis B postponed below 28 weeks; BCG below 34 weeks; under 2000 g with an HBsAg-negative
 *   mother → hepatitis B postponed; HBsAg-positive or unknown mother with under 2000 g or under 34 weeks → refer;
 *   mother with HIV without prevention of transmission → no BCG.
 * Precedence: contraindicated > refer > postpone > vaccinate. When every due series is excluded the outcome is
 * postpone (a timing exclusion) or contraindicated (only permanent ones).
 */
import type { ScreeningItem, ScreeningOutcome } from './checklists.js';

export const FEVER_AT_OR_ABOVE = 38;
export const HYPOTHERMIA_AT_OR_BELOW = 35.5;
/** Items 3–12 of the form: any "Có" postpones. */
export const POSTPONE_ITEMS: readonly ScreeningItem[] = [
  'organ-failure',
  'immunodeficiency',
  'immunosuppressive-treatment',
  'acute-illness',
  'fever-or-hypothermia',
  'increasing-reactions',
  'abnormal-heart-sounds',
  'abnormal-breathing',
  'abnormal-consciousness',
  'other',
];
/** Days until the return date offered when postponing (L: about a week, the usual time for a minor illness). */
export const POSTPONE_DAYS = 7;

export interface NewbornFacts {
  readonly gestationalWeeks?: number | null;
  readonly birthWeightGrams?: number | null;
  readonly motherHbsag?: 'negative' | 'positive' | 'unknown' | null;
  readonly motherHivNoPmtct?: boolean;
}

export interface DueSeriesForScreening {
  readonly seriesKey: string;
  /** Contraindication keys of the dose due (schedule data; docs/schedule-engine.md). */
  readonly contraindications: readonly string[];
  readonly live: boolean;
  readonly route: 'injection' | 'oral';
}

export interface ScreeningInput {
  readonly answers: Partial<Record<ScreeningItem, boolean>>;
  readonly temperature: number | null;
  readonly newborn?: NewbornFacts | null;
  readonly due: readonly DueSeriesForScreening[];
}

export interface ScreeningResult {
  readonly outcome: ScreeningOutcome;
  /** i18n `imm.screen.reason.<key>`. */
  readonly reasons: readonly string[];
  readonly excluded: readonly { seriesKey: string; reason: string; permanent: boolean }[];
  /** Item 7 as the rules read it (the answer, or the temperature). */
  readonly feverOrHypothermia: boolean;
}

export function isFeverOrHypothermia(temperature: number | null): boolean {
  return temperature !== null && Number.isFinite(temperature) && (temperature >= FEVER_AT_OR_ABOVE || temperature <= HYPOTHERMIA_AT_OR_BELOW);
}

/** Exclusion rules: a contraindication key of the dose, the condition, and whether it is permanent or a delay. */
function exclusionsFor(input: ScreeningInput): { key: string; reason: string; permanent: boolean; liveOnly?: boolean }[] {
  const a = input.answers;
  const nb = input.newborn ?? null;
  const out: { key: string; reason: string; permanent: boolean; liveOnly?: boolean }[] = [];
  if (a['history-intussusception']) out.push({ key: 'intussusception', reason: 'history-intussusception', permanent: true });
  if (a['congenital-immunodeficiency']) out.push({ key: 'congenital-immunodeficiency', reason: 'congenital-immunodeficiency', permanent: true });
  if (a.immunodeficiency || a['congenital-immunodeficiency']) out.push({ key: '*live', reason: 'severe-immunodeficiency-live', permanent: true, liveOnly: true });
  if (nb) {
    const weeks = nb.gestationalWeeks ?? null;
    const grams = nb.birthWeightGrams ?? null;
    if (weeks !== null && weeks < 28) out.push({ key: 'preterm-under-28-weeks', reason: 'preterm-hepb', permanent: false });
    if (weeks !== null && weeks < 34) out.push({ key: 'preterm-under-34-weeks', reason: 'preterm-bcg', permanent: false });
    if (grams !== null && grams < 2000 && nb.motherHbsag === 'negative') out.push({ key: 'birth-weight-under-2000g', reason: 'low-weight-hepb', permanent: false });
    if (nb.motherHivNoPmtct) out.push({ key: 'maternal-hiv-no-pmtct', reason: 'maternal-hiv-bcg', permanent: true });
  }
  return out;
}

/** The outcome the checklist gives. Never throws. */
export function screeningOutcome(input: ScreeningInput): ScreeningResult {
  const a = input.answers ?? {};
  const fever = a['fever-or-hypothermia'] === true || isFeverOrHypothermia(input.temperature);
  const reasons: string[] = [];
  let outcome: ScreeningOutcome = 'vaccinate';
  const nb = input.newborn ?? null;

  if (a['anaphylaxis-grade3']) {
    outcome = 'contraindicated';
    reasons.push('anaphylaxis-grade3');
  }
  const newbornRefer =
    nb !== null &&
    (nb.motherHbsag === 'positive' || nb.motherHbsag === 'unknown') &&
    ((nb.birthWeightGrams ?? Infinity) < 2000 || (nb.gestationalWeeks ?? Infinity) < 34);
  if (a['anaphylaxis-grade2'] || newbornRefer) {
    if (outcome === 'vaccinate') outcome = 'refer';
    if (a['anaphylaxis-grade2']) reasons.push('anaphylaxis-grade2');
    if (newbornRefer) reasons.push('newborn-refer');
  }
  for (const item of POSTPONE_ITEMS) {
    const yes = item === 'fever-or-hypothermia' ? fever : a[item] === true;
    if (!yes) continue;
    if (outcome === 'vaccinate') outcome = 'postpone';
    reasons.push(item === 'fever-or-hypothermia' && a[item] !== true ? 'temperature' : item);
  }

  const rules = exclusionsFor(input);
  const excluded: { seriesKey: string; reason: string; permanent: boolean }[] = [];
  for (const d of input.due ?? []) {
    const rule = rules.find((r) => (r.liveOnly ? d.live : d.contraindications.includes(r.key)));
    if (rule) excluded.push({ seriesKey: d.seriesKey, reason: rule.reason, permanent: rule.permanent });
  }
  for (const r of rules) if (excluded.some((e) => e.reason === r.reason) && !reasons.includes(r.reason)) reasons.push(r.reason);

  const due = input.due ?? [];
  if (outcome === 'vaccinate' && due.length > 0 && excluded.length >= due.length) {
    outcome = excluded.every((e) => e.permanent) ? 'contraindicated' : 'postpone';
    reasons.push('all-excluded');
  }
  return { outcome, reasons, excluded, feverOrHypothermia: fever };
}
