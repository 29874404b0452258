import { bpControlled, diabetesBand, type BpReading, type DiabetesBand, type SugarReading } from './measures.js';

/**
 * The monthly / quarterly indicators of ../shared/domain/ncd.md ("adopt exactly"; WHO HEARTS as implemented by
 * Simple), as pure functions over plain data. Interpretation of the calendar (documented in docs/ncd.md):
 * - the reporting month M ends on its last day E; data after E is ignored, so a past report never changes;
 * - "the last N months" = the N calendar months ending with M (for March: last 3 months = 1 Jan – 31 Mar);
 * - "registered < 12 months ago" = enrolled on or after the first day of M−11; "≥ 12 months ago" = before it;
 * - "registered before the last 3 months" = enrolled before the first day of M−2 (for March: on or before 31 Dec);
 * - a quarter's indicators are those of its last month (its "last 3 months" is the quarter itself);
 * - "excluding patients who died or were removed": an enrollment ended (any reason) on or before E is left out of
 *   every count, registered included.
 */

export interface IndicatorEnrollment {
  id: string;
  enrolledOn: string;
  /** Date the enrollment ended (died, moved, transferred, refused, removed from the list), or null. */
  endedOn: string | null;
}

export interface IndicatorFollowup {
  enrollmentId: string;
  date: string;
  /** Tie-break within a day (later recorded wins), e.g. the creation time. */
  order?: string | number;
  /** Mean of the visit's readings, or null when BP was not measured. */
  bp: BpReading | null;
  sugar: SugarReading | null;
  medicineRefill: boolean;
  appointmentScheduled: boolean;
}

/** ncd.md: a visit is any of a BP reading, a blood-sugar reading, a medicine refill, or an appointment scheduled. */
export function isVisit(f: IndicatorFollowup): boolean {
  return !!f.bp || !!f.sugar || f.medicineRefill || f.appointmentScheduled;
}

/** yyyy-mm shifted by n months. */
export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
export function monthStart(ym: string): string {
  return `${ym}-01`;
}
export function monthEnd(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-${String(last).padStart(2, '0')}`;
}
/** 'yyyy-Qn' → its three months. */
export function quarterMonths(q: string): [string, string, string] {
  const [y, n] = [q.slice(0, 4), Number(q.slice(6))];
  const first = `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}`;
  return [first, addMonths(first, 1), addMonths(first, 2)];
}
export function quarterOf(ym: string): string {
  return `${ym.slice(0, 4)}-Q${Math.floor((Number(ym.slice(5, 7)) - 1) / 3) + 1}`;
}
export function addQuarters(q: string, n: number): string {
  return quarterOf(addMonths(quarterMonths(q)[0], 3 * n));
}

export type BpOutcome = 'missed_visit' | 'visited_no_bp' | 'controlled' | 'uncontrolled';
export type SugarOutcome = 'missed_visit' | 'visited_no_sugar' | DiabetesBand;

function byTime(a: IndicatorFollowup, b: IndicatorFollowup): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return String(a.order ?? '') < String(b.order ?? '') ? -1 : String(a.order ?? '') > String(b.order ?? '') ? 1 : 0;
}

/** ncd.md's ordered checks over a window's follow-ups (already limited to the window). */
export function bpOutcome(inWindow: readonly IndicatorFollowup[]): BpOutcome {
  const visits = inWindow.filter(isVisit);
  if (!visits.length) return 'missed_visit';
  const withBp = visits.filter((f) => f.bp).sort(byTime);
  const latest = withBp[withBp.length - 1];
  if (!latest) return 'visited_no_bp';
  return bpControlled(latest.bp!) ? 'controlled' : 'uncontrolled';
}

/** Same order for diabetes: missed visit, visited without a sugar reading, else the band of the latest reading. */
export function sugarOutcome(inWindow: readonly IndicatorFollowup[]): SugarOutcome {
  const visits = inWindow.filter(isVisit);
  if (!visits.length) return 'missed_visit';
  const withSugar = visits.filter((f) => f.sugar).sort(byTime);
  const latest = withSugar[withSugar.length - 1];
  if (!latest) return 'visited_no_sugar';
  return diabetesBand(latest.sugar!);
}

export interface PatientStatus {
  excluded: boolean;
  registered: boolean;
  underCare: boolean;
  lostToFollowUp: boolean;
  inDenominator: boolean;
  bp: BpOutcome | null;
  sugar: SugarOutcome | null;
}

/** The dates that bound reporting month `ym`'s windows (computed once per month, not per patient). */
interface MonthWindows {
  ym: string;
  end: string;
  start12: string;
  start3: string;
}
function windowsOf(ym: string): MonthWindows {
  return { ym, end: monthEnd(ym), start12: monthStart(addMonths(ym, -11)), start3: monthStart(addMonths(ym, -2)) };
}

/** One enrollment's standing for reporting month `ym` (see the calendar rules at the top). */
export function patientStatus(e: IndicatorEnrollment, followups: readonly IndicatorFollowup[], ym: string): PatientStatus {
  return statusIn(e, followups.filter((f) => f.enrollmentId === e.id), windowsOf(ym));
}

/** patientStatus over `mine` (this enrollment's follow-ups, any order), in one pass. */
function statusIn(e: IndicatorEnrollment, mine: readonly IndicatorFollowup[], w: MonthWindows): PatientStatus {
  const none: PatientStatus = { excluded: false, registered: false, underCare: false, lostToFollowUp: false, inDenominator: false, bp: null, sugar: null };
  if (e.enrolledOn > w.end) return none;
  if (e.endedOn && e.endedOn <= w.end) return { ...none, excluded: true };
  let visited12 = false;
  const window3: IndicatorFollowup[] = [];
  for (const f of mine) {
    if (f.date > w.end) continue;
    if (!visited12 && f.date >= w.start12 && isVisit(f)) visited12 = true;
    if (f.date >= w.start3) window3.push(f);
  }
  const recent = e.enrolledOn >= w.start12;
  const underCare = recent || visited12;
  const inDenominator = underCare && e.enrolledOn < w.start3;
  return {
    excluded: false,
    registered: true,
    underCare,
    lostToFollowUp: !underCare,
    inDenominator,
    bp: inDenominator ? bpOutcome(window3) : null,
    sugar: inDenominator ? sugarOutcome(window3) : null,
  };
}

export interface Indicators {
  month: string;
  registered: number;
  /** Enrolled during the reporting month (or quarter, for a quarterly report). */
  newlyRegistered: number;
  underCare: number;
  lostToFollowUp: number;
  denominator: number;
  bp: { missedVisit: number; visitedNoBp: number; controlled: number; uncontrolled: number; controlRate: number | null };
  diabetes: { missedVisit: number; visitedNoSugar: number; low: number; mid: number; high: number };
}

function groupFollowups(followups: readonly IndicatorFollowup[]): Map<string, IndicatorFollowup[]> {
  const m = new Map<string, IndicatorFollowup[]>();
  for (const f of followups) {
    const list = m.get(f.enrollmentId);
    if (list) list.push(f);
    else m.set(f.enrollmentId, [f]);
  }
  return m;
}

/** The indicators of a reporting month (`newSince` widens "newly registered" to a quarter's first day). */
export function computeIndicators(enrollments: readonly IndicatorEnrollment[], followups: readonly IndicatorFollowup[], ym: string, newSince = monthStart(ym)): Indicators {
  return indicatorsOf(enrollments, groupFollowups(followups), windowsOf(ym), newSince);
}

/**
 * The indicators of several months over the same data (the 12-month trend): the same result as `computeIndicators`
 * month by month, faster — the follow-ups are grouped and put in time order once, and each month reads each
 * enrollment's follow-ups backwards from the month's end (`statusSorted`). A test checks it against
 * `computeIndicators` (shared/ncd/indicators-months.test.ts).
 */
export function computeMonths(enrollments: readonly IndicatorEnrollment[], followups: readonly IndicatorFollowup[], months: readonly string[]): Indicators[] {
  const byEnrollment = groupFollowups(followups);
  // A stable sort: follow-ups at the same moment keep their order, as in bpOutcome / sugarOutcome's own sort.
  for (const list of byEnrollment.values()) list.sort(byTime);
  return months.map((ym) => indicatorsOf(enrollments, byEnrollment, windowsOf(ym), monthStart(ym), statusSorted));
}

/**
 * statusIn over `sorted` (this enrollment's follow-ups in byTime order): the latest visit with a BP (or a sugar
 * reading) in the last 3 months is the first one met walking back from the month's end; the walk stops at the first
 * visit before the 3-month window (the 12-month "under care" check) or at the 12-month window's start.
 */
function statusSorted(e: IndicatorEnrollment, sorted: readonly IndicatorFollowup[], w: MonthWindows): PatientStatus {
  const none: PatientStatus = { excluded: false, registered: false, underCare: false, lostToFollowUp: false, inDenominator: false, bp: null, sugar: null };
  if (e.enrolledOn > w.end) return none;
  if (e.endedOn && e.endedOn <= w.end) return { ...none, excluded: true };
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.date <= w.end) lo = mid + 1;
    else hi = mid;
  }
  let visited12 = false;
  let visited3 = false;
  let bp: BpReading | null = null;
  let sugar: SugarReading | null = null;
  for (let i = lo - 1; i >= 0; i--) {
    const f = sorted[i]!;
    if (f.date < w.start12) break;
    if (!isVisit(f)) continue;
    visited12 = true;
    if (f.date < w.start3) break;
    visited3 = true;
    if (!bp && f.bp) bp = f.bp;
    if (!sugar && f.sugar) sugar = f.sugar;
  }
  const underCare = e.enrolledOn >= w.start12 || visited12;
  const inDenominator = underCare && e.enrolledOn < w.start3;
  return {
    excluded: false,
    registered: true,
    underCare,
    lostToFollowUp: !underCare,
    inDenominator,
    bp: !inDenominator ? null : !visited3 ? 'missed_visit' : !bp ? 'visited_no_bp' : bpControlled(bp) ? 'controlled' : 'uncontrolled',
    sugar: !inDenominator ? null : !visited3 ? 'missed_visit' : !sugar ? 'visited_no_sugar' : diabetesBand(sugar),
  };
}

function indicatorsOf(
  enrollments: readonly IndicatorEnrollment[],
  byEnrollment: Map<string, IndicatorFollowup[]>,
  w: MonthWindows,
  newSince: string,
  status: (e: IndicatorEnrollment, mine: readonly IndicatorFollowup[], w: MonthWindows) => PatientStatus = statusIn,
): Indicators {
  const r: Indicators = {
    month: w.ym,
    registered: 0,
    newlyRegistered: 0,
    underCare: 0,
    lostToFollowUp: 0,
    denominator: 0,
    bp: { missedVisit: 0, visitedNoBp: 0, controlled: 0, uncontrolled: 0, controlRate: null },
    diabetes: { missedVisit: 0, visitedNoSugar: 0, low: 0, mid: 0, high: 0 },
  };
  for (const e of enrollments) {
    const s = status(e, byEnrollment.get(e.id) ?? [], w);
    if (!s.registered) continue;
    r.registered++;
    if (e.enrolledOn >= newSince) r.newlyRegistered++;
    if (s.underCare) r.underCare++;
    if (s.lostToFollowUp) r.lostToFollowUp++;
    if (!s.inDenominator) continue;
    r.denominator++;
    if (s.bp === 'missed_visit') r.bp.missedVisit++;
    else if (s.bp === 'visited_no_bp') r.bp.visitedNoBp++;
    else if (s.bp === 'controlled') r.bp.controlled++;
    else r.bp.uncontrolled++;
    if (s.sugar === 'missed_visit') r.diabetes.missedVisit++;
    else if (s.sugar === 'visited_no_sugar') r.diabetes.visitedNoSugar++;
    else r.diabetes[s.sugar!]++;
  }
  r.bp.controlRate = r.denominator ? r.bp.controlled / r.denominator : null;
  return r;
}

/** Quarterly indicators: those of the quarter's last month, with "newly registered" over the whole quarter. */
export function computeQuarterIndicators(enrollments: readonly IndicatorEnrollment[], followups: readonly IndicatorFollowup[], q: string): Indicators {
  const [first, , last] = quarterMonths(q);
  return computeIndicators(enrollments, followups, last, monthStart(first));
}

/** The 12 monthly reports ending with `ym`, oldest first. */
export function trend(enrollments: readonly IndicatorEnrollment[], followups: readonly IndicatorFollowup[], ym: string): Indicators[] {
  return computeMonths(enrollments, followups, trendMonths(ym));
}

/** The 12 months ending with `ym`, oldest first. */
export function trendMonths(ym: string): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(ym, i - 11));
}

export interface Cohort {
  quarter: string;
  outcomeQuarter: string;
  registered: number;
  /** Died or removed by the end of the outcome quarter. */
  removed: number;
  missedVisit: number;
  visitedNoBp: number;
  controlled: number;
  uncontrolled: number;
}

/**
 * Cohort report (ncd.md): patients registered in quarter `q`, their BP outcome two quarters later — the four
 * ordered checks over the three months of quarter q+2.
 */
export function cohort(enrollments: readonly IndicatorEnrollment[], followups: readonly IndicatorFollowup[], q: string): Cohort {
  const [qFirst, , qLast] = quarterMonths(q);
  const outcomeQuarter = addQuarters(q, 2);
  const [oFirst, , oLast] = quarterMonths(outcomeQuarter);
  const from = monthStart(oFirst);
  const to = monthEnd(oLast);
  const byEnrollment = groupFollowups(followups);
  const c: Cohort = { quarter: q, outcomeQuarter, registered: 0, removed: 0, missedVisit: 0, visitedNoBp: 0, controlled: 0, uncontrolled: 0 };
  for (const e of enrollments) {
    if (e.enrolledOn < monthStart(qFirst) || e.enrolledOn > monthEnd(qLast)) continue;
    c.registered++;
    if (e.endedOn && e.endedOn <= to) {
      c.removed++;
      continue;
    }
    const o = bpOutcome((byEnrollment.get(e.id) ?? []).filter((f) => f.date >= from && f.date <= to));
    if (o === 'missed_visit') c.missedVisit++;
    else if (o === 'visited_no_bp') c.visitedNoBp++;
    else if (o === 'controlled') c.controlled++;
    else c.uncontrolled++;
  }
  return c;
}
