/**
 * The engine's input and output (./engine.ts). Dates are ISO `yyyy-mm-dd` strings; "first date" fields are
 * inclusive: the dose is due on `due`, overdue on `overdue`, no longer given on `expires`.
 */
import type { IsoDate } from './dates.js';

export interface PregnancyInput {
  readonly expectedDelivery: IsoDate;
  /** Start of the pregnancy (last menstrual period); defaults to 280 days before the expected delivery. */
  readonly start?: IsoDate;
  /** The day the pregnancy ended (delivery or loss), when known; otherwise it ends on the expected delivery date. */
  readonly ended?: IsoDate;
}

export interface RecordedDose {
  readonly id?: string;
  /** The series the dose belongs to; when absent, every series listing `vaccineCode` counts it. */
  readonly seriesKey?: string;
  readonly vaccineCode?: string;
  readonly date: IsoDate;
  /** Given at a hospital or private clinic and recorded here: counts like any other dose. */
  readonly givenElsewhere?: boolean;
  readonly lot?: string;
}

export interface PersonInput {
  /** `yyyy-mm-dd`; a year-only or unreadable date makes every series `unknown`. */
  readonly birthDate: string;
  readonly sex?: 'M' | 'F' | null;
  readonly pregnancies?: readonly PregnancyInput[];
  readonly doses?: readonly RecordedDose[];
}

export type SeriesState =
  | 'complete'
  | 'not-yet-eligible'
  | 'eligible'
  | 'due'
  | 'overdue'
  | 'expired'
  | 'not-applicable'
  | 'unknown';

export type InvalidReason =
  | 'too-early-age'
  | 'interval-too-short'
  | 'live-vaccine-interval'
  | 'after-maximum-age'
  | 'series-complete'
  | 'invalid-date'
  | 'unknown-vaccine'
  | 'unknown-birth-date'
  /** Not an error: the dose is dated after the evaluation date and is not counted on it. */
  | 'after-evaluation-date';

export interface DoseEvaluation {
  readonly dose: RecordedDose;
  readonly seriesKey: string | null;
  readonly valid: boolean;
  /** 1-based: the dose of the series it counted as (valid) or was checked against (invalid). */
  readonly doseNumber: number | null;
  readonly reason: InvalidReason | null;
}

export interface NextDose {
  readonly doseNumber: number;
  readonly label: string;
  /** First date the dose may be given and count. */
  readonly earliest: IsoDate;
  /** First date the dose is due (recommended); never before `earliest`. */
  readonly due: IsoDate;
  /** First date the dose is overdue; never before `due`; null when the schedule sets no overdue age. */
  readonly overdue: IsoDate | null;
  /** First date the dose may no longer be given (maximum age); null when there is none. */
  readonly expires: IsoDate | null;
  readonly vaccines: readonly string[];
  readonly live: boolean;
  readonly route: 'injection' | 'oral';
}

export interface SeriesStatus {
  readonly key: string;
  readonly name: string;
  readonly state: SeriesState;
  readonly validDoses: number;
  readonly totalDoses: number;
  /** The next dose; null when complete, not applicable or unknown. Present (with past `expires`) when expired. */
  readonly next: NextDose | null;
  /** The recorded doses of this series in date order, each with its validity. */
  readonly doses: readonly DoseEvaluation[];
}

export interface ScheduleEvaluation {
  readonly scheduleId: string;
  readonly date: IsoDate;
  readonly series: readonly SeriesStatus[];
  /** Doses that match no series of the schedule (unknown series key or vaccine code). */
  readonly unmatched: readonly DoseEvaluation[];
}

export interface DueDose extends NextDose {
  readonly seriesKey: string;
  readonly seriesName: string;
  readonly state: 'due' | 'overdue';
}
