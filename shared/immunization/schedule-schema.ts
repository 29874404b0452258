/**
 * The data format of an immunization schedule version (docs/schedule-engine.md). Shipped versions live in
 * resources/schedules/*.json (and as TS copies in ./schedules/); an administrator can load a new version from a
 * JSON file, which `loadSchedule` (./load.ts) validates with this schema before anything uses it.
 */
import { z } from 'zod';
import { addDuration, compareDates, isIsoDate, type Duration } from './dates.js';

const part = z.number().int().min(0).max(1200).optional();

/** `{"months": 2}`, `{"years": 1, "months": 6}`, `{"weeks": 2, "days": 1}`: at least one part. */
export const durationSchema = z
  .object({ years: part, months: part, weeks: part, days: part })
  .strict()
  .refine((d) => d.years !== undefined || d.months !== undefined || d.weeks !== undefined || d.days !== undefined, {
    error: 'khoảng thời gian phải có ít nhất một trong years, months, weeks, days',
  });

export const isoDateSchema = z.string().refine(isIsoDate, { error: 'ngày phải có dạng yyyy-mm-dd và là ngày có thật' });

/** H: several independent sources; M: one good source; L: a single secondary source or an assumption. */
export const confidenceSchema = z.enum(['H', 'M', 'L']);

const keySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: 'mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang' });
const codeSchema = z.string().min(1).max(40);
const textSchema = z.string().min(1).max(500);

export const doseSchema = z
  .object({
    label: textSchema,
    /** Before this age the dose does not count (flagged invalid). */
    minimumAge: durationSchema,
    /** The due date; defaults to the minimum age. */
    recommendedAge: durationSchema.optional(),
    /** From this age on (the first overdue day) the dose is overdue. Absent: never overdue by age. */
    overdueAge: durationSchema.optional(),
    /** From this age on the dose is no longer given (exclusive). */
    maximumAge: durationSchema.optional(),
    /** From the previous valid dose of the series; absent on the first dose. */
    minimumInterval: durationSchema.optional(),
    recommendedInterval: durationSchema.optional(),
    overdueInterval: durationSchema.optional(),
    /** Days early that still count as valid (CDSi uses 4); defaults to the schedule's `graceDays`, then 0. */
    graceDays: z.number().int().min(0).max(30).optional(),
    live: z.boolean(),
    route: z.enum(['injection', 'oral']),
    antigens: z.array(keySchema).min(1),
    /** Vaccine codes to give for this dose (for the vaccine need of a session); all must count toward the series. */
    vaccines: z.array(codeSchema).min(1),
    /** Keys checked at screening (issue 7 §4); see docs/schedule-engine.md for the list. */
    contraindications: z.array(keySchema),
    /** Present: in a pregnancy the dose is due from the pregnancy's start and overdue this long before delivery. */
    pregnancy: z.object({ overdueBeforeDelivery: durationSchema.optional() }).strict().optional(),
    confidence: confidenceSchema.optional(),
    note: textSchema.optional(),
  })
  .strict();

export const seriesSchema = z
  .object({
    key: keySchema,
    name: textSchema,
    /** Recorded doses with one of these vaccine codes count toward the series. */
    vaccineCodes: z.array(codeSchema).min(1),
    /** Only people of this sex (absent: everyone). */
    sex: z.enum(['M', 'F']).optional(),
    /** Doses given (and the next dose) during a pregnancy ignore the minimum and maximum ages. */
    pregnancyWaivesAge: z.boolean().optional(),
    confidence: confidenceSchema,
    note: textSchema.optional(),
    doses: z.array(doseSchema).min(1).max(20),
  })
  .strict();

export const scheduleSchema = z
  .object({
    format: z.literal(1, { error: 'format phải là 1 (phiên bản định dạng tệp lịch)' }),
    /** Unique id of this version, recorded with every due list and report made with it. */
    id: keySchema,
    /** Versions of the same family replace each other by effective date. */
    family: keySchema,
    title: textSchema,
    effectiveFrom: isoDateSchema,
    /** Exclusive; absent: until a later version of the family takes effect. */
    effectiveUntil: isoDateSchema.optional(),
    source: z
      .object({ document: textSchema, issued: isoDateSchema, inForce: isoDateSchema, url: textSchema.optional() })
      .strict(),
    confidence: confidenceSchema,
    notes: z.array(textSchema),
    graceDays: z.number().int().min(0).max(30).optional(),
    /** Two live injected vaccines not given the same day need this interval (oral vaccines are exempt). */
    liveVaccineInterval: durationSchema.optional(),
    series: z.array(seriesSchema).min(1).max(60),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (s.effectiveUntil !== undefined && compareDates(s.effectiveUntil, s.effectiveFrom) <= 0) {
      issue(['effectiveUntil'], 'ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực');
    }
    const keys = new Set<string>();
    s.series.forEach((series, i) => {
      if (keys.has(series.key)) issue(['series', i, 'key'], `mã loạt "${series.key}" bị trùng`);
      keys.add(series.key);
      series.doses.forEach((dose, j) => checkDose(dose, j, series.vaccineCodes, (p, m) => issue(['series', i, 'doses', j, ...p], m)));
    });
  });

/** Durations are compared on a reference date (they mix calendar months with days). */
const REF = '2001-01-31';
const atRef = (d: Duration) => addDuration(REF, d);

function checkDose(
  dose: z.infer<typeof doseSchema>,
  index: number,
  seriesCodes: readonly string[],
  issue: (path: string[], message: string) => void,
): void {
  const order = (a: keyof typeof dose, b: keyof typeof dose, strict: boolean, message: string) => {
    const x = dose[a] as Duration | undefined;
    const y = dose[b] as Duration | undefined;
    if (!x || !y) return;
    const c = compareDates(atRef(x), atRef(y));
    if (c > 0 || (strict && c === 0)) issue([b], message);
  };
  order('minimumAge', 'recommendedAge', false, 'tuổi khuyến cáo không được nhỏ hơn tuổi tối thiểu');
  order('recommendedAge', 'overdueAge', false, 'tuổi quá hạn không được nhỏ hơn tuổi khuyến cáo');
  order('minimumAge', 'overdueAge', false, 'tuổi quá hạn không được nhỏ hơn tuổi tối thiểu');
  order('minimumAge', 'maximumAge', true, 'tuổi tối đa phải lớn hơn tuổi tối thiểu');
  order('recommendedAge', 'maximumAge', true, 'tuổi tối đa phải lớn hơn tuổi khuyến cáo');
  order('minimumInterval', 'recommendedInterval', false, 'khoảng cách khuyến cáo không được nhỏ hơn khoảng cách tối thiểu');
  order('recommendedInterval', 'overdueInterval', false, 'khoảng cách quá hạn không được nhỏ hơn khoảng cách khuyến cáo');
  order('minimumInterval', 'overdueInterval', false, 'khoảng cách quá hạn không được nhỏ hơn khoảng cách tối thiểu');
  if (index === 0) {
    for (const k of ['minimumInterval', 'recommendedInterval', 'overdueInterval'] as const) {
      if (dose[k]) issue([k], 'mũi đầu tiên của loạt không có khoảng cách với mũi trước');
    }
  } else if (!dose.minimumInterval && (dose.recommendedInterval || dose.overdueInterval)) {
    issue(['minimumInterval'], 'cần khoảng cách tối thiểu khi đã có khoảng cách khuyến cáo hoặc quá hạn');
  }
  dose.vaccines.forEach((code, k) => {
    if (!seriesCodes.includes(code)) issue(['vaccines', String(k)], `vắc xin "${code}" không có trong vaccineCodes của loạt`);
  });
}

export type Confidence = z.infer<typeof confidenceSchema>;
export type ScheduleDose = z.infer<typeof doseSchema>;
export type ScheduleSeries = z.infer<typeof seriesSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
