// CONTRACT-READY
import { z } from 'zod';
import {
  AEFI_ACTIONS,
  AEFI_OUTCOMES,
  AEFI_SEVERITIES,
  AEFI_SIGNS,
  INJECTION_SITES,
  MOTHER_HBSAG,
  MOVEMENT_KINDS,
  PREGNANCY_OUTCOMES,
  ROUTES,
  SCREENING_ITEMS,
  SCREENING_OUTCOMES,
  TEMPERATURE_RANGE,
  WASTAGE_REASONS,
} from '../immunization/checklists.js';
import { idSchema, optionalText, requiredText } from './common.js';
import { procedure } from './procedure.js';

/**
 * Immunization (issue 7; docs/immunization.md): registers, doses and the card, sessions and due lists, the session
 * day (check-in → screening → vaccination → observation → adverse events), vaccine stock, coverage and exports.
 * Schedule logic is the engine in shared/immunization/ (docs/schedule-engine.md). Vocabularies (screening items,
 * AEFI signs, sites, routes) are in shared/immunization/checklists.ts; vaccines in shared/immunization/vaccines.ts.
 */

const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v.date' });
const month = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'v.immMonth' });
/** An instant (ISO 8601 with time zone, as `Date.toISOString()` gives). */
const instant = z.string().trim().datetime({ offset: true, error: 'v.immDateTime' });
const int = z.number().int({ error: 'v.integer' });
const vaccineCode = z.string().trim().min(1).max(40);
const seriesKey = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,59}$/);
const lotNumber = z.string().trim().min(1, { error: 'v.required' }).max(40).transform((s) => s.toUpperCase());
/** A written reason (overrides, adjustments): at least a few words. */
const reason = z
  .string()
  .max(500)
  .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(5, { error: 'v.immReason' }));

export const screeningItemSchema = z.enum(SCREENING_ITEMS);
export const screeningOutcomeSchema = z.enum(SCREENING_OUTCOMES);
export const aefiSignSchema = z.enum(AEFI_SIGNS);
export const aefiActionSchema = z.enum(AEFI_ACTIONS);
export const aefiOutcomeSchema = z.enum(AEFI_OUTCOMES);
export const aefiSeveritySchema = z.enum(AEFI_SEVERITIES);
export const siteSchema = z.enum(INJECTION_SITES);
export const routeSchema = z.enum(ROUTES);
export const movementKindSchema = z.enum(MOVEMENT_KINDS);
export const wastageReasonSchema = z.enum(WASTAGE_REASONS);
export const pregnancyOutcomeSchema = z.enum(PREGNANCY_OUTCOMES);
export const seriesStateSchema = z.enum(['complete', 'not-yet-eligible', 'eligible', 'due', 'overdue', 'expired', 'not-applicable', 'unknown']);
export const invalidReasonSchema = z.enum([
  'too-early-age',
  'interval-too-short',
  'live-vaccine-interval',
  'after-maximum-age',
  'series-complete',
  'invalid-date',
  'unknown-vaccine',
  'unknown-birth-date',
  'after-evaluation-date',
]);
export const scheduleFamilySchema = z.enum(['epi-children', 'tetanus-women']);
/** Who a row of a register or due list is: a child, a pregnant woman, a woman 15–35 (tetanus). */
export const targetGroupSchema = z.enum(['child', 'pregnant', 'woman']);

/** A downloadable file (PDF, .xlsx, .csv) as base64. */
export const fileOutputSchema = z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() });
export type FileOutput = z.infer<typeof fileOutputSchema>;

/** Enough to recognise a person on a list, with the family contacts a due list needs. */
export const immPersonSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  cccd: z.string().nullable(),
  hamletId: z.string().nullable(),
  hamletName: z.string().nullable(),
  address: z.string().nullable(),
  motherName: z.string().nullable(),
  fatherName: z.string().nullable(),
  carerName: z.string().nullable(),
  /** The person's own phone, the carer's, the mother's or father's (found in the household), the head's; no duplicates. */
  phones: z.array(z.string()),
});
export type ImmPerson = z.infer<typeof immPersonSchema>;

export const nextDoseSchema = z.object({
  doseNumber: z.number().int(),
  label: z.string(),
  earliest: z.string(),
  due: z.string(),
  overdue: z.string().nullable(),
  expires: z.string().nullable(),
  vaccines: z.array(z.string()),
  live: z.boolean(),
  route: z.enum(['injection', 'oral']),
});

/** A recorded dose as stored, with the engine's verdict on the card's date. */
export const doseSchema = z.object({
  id: z.string(),
  personId: z.string(),
  vaccineCode: z.string(),
  vaccineName: z.string(),
  seriesKey: z.string().nullable(),
  /** The dose number the engine counted it as (valid) or checked it against (invalid). */
  doseNumber: z.number().int().nullable(),
  /** The dose number the user wrote (a dose given elsewhere), when any. */
  doseNumberRecorded: z.number().int().nullable(),
  label: z.string().nullable(),
  givenOn: z.string(),
  /** Injection time for doses given here (observation starts from it). */
  givenAt: z.string().nullable(),
  givenElsewhere: z.boolean(),
  place: z.string().nullable(),
  lotNumber: z.string().nullable(),
  lotId: z.string().nullable(),
  expiry: z.string().nullable(),
  site: siteSchema.nullable(),
  route: routeSchema.nullable(),
  vaccinatorName: z.string().nullable(),
  sessionId: z.string().nullable(),
  /** Hepatitis B birth dose: true within 24 h of birth, false after, null unknown (register A2.1). */
  within24h: z.boolean().nullable(),
  valid: z.boolean(),
  invalidReason: invalidReasonSchema.nullable(),
  note: z.string().nullable(),
  voided: z.boolean(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Dose = z.infer<typeof doseSchema>;

export const seriesCardSchema = z.object({
  key: z.string(),
  name: z.string(),
  state: seriesStateSchema,
  validDoses: z.number().int(),
  totalDoses: z.number().int(),
  /** Dose labels of the series in order (the card's columns). */
  doseLabels: z.array(z.string()),
  /** Vaccine codes that count toward the series (schedule in force), e.g. for "dose given elsewhere". */
  vaccineCodes: z.array(z.string()),
  next: nextDoseSchema.nullable(),
  doses: z.array(doseSchema),
});
export type SeriesCard = z.infer<typeof seriesCardSchema>;

export const scheduleCardSchema = z.object({
  family: scheduleFamilySchema,
  scheduleId: z.string(),
  scheduleTitle: z.string(),
  series: z.array(seriesCardSchema),
});

export const pregnancySchema = z.object({
  id: z.string(),
  personId: z.string(),
  lmp: z.string().nullable(),
  expectedDelivery: z.string(),
  gravida: z.number().int().nullable(),
  endedOn: z.string().nullable(),
  outcome: pregnancyOutcomeSchema.nullable(),
  note: z.string().nullable(),
  /** Not ended and the expected delivery not more than 6 weeks past. */
  ongoing: z.boolean(),
});
export type Pregnancy = z.infer<typeof pregnancySchema>;

/** A "warning" a write returns without refusing (dose before the minimum age, lot not in stock after confirmation…). */
export const warningSchema = z.object({ key: z.string(), message: z.string() });

export const scheduleSummarySchema = z.object({
  complete: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
  /** Earliest due date among the series not complete (null when none). */
  nextDue: z.string().nullable(),
  /** Doses due or overdue on the register's date, as short labels ("DPT-VGB-Hib 2", "Sởi (9 tháng)"). */
  dueLabels: z.array(z.string()),
  invalidDoses: z.number().int(),
});

export const childRowSchema = z.object({ person: immPersonSchema, ageMonths: z.number().int().nullable(), summary: scheduleSummarySchema });
export const womanRowSchema = z.object({
  person: immPersonSchema,
  age: z.number().int().nullable(),
  pregnancy: pregnancySchema.nullable(),
  uvDoses: z.number().int(),
  summary: scheduleSummarySchema,
});

export const sessionStatusSchema = z.enum(['planned', 'open', 'closed']);
export const sessionSchema = z.object({
  id: z.string(),
  date: z.string(),
  place: z.string(),
  hamletIds: z.array(z.string()),
  hamletNames: z.array(z.string()),
  status: sessionStatusSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  counts: z.object({ checkedIn: z.number().int(), vaccinated: z.number().int(), doses: z.number().int(), aefi: z.number().int(), seriousAefi: z.number().int() }),
});
export type ImmSession = z.infer<typeof sessionSchema>;

export const dueDoseSchema = nextDoseSchema.extend({ seriesKey: z.string(), seriesName: z.string(), state: z.enum(['due', 'overdue']) });
export const dueRowSchema = z.object({
  person: immPersonSchema,
  group: targetGroupSchema,
  ageMonths: z.number().int().nullable(),
  doses: z.array(dueDoseSchema),
  /** Only with a session: already checked in. */
  checkedIn: z.boolean(),
});
export type DueRow = z.infer<typeof dueRowSchema>;
export const dueListSchema = z.object({
  date: z.string(),
  scheduleIds: z.array(z.string()),
  total: z.number().int(),
  groups: z.array(z.object({ hamletId: z.string().nullable(), hamletName: z.string().nullable(), rows: z.array(dueRowSchema) })),
  /** Doses due by vaccine code (the vaccine need starts from this). */
  dosesByVaccine: z.record(z.string(), z.number().int()),
});

export const needRowSchema = z.object({
  vaccineCode: z.string(),
  vaccineName: z.string(),
  doses: z.number().int(),
  wastageFactor: z.number(),
  vialSize: z.number().int(),
  /** ceil(doses × wastage factor / vial size). */
  vials: z.number().int(),
  onHandDoses: z.number().int(),
  onHandVials: z.number(),
  /** Vials to request (never negative). */
  shortfallVials: z.number().int(),
  nearestExpiry: z.string().nullable(),
});

export const screeningSchema = z.object({
  id: z.string(),
  attendanceId: z.string(),
  personId: z.string(),
  screenedAt: z.string(),
  screenerName: z.string().nullable(),
  answers: z.record(z.string(), z.boolean()),
  otherText: z.string().nullable(),
  temperature: z.number().nullable(),
  newborn: z
    .object({ gestationalWeeks: z.number().nullable(), birthWeightGrams: z.number().nullable(), motherHbsag: z.enum(MOTHER_HBSAG).nullable(), motherHivNoPmtct: z.boolean() })
    .nullable(),
  /** What the rules (shared/immunization/screening.ts) derived from the answers. */
  derivedOutcome: screeningOutcomeSchema,
  /** Rule keys behind the derived outcome (i18n `imm.screen.reason.<key>`). */
  reasons: z.array(z.string()),
  /** Series not to be given today (specific contraindications) though the outcome is "vaccinate". */
  excludedSeries: z.array(z.object({ seriesKey: z.string(), reason: z.string() })),
  outcome: screeningOutcomeSchema,
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  returnDate: z.string().nullable(),
  referTo: z.string().nullable(),
  note: z.string().nullable(),
});
export type Screening = z.infer<typeof screeningSchema>;

export const boardStateSchema = z.enum(['waiting_screening', 'screened', 'observing', 'left', 'not_vaccinated']);
export const aefiSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  sessionId: z.string().nullable(),
  attendanceId: z.string().nullable(),
  doseIds: z.array(z.string()),
  vaccines: z.array(z.string()),
  onsetAt: z.string(),
  severity: aefiSeveritySchema,
  signs: z.array(aefiSignSchema),
  anaphylaxisGrade: z.number().int().nullable(),
  actions: z.array(aefiActionSchema),
  actionsText: z.string().nullable(),
  outcome: aefiOutcomeSchema,
  referredTo: z.string().nullable(),
  note: z.string().nullable(),
  reporterName: z.string().nullable(),
  /** Serious events are marked for immediate upward sync. */
  urgentSync: z.boolean(),
  createdAt: z.string(),
});
export type Aefi = z.infer<typeof aefiSchema>;

export const boardEntrySchema = z.object({
  attendanceId: z.string(),
  person: immPersonSchema,
  group: targetGroupSchema,
  checkedInAt: z.string(),
  walkIn: z.boolean(),
  state: boardStateSchema,
  screening: screeningSchema.nullable(),
  /** Doses due/overdue/eligible today by the engine (what may be given), excluding those already given today. */
  dueToday: z.array(
    dueDoseSchema.extend({
      state: z.enum(['eligible', 'due', 'overdue']),
      excluded: z.boolean(),
      /** Contraindication keys of the dose (schedule in force), for the screening preview. */
      contraindications: z.array(z.string()),
    }),
  ),
  given: z.array(doseSchema),
  /** Time of the last injection today; observation runs from it. */
  injectedAt: z.string().nullable(),
  /** injectedAt + 30 minutes: from then the person may leave (board turns green). */
  observeUntil: z.string().nullable(),
  mayLeave: z.boolean(),
  leftAt: z.string().nullable(),
  leftOverrideReason: z.string().nullable(),
  aefi: z.array(aefiSchema),
});
export type BoardEntry = z.infer<typeof boardEntrySchema>;

export const lotSchema = z.object({
  id: z.string(),
  vaccineCode: z.string(),
  vaccineName: z.string(),
  lotNumber: z.string(),
  expiry: z.string(),
  vialSize: z.number().int(),
  gtin: z.string().nullable(),
  manufacturer: z.string().nullable(),
  onHandDoses: z.number().int(),
  onHandVials: z.number(),
  expired: z.boolean(),
  /** Expires within the near-expiry window (shared/immunization/vaccines.ts). */
  nearExpiry: z.boolean(),
});
export type Lot = z.infer<typeof lotSchema>;

export const movementSchema = z.object({
  id: z.string(),
  lotId: z.string(),
  vaccineCode: z.string(),
  lotNumber: z.string(),
  kind: movementKindSchema,
  /** Doses moved (positive). */
  doses: z.number().int(),
  /** Effect on the station's on-hand doses (0 for `issued`). */
  delta: z.number().int(),
  occurredOn: z.string(),
  sessionId: z.string().nullable(),
  doseId: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  userName: z.string().nullable(),
  createdAt: z.string(),
});

export const vaccineInfoSchema = z.object({
  code: z.string(),
  name: z.string(),
  vialSize: z.number().int(),
  wastageFactor: z.number(),
  /** Hours an opened multi-dose vial may be kept; null = single dose. */
  openedVialDiscardHours: z.number().nullable(),
  discardAtSessionEnd: z.boolean(),
  defaultRoute: routeSchema,
  defaultSite: siteSchema,
  live: z.boolean(),
  lowStockDoses: z.number().int(),
  confidence: z.enum(['H', 'M', 'L']),
  note: z.string().nullable(),
});

const countRate = z.object({ numerator: z.number().int(), denominator: z.number().int(), rate: z.number().nullable() });
export const coverageFiguresSchema = z.object({
  /** Children under 1 who completed full immunization in the month (before their first birthday). */
  fullyImmunizedUnder1: z.number().int(),
  /** Cohort whose first birthday fell in the month: share fully immunized before it. */
  fullyImmunizedCohort: countRate,
  /** Children born in the month: hepatitis B birth dose within 24 h. */
  hepbBirthWithin24h: countRate,
  /** Year to date: (DPT-VGB-Hib 1 − DPT-VGB-Hib 3) / DPT-VGB-Hib 1. */
  dptDropout: z.object({ dpt1: z.number().int(), dpt3: z.number().int(), rate: z.number().nullable() }),
  /** Cohort whose second birthday fell in the month: MR and DPT4 given by then. */
  mr18: countRate,
  dpt418: countRate,
  /** Pregnant women given UV2 or a later dose in the month; cohort with expected delivery in the month protected (≥ 2 valid UV doses). */
  pregnantUv2PlusInMonth: z.number().int(),
  pregnantProtected: countRate,
});
export const coverageSchema = z.object({
  month: z.string(),
  hamletId: z.string().nullable(),
  dosesByVaccine: z.array(
    z.object({ vaccineCode: z.string(), vaccineName: z.string(), under12m: z.number().int(), from12to23m: z.number().int(), over24m: z.number().int(), women: z.number().int(), total: z.number().int() }),
  ),
  figures: coverageFiguresSchema,
  byHamlet: z.array(z.object({ hamletId: z.string().nullable(), hamletName: z.string().nullable(), doses: z.number().int(), figures: coverageFiguresSchema })),
});

export const registerRowSchema = z.object({
  order: z.number().int(),
  personId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['M', 'F']),
  parentName: z.string().nullable(),
  address: z.string().nullable(),
  hamletName: z.string().nullable(),
  bcg: z.string().nullable(),
  hepbBirth: z.string().nullable(),
  hepbWithin24h: z.boolean().nullable(),
  dpt: z.array(z.string().nullable()),
  opv: z.array(z.string().nullable()),
  ipv: z.array(z.string().nullable()),
  measles1: z.string().nullable(),
  fullyImmunizedOn: z.string().nullable(),
  dpt4: z.string().nullable(),
  measles2: z.string().nullable(),
  je: z.array(z.string().nullable()),
  motherUvDoses: z.number().int().nullable(),
  notes: z.string(),
});

const clinical = ['admin', 'physician', 'nurse'] as const;
/** Check-in at a session is also reception work. */
const reception = ['admin', 'physician', 'nurse', 'clerk'] as const;

const doseInput = {
  personId: idSchema,
  vaccineCode,
  /** The series; when absent, the schedule's series listing the vaccine code. */
  seriesKey: seriesKey.optional(),
  doseNumber: int.min(1).max(10).optional(),
  givenOn: date,
  givenElsewhere: z.boolean().default(false),
  place: optionalText(200),
  /** A lot from the station's stock (doses given here outside a session decrement it). */
  lotId: idSchema.optional(),
  lotNumber: z.string().trim().max(40).optional(),
  expiry: date.optional(),
  within24h: z.boolean().nullable().optional(),
  site: siteSchema.optional(),
  route: routeSchema.optional(),
  vaccinatorName: optionalText(100),
  note: optionalText(500),
};

const newbornInput = z.object({
  gestationalWeeks: z.number().min(20).max(45).nullable().optional(),
  birthWeightGrams: int.min(300, { error: 'v.immBirthWeight' }).max(7000, { error: 'v.immBirthWeight' }).nullable().optional(),
  motherHbsag: z.enum(MOTHER_HBSAG).nullable().optional(),
  motherHivNoPmtct: z.boolean().default(false),
});

const scanLot = z.object({ lotNumber, expiry: date, gtin: z.string().trim().regex(/^\d{14}$/).optional() });

export const immunizationProcedures = {
  // ── Reference ──────────────────────────────────────────────────────────────────────────────────────────────
  'imm.vaccines': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Vaccines: names, vial sizes, wastage factors, opened-vial discard times, default route/site (data).',
    input: z.object({}).strict(),
    output: z.object({ vaccines: z.array(vaccineInfoSchema) }),
  }),
  'imm.schedules': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Schedule versions (shipped and loaded), with the one in force today per family.',
    input: z.object({}).strict(),
    output: z.object({
      versions: z.array(z.object({ id: z.string(), family: z.string(), title: z.string(), effectiveFrom: z.string(), effectiveUntil: z.string().nullable(), shipped: z.boolean(), inForce: z.boolean() })),
    }),
  }),
  'imm.loadSchedule': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Load a schedule version from JSON (docs/schedule-engine.md format); refused with the Vietnamese errors when invalid.',
    input: z.object({ json: z.string().min(2).max(500_000) }),
    output: z.object({ id: z.string(), family: z.string(), effectiveFrom: z.string() }),
  }),

  // ── Registers, doses, card ────────────────────────────────────────────────────────────────────────────────
  'imm.children': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Children under 6 from the registry (by hamlet), each with a schedule status summary on the date.',
    input: z.object({
      hamletId: idSchema.optional(),
      date: date.optional(),
      /** Only children with a dose due or overdue. */
      dueOnly: z.boolean().default(false),
      limit: int.min(1).max(5000).default(500),
      offset: int.min(0).default(0),
    }),
    output: z.object({ date: z.string(), scheduleId: z.string(), total: z.number().int(), rows: z.array(childRowSchema) }),
  }),
  'imm.women': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Women 15–49 (or only pregnant women) with their current pregnancy and tetanus (UV) status.',
    input: z.object({
      hamletId: idSchema.optional(),
      date: date.optional(),
      pregnantOnly: z.boolean().default(false),
      limit: int.min(1).max(5000).default(500),
      offset: int.min(0).default(0),
    }),
    output: z.object({ date: z.string(), scheduleId: z.string(), total: z.number().int(), rows: z.array(womanRowSchema) }),
  }),
  'imm.recordPregnancy': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Record a pregnancy from the last menstrual period or the expected delivery date (one of them).',
    input: z
      .object({ personId: idSchema, lmp: date.optional(), expectedDelivery: date.optional(), gravida: int.min(1).max(20).optional(), note: optionalText(500) })
      .refine((v) => v.lmp !== undefined || v.expectedDelivery !== undefined, { error: 'v.immPregnancyDates', path: ['expectedDelivery'] }),
    output: z.object({ pregnancy: pregnancySchema }),
  }),
  'imm.endPregnancy': procedure({
    kind: 'write',
    access: clinical,
    summary: 'End a pregnancy: date and outcome (live birth, stillbirth, miscarriage, abortion, other).',
    input: z.object({ id: idSchema, endedOn: date, outcome: pregnancyOutcomeSchema, note: optionalText(500) }),
    output: z.object({ pregnancy: pregnancySchema }),
  }),
  'imm.pregnancies': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A woman's pregnancies, newest first.",
    input: z.object({ personId: idSchema }),
    output: z.object({ pregnancies: z.array(pregnancySchema) }),
  }),
  'imm.recordDose': procedure({
    kind: 'write',
    access: clinical,
    summary:
      'Record a dose given here or elsewhere; evaluated by the schedule engine: an early dose is kept but flagged invalid (warning); the same dose twice is refused (IMM_DOSE_DUPLICATE).',
    input: z.object(doseInput),
    output: z.object({ dose: doseSchema, warnings: z.array(warningSchema) }),
  }),
  'imm.voidDose': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Mark a dose entered by mistake as void (kept for history; stock given back when it came from a lot).',
    input: z.object({ id: idSchema, reason }),
    output: z.object({ dose: doseSchema }),
  }),
  'imm.personCard': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A person's immunization card: series × doses with the engine's status (next dose dates, invalid doses flagged), pregnancies, adverse events.",
    input: z.object({ personId: idSchema, date: date.optional() }),
    output: z.object({
      person: immPersonSchema,
      date: z.string(),
      cards: z.array(scheduleCardSchema),
      /** Doses that match no series of the schedules in force. */
      unmatched: z.array(doseSchema),
      voided: z.array(doseSchema),
      pregnancies: z.array(pregnancySchema),
      aefi: z.array(aefiSchema),
    }),
  }),

  // ── Sessions, due list, need ──────────────────────────────────────────────────────────────────────────────
  'imm.createSession': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Plan an immunization session: date, place, hamlets covered.',
    input: z.object({ date, place: requiredText(200), hamletIds: z.array(idSchema).min(1, { error: 'v.immHamlets' }).max(300), note: optionalText(500) }),
    output: z.object({ session: sessionSchema }),
  }),
  'imm.updateSession': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Change a session (date, place, hamlets, note) or its status (open on the day, closed at the end).',
    input: z.object({
      id: idSchema,
      date: date.optional(),
      place: requiredText(200).optional(),
      hamletIds: z.array(idSchema).min(1, { error: 'v.immHamlets' }).max(300).optional(),
      note: optionalText(500),
      status: sessionStatusSchema.optional(),
    }),
    output: z.object({ session: sessionSchema }),
  }),
  'imm.sessions': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Sessions in a date range (default: from 60 days ago), newest first, with counts.',
    input: z.object({ from: date.optional(), to: date.optional() }),
    output: z.object({ sessions: z.array(sessionSchema) }),
  }),
  'imm.session': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'One session with its counts.',
    input: z.object({ id: idSchema }),
    output: z.object({ session: sessionSchema }),
  }),
  'imm.dueList': procedure({
    kind: 'read',
    access: 'anyUser',
    summary:
      "Everyone in the session's hamlets with a dose due or overdue on its date (children; pregnant women; optionally all women 15–35), grouped by hamlet, with parents and phones.",
    input: z
      .object({ sessionId: idSchema.optional(), date: date.optional(), hamletIds: z.array(idSchema).max(300).optional(), includeWomen: z.boolean().default(false) })
      .refine((v) => v.sessionId !== undefined || (v.date !== undefined && v.hamletIds !== undefined), { error: 'v.immDueListTarget', path: ['sessionId'] }),
    output: dueListSchema,
  }),
  'imm.dueListPdf': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Printable list of a session (A4, station header): invitation list, call list (phones), or absentees after the session.',
    input: z.object({ sessionId: idSchema, kind: z.enum(['invitation', 'call', 'absentees']).default('invitation'), includeWomen: z.boolean().default(false) }),
    output: fileOutputSchema,
  }),
  'imm.vaccineNeed': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Doses and vials needed per vaccine for a session (vials = ceil(doses × wastage factor / vial size)), against stock on hand.',
    input: z.object({ sessionId: idSchema, includeWomen: z.boolean().default(false) }),
    output: z.object({ sessionId: z.string(), date: z.string(), rows: z.array(needRowSchema) }),
  }),
  'imm.requisition': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The vaccine requisition of a session (need minus stock) as PDF or .xlsx.',
    input: z.object({ sessionId: idSchema, format: z.enum(['pdf', 'xlsx']), includeWomen: z.boolean().default(false) }),
    output: fileOutputSchema,
  }),

  // ── Session day ───────────────────────────────────────────────────────────────────────────────────────────
  'imm.checkIn': procedure({
    kind: 'write',
    access: reception,
    summary: 'Check a person into a session (walk-ins accepted); checking in twice returns the existing entry.',
    input: z.object({ sessionId: idSchema, personId: idSchema, note: optionalText(300) }),
    output: z.object({ entry: boardEntrySchema, alreadyCheckedIn: z.boolean() }),
  }),
  'imm.sessionBoard': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Everyone checked in with their state: waiting screening, screened (outcome), observing (countdown), left, adverse events.',
    input: z.object({ sessionId: idSchema }),
    output: z.object({
      session: sessionSchema,
      now: z.string(),
      entries: z.array(boardEntrySchema),
      counts: z.object({ waiting: z.number().int(), screened: z.number().int(), observing: z.number().int(), left: z.number().int(), notVaccinated: z.number().int(), aefi: z.number().int() }),
    }),
  }),
  'imm.screen': procedure({
    kind: 'write',
    access: clinical,
    summary:
      'Pre-vaccination screening (QĐ 1575 checklist, Có/Không, temperature 34–43 °C): outcome derived by the rules; an override needs a written reason; postpone gives a return date.',
    input: z.object({
      attendanceId: idSchema,
      /** Có (true) / Không (false) per item; an item left out counts as Không. */
      answers: z.partialRecord(screeningItemSchema, z.boolean()),
      otherText: optionalText(300),
      temperature: z
        .number({ error: 'v.immTemperature' })
        .min(TEMPERATURE_RANGE.min, { error: 'v.immTemperature' })
        .max(TEMPERATURE_RANGE.max, { error: 'v.immTemperature' }),
      newborn: newbornInput.optional(),
      override: z.object({ outcome: screeningOutcomeSchema, reason }).optional(),
      returnDate: date.optional(),
      referTo: optionalText(200),
      note: optionalText(500),
    }),
    output: z.object({ screening: screeningSchema, entry: boardEntrySchema }),
  }),
  'imm.vaccinate': procedure({
    kind: 'write',
    access: clinical,
    summary:
      'Give the chosen due doses: lot from stock (expired refused; a lot not in stock needs confirmation), vaccinator, site, route, time; stock decremented; a dose already given is refused.',
    input: z.object({
      attendanceId: idSchema,
      doses: z
        .array(
          z.object({
            seriesKey,
            vaccineCode: vaccineCode.optional(),
            lotId: idSchema.optional(),
            /** A lot scanned (GS1) or typed that may not be in stock. */
            lot: scanLot.optional(),
            site: siteSchema.optional(),
            route: routeSchema.optional(),
          }),
        )
        .min(1, { error: 'v.immNoDose' })
        .max(10),
      vaccinatorName: optionalText(100),
      givenAt: instant.optional(),
      confirmLotNotInStock: z.boolean().default(false),
    }),
    output: z.object({ entry: boardEntrySchema, doses: z.array(doseSchema), warnings: z.array(warningSchema) }),
  }),
  'imm.observationEnd': procedure({
    kind: 'write',
    access: clinical,
    summary: '"Left after observation": only 30 minutes after the injection, unless overridden with a reason.',
    input: z.object({ attendanceId: idSchema, overrideReason: reason.optional() }),
    output: z.object({ entry: boardEntrySchema }),
  }),
  'imm.recordAefi': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Record an adverse event (common or serious with signs, anaphylaxis grade, onset, actions, outcome); serious → marked for immediate upward sync.',
    input: z.object({
      personId: idSchema,
      attendanceId: idSchema.optional(),
      doseIds: z.array(idSchema).max(10).default([]),
      onsetAt: instant,
      severity: aefiSeveritySchema,
      signs: z.array(aefiSignSchema).min(1, { error: 'v.immAefiSigns' }).max(AEFI_SIGNS.length),
      anaphylaxisGrade: int.min(1).max(4).nullable().optional(),
      actions: z.array(aefiActionSchema).max(AEFI_ACTIONS.length).default([]),
      actionsText: optionalText(1000),
      outcome: aefiOutcomeSchema,
      referredTo: optionalText(200),
      note: optionalText(1000),
    }),
    output: z.object({ aefi: aefiSchema, warnings: z.array(warningSchema) }),
  }),
  'imm.aefiList': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Adverse events of a session, a person, or a date range; serious first.',
    input: z.object({ sessionId: idSchema.optional(), personId: idSchema.optional(), from: date.optional(), to: date.optional(), seriousOnly: z.boolean().default(false) }),
    output: z.object({ events: z.array(aefiSchema) }),
  }),
  'imm.aefiReportPdf': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The report of an adverse event (A4, station header) for the level above.',
    input: z.object({ id: idSchema }),
    output: fileOutputSchema,
  }),
  'imm.sessionSummary': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'End of session: vaccinated by vaccine, postponed, contraindicated, referred, absentees from the due list, adverse events, vials per lot.',
    input: z.object({ sessionId: idSchema, includeWomen: z.boolean().default(false) }),
    output: z.object({
      session: sessionSchema,
      vaccinatedPersons: z.number().int(),
      dosesByVaccine: z.array(z.object({ vaccineCode: z.string(), vaccineName: z.string(), doses: z.number().int() })),
      postponed: z.array(z.object({ person: immPersonSchema, returnDate: z.string().nullable(), reasons: z.array(z.string()) })),
      contraindicated: z.array(z.object({ person: immPersonSchema, reasons: z.array(z.string()) })),
      referred: z.array(z.object({ person: immPersonSchema, referTo: z.string().nullable(), reasons: z.array(z.string()) })),
      absentees: z.array(dueRowSchema),
      walkIns: z.number().int(),
      aefi: z.object({ common: z.number().int(), serious: z.number().int() }),
      vials: z.array(
        z.object({
          lotId: z.string(),
          vaccineCode: z.string(),
          lotNumber: z.string(),
          vialSize: z.number().int(),
          administered: z.number().int(),
          openedVials: z.number().int().nullable(),
          wastedDoses: z.number().int(),
          discardAtSessionEnd: z.boolean(),
        }),
      ),
    }),
  }),
  'imm.recordSessionWastage': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Opened vials per lot at the end of a session: wasted = opened × vial size − administered (recorded again: the difference).',
    input: z.object({
      sessionId: idSchema,
      lots: z.array(z.object({ lotId: idSchema, openedVials: int.min(0).max(1000), reason: wastageReasonSchema.default('opened_vial_discarded') })).min(1).max(100),
    }),
    output: z.object({ movements: z.array(movementSchema) }),
  }),

  // ── Stock ─────────────────────────────────────────────────────────────────────────────────────────────────
  'imm.receiveStock': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Receive vaccine: lot, expiry, vial size, number of vials (an expired lot is refused).',
    input: z.object({
      vaccineCode,
      lotNumber,
      expiry: date,
      vialSize: int.min(1).max(50),
      vials: int.min(1, { error: 'v.quantity' }).max(100_000),
      gtin: z.string().trim().regex(/^\d{14}$/, { error: 'v.immGtin' }).optional(),
      manufacturer: optionalText(100),
      receivedOn: date.optional(),
      note: optionalText(300),
    }),
    output: z.object({ lot: lotSchema, movement: movementSchema }),
  }),
  'imm.adjustStock': procedure({
    kind: 'write',
    access: clinical,
    summary: 'A stock movement on a lot: wasted (reason), returned, issued to a session, or a count (counted doses, reason).',
    input: z.object({
      lotId: idSchema,
      kind: z.enum(['wasted', 'returned', 'issued', 'count']),
      /** wasted / returned / issued. */
      doses: int.min(1).max(100_000).optional(),
      /** count: the doses counted on the shelf. */
      countedDoses: int.min(0).max(1_000_000).optional(),
      wastageReason: wastageReasonSchema.optional(),
      reason: reason.optional(),
      sessionId: idSchema.optional(),
      occurredOn: date.optional(),
    }),
    output: z.object({ lot: lotSchema, movement: movementSchema.nullable() }),
  }),
  'imm.lots': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Lots with on-hand doses (by default only those with stock), earliest expiry first.',
    input: z.object({ vaccineCode: vaccineCode.optional(), includeEmpty: z.boolean().default(false), date: date.optional() }),
    output: z.object({ lots: z.array(lotSchema) }),
  }),
  'imm.stock': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Stock on hand per vaccine with lots, near-expiry / expired / low-stock warnings.',
    input: z.object({ date: date.optional() }),
    output: z.object({
      date: z.string(),
      vaccines: z.array(
        z.object({
          vaccineCode: z.string(),
          vaccineName: z.string(),
          onHandDoses: z.number().int(),
          onHandVials: z.number(),
          lowStock: z.boolean(),
          lots: z.array(lotSchema),
        }),
      ),
      warnings: z.array(z.object({ kind: z.enum(['near_expiry', 'expired_in_stock', 'low_stock', 'negative']), vaccineCode: z.string(), lotId: z.string().nullable(), message: z.string() })),
    }),
  }),
  'imm.movements': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The stock ledger: movements of a lot, a session or a date range, newest first.',
    input: z.object({ lotId: idSchema.optional(), sessionId: idSchema.optional(), from: date.optional(), to: date.optional(), limit: int.min(1).max(5000).default(500) }),
    output: z.object({ movements: z.array(movementSchema) }),
  }),

  // ── Coverage, register, exports ───────────────────────────────────────────────────────────────────────────
  'imm.register': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Child immunization register (sổ tiêm chủng cơ bản, A2.1 columns) for children born in a period, optionally one hamlet.',
    input: z.object({ from: date, to: date, hamletId: idSchema.optional() }),
    output: z.object({ from: z.string(), to: z.string(), rows: z.array(registerRowSchema) }),
  }),
  'imm.registerExport': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'The child immunization register as PDF (A4 landscape) or .xlsx.',
    input: z.object({ from: date, to: date, hamletId: idSchema.optional(), format: z.enum(['pdf', 'xlsx']) }),
    output: fileOutputSchema,
  }),
  'imm.coverage': procedure({
    kind: 'read',
    access: 'anyUser',
    summary:
      'Monthly coverage: doses by vaccine and age group; fully immunized under 1; hepatitis B birth dose ≤ 24 h; DPT-VGB-Hib 1→3 drop-out; MR and DPT4 at 18 months; pregnant women UV2+; by hamlet.',
    input: z.object({ month, hamletId: idSchema.optional(), trend: z.boolean().default(false) }),
    output: coverageSchema.extend({ trend: z.array(z.object({ month: z.string(), doses: z.number().int(), figures: coverageFiguresSchema })) }),
  }),
  'imm.exportNiis': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A session's (or a period's) doses in a layout for entry into the national immunization system (CSV or .xlsx).",
    input: z
      .object({ sessionId: idSchema.optional(), from: date.optional(), to: date.optional(), format: z.enum(['csv', 'xlsx']) })
      .refine((v) => v.sessionId !== undefined || (v.from !== undefined && v.to !== undefined), { error: 'v.immExportTarget', path: ['sessionId'] }),
    output: fileOutputSchema,
  }),
};
