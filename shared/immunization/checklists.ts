/**
 * The fixed vocabularies of an immunization day, shared by the contract, the rules and the UI: QĐ 1575 screening
 * items, adverse-event signs, injection sites and routes. Wording lives in shared/i18n/immunization.*.ts
 * (`imm.screen.item.<key>`, `imm.aefi.sign.<key>`, …).
 */

/**
 * QĐ 1575/QĐ-BYT (27/03/2023), checklist for children ≥ 1 month outside hospitals (shared/domain/immunization.md):
 * items 1–12 in the order of the form, then the two specific rules (intussusception, congenital immunodeficiency).
 */
export const SCREENING_ITEMS = [
  'anaphylaxis-grade3',
  'anaphylaxis-grade2',
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
  'history-intussusception',
  'congenital-immunodeficiency',
] as const;
export type ScreeningItem = (typeof SCREENING_ITEMS)[number];

export const SCREENING_OUTCOMES = ['vaccinate', 'contraindicated', 'postpone', 'refer'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

export const MOTHER_HBSAG = ['negative', 'positive', 'unknown'] as const;

/** Plausible body temperature at screening (°C): outside it the reading is a typing or thermometer error. */
export const TEMPERATURE_RANGE = { min: 34, max: 43 } as const;

/**
 * Adverse events after immunization. Serious (tai biến nặng, TT 12/2014/TT-BYT Điều 2): may threaten life, leave
 * sequelae or cause death. Common: local pain or swelling, mild fever (immunization.md, "After the injection").
 */
export const AEFI_SERIOUS_SIGNS = [
  'breathing-difficulty',
  'anaphylactic-shock',
  'anaphylaxis-like',
  'toxic-shock',
  'high-fever-convulsions',
  'prolonged-crying',
  'cyanosis',
  'apnoea',
  'sequelae',
  'death',
] as const;
export const AEFI_COMMON_SIGNS = ['local-pain', 'local-swelling', 'local-redness', 'mild-fever', 'irritability', 'vomiting', 'rash', 'other'] as const;
export const AEFI_SIGNS = [...AEFI_SERIOUS_SIGNS, ...AEFI_COMMON_SIGNS] as const;
export type AefiSign = (typeof AEFI_SIGNS)[number];
export const AEFI_ACTIONS = ['observed', 'antipyretic', 'cold-compress', 'adrenaline', 'oxygen', 'iv-fluids', 'referred', 'other'] as const;
export const AEFI_OUTCOMES = ['recovered', 'recovering', 'referred', 'sequelae', 'died', 'unknown'] as const;
export const AEFI_SEVERITIES = ['common', 'serious'] as const;

export const INJECTION_SITES = ['left-thigh', 'right-thigh', 'left-arm', 'right-arm', 'mouth'] as const;
/** im: intramuscular, sc: subcutaneous, id: intradermal (BCG), oral (bOPV, rotavirus). */
export const ROUTES = ['im', 'sc', 'id', 'oral'] as const;

/** Minimum observation at the vaccination point after an injection (immunization.md: at least 30 minutes). */
export const OBSERVATION_MINUTES = 30;

export const PREGNANCY_OUTCOMES = ['live_birth', 'stillbirth', 'miscarriage', 'abortion', 'other'] as const;

/** Stock movement kinds (ledger). `issued` records doses taken to a session and does not change the station total. */
export const MOVEMENT_KINDS = ['received', 'issued', 'administered', 'wasted', 'returned', 'adjusted'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const WASTAGE_REASONS = ['opened_vial_discarded', 'broken', 'expired', 'cold_chain', 'contaminated', 'other'] as const;
