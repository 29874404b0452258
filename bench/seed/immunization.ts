import { contract, isProcedureName, type ProcedureInput } from '../../shared/contract/index.js';
import type { SessionUser } from '../../shared/contract/auth.js';
import { AppError } from '../../shared/errors.js';
import { addMonths } from '../../shared/immunization/dates.js';
import { evaluateSchedule, type RecordedDose, type ScheduleEvaluation } from '../../shared/immunization/engine.js';
import type { Schedule } from '../../shared/immunization/schedule-schema.js';
import { TETANUS_WOMEN, TT10_2024_CHILDREN } from '../../shared/immunization/schedules/index.js';
import { vaccineInfo } from '../../shared/immunization/vaccines.js';
import { handlers } from '../../main/core/handlers.js';
import { addDaysIso, ageOn, dayMs, isoDay, localTime } from './population.js';
import { Rng } from './rng.js';
import type { PersonPlan, Shape, Task, TaskEnv, World } from './types.js';

/**
 * Immunization (issue 7): the Expanded Programme on Immunization of a commune as the station runs it.
 *
 * - Children under 16 follow the TT 10/2024 schedule, simulated with the product's own engine (so every dose the
 *   generator gives is one the core accepts): most on time, some late, some dropping out, a few families refusing,
 *   some DPT doses bought as 6-in-1 at a private clinic, a few invalid early doses (a private clinic's measles-
 *   containing vaccine at 8 months, a 6-in-1 before 2 months); birth doses mostly at the district hospital.
 * - Doses before the app (the paper register) are copied in by the nurses with `imm.recordDose` in the first ten days
 *   of the window: the whole card for children under 7, the still-open series (measles, JE, Td) for older children.
 * - Pregnancies of the mothers of the window's newborns, pregnancies still in progress at "today" and a few
 *   miscarriages (`imm.recordPregnancy` / `imm.endPregnancy`), with tetanus (UV) doses from earlier pregnancies and
 *   during the pregnancy.
 * - Monthly immunization sessions per group of about five hamlets (a session point), plus a Japanese-encephalitis day
 *   a week later for the second JE dose, over the two-year window, run through the session-day procedures:
 *   `imm.createSession` a week ahead, `imm.checkIn` → `imm.screen` (some postponed for fever or illness, a few
 *   referred) → `imm.vaccinate` (lot picked first-expiry-first) → `imm.recordAefi` (a few) → `imm.observationEnd`,
 *   then the opened vials' wastage and `imm.updateSession` closed.
 * - Vaccine stock received monthly from the district in lots (`imm.receiveStock`: lot number, expiry, vial size,
 *   GTIN for some), issued to each session, administered through the vaccinations, opened-vial wastage, expired
 *   remainders returned, a few count corrections: the ledger agrees with the doses given.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
/**
 * People per session point: a commune station held one immunization point for its ~10,000 people; a commune merged
 * in 2025 keeps one per former commune (8 for 100,000 people), each over its own hamlets.
 */
const PERSONS_PER_POINT = 12_500;
/** Days the nurses take to copy the paper register in, from the start of the window. */
const ENTRY_DAYS = 10;
const CHILD: Schedule = TT10_2024_CHILDREN;
const WOMEN: Schedule = TETANUS_WOMEN;
/**
 * From 5 years every infant series has passed its maximum age (DPT-VGB-Hib 1–3, polio, BCG, rotavirus; DPT4 needs
 * doses 1–3): for children of 5 or more when the register is copied only the series still open are entered, which
 * gives the engine the same answer on every date of the window.
 */
const FULL_CARD_UNDER_YEARS = 5;
const OLDER_CHILD_SERIES = new Set(['measles', 'je', 'td']);
/**
 * Months before "today" from which session days run through the session procedures (check-in, screening,
 * vaccination, observation). Before that the station planned its sessions in the app but entered the doses given
 * afterwards from the session's tally sheet (imm.recordDose with the lot) — how stations adopt the session screen,
 * and it keeps the generation time moderate (a check-in through the board costs ~5× a recorded dose).
 */
const SESSION_DAY_MONTHS = 12;

const PROCEDURES = [
  'imm.recordDose',
  'imm.recordPregnancy',
  'imm.endPregnancy',
  'imm.createSession',
  'imm.updateSession',
  'imm.checkIn',
  'imm.screen',
  'imm.vaccinate',
  'imm.observationEnd',
  'imm.recordAefi',
  'imm.receiveStock',
  'imm.adjustStock',
];

type Behaviour = 'on_time' | 'late' | 'dropout' | 'refuser';
type Where = 'session' | 'paper' | 'elsewhere' | 'station';

interface PlannedDose {
  series: string;
  vaccine: string;
  date: string;
  where: Where;
  place?: string;
  within24h?: boolean | null;
  /** Invalid on purpose (the engine flags it). */
  invalid?: boolean;
}

interface Slot {
  group: number;
  date: string;
  kind: 'main' | 'je';
  /** 07:30 on the day (ms). */
  start: number;
}

interface Attendance {
  person: PersonPlan;
  kind: 'child' | 'pregnant';
  doses: { series: string; vaccine: string }[];
  outcome: 'vaccinate' | 'fever' | 'ill' | 'refer';
  aefi: 'common' | 'serious' | null;
  newborn: boolean;
  arrival: number;
}

interface SessionPlan {
  key: string;
  slot: Slot;
  attendances: Attendance[];
  id: string | null;
}

interface PregnancyPlan {
  woman: PersonPlan;
  lmp: string | null;
  expectedDelivery: string;
  gravida: number;
  recordAt: number;
  end: { at: number; date: string; outcome: 'live_birth' | 'miscarriage' } | null;
  priorUv: PlannedDose[];
  id: string | null;
}

interface Plan {
  groups: number[][];
  groupOfHamlet: number[];
  slots: Slot[][];
  appFrom: string;
  entryFrom: string;
  /** Sessions from this date run through the session-day procedures; earlier ones are entered from tally sheets. */
  sessionDayFrom: string;
  sessions: Map<string, SessionPlan>;
  /** Doses recorded outside sessions: the paper register, hospitals and clinics, station births. */
  records: { person: PersonPlan; at: number; doses: PlannedDose[] }[];
  pregnancies: PregnancyPlan[];
  children: number;
  behaviours: Record<Behaviour, number>;
  invalid: number;
  hospitalPlace: string[];
}

interface LotState {
  id: string;
  vaccine: string;
  number: string;
  expiry: string;
  vialSize: number;
  onHand: number;
}

interface Runtime {
  rng: Rng;
  lots: Map<string, LotState[]>;
  lotNumbers: Set<string>;
  /** Administered per lot at each session (for the opened-vial wastage). */
  usage: Map<string, Map<string, number>>;
  sessionWastage: 'procedure' | 'adjust' | null;
  counts: {
    sessions: number;
    attendances: number;
    sessionDoses: number;
    tallyDoses: number;
    recordedDoses: number;
    postponed: number;
    referred: number;
    aefi: number;
    seriousAefi: number;
    notDue: number;
    receipts: number;
    lots: number;
    receivedDoses: number;
    wastedDoses: number;
    returnedDoses: number;
    emergencyReceipts: number;
    pregnancies: number;
  };
}

const plans = new WeakMap<World, Plan>();
const runtimes = new WeakMap<World, Runtime>();

const isSunday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 0;
const notSunday = (date: string) => (isSunday(date) ? addDaysIso(date, 1) : date);

/** A working moment of a station day (07:30–16:30, lunch aside). */
function workTime(rng: Rng, date: string): number {
  const d = notSunday(date);
  return rng.chance(0.6) ? localTime(d, 7, 30 + rng.int(0, 209)) : localTime(d, 13, 30 + rng.int(0, 179));
}

function districtPlaces(world: World): string[] {
  return world.profile.facility.code === '15047'
    ? ['Bệnh viện đa khoa huyện Bảo Yên', 'Bệnh viện Sản Nhi Lào Cai']
    : world.options.ethnicMix === 'mountain'
      ? ['Bệnh viện đa khoa huyện', 'Bệnh viện Sản Nhi tỉnh']
      : ['Bệnh viện đa khoa huyện Hoằng Hóa', 'Bệnh viện Sản Nhi Thanh Hóa'];
}
const CLINIC = 'Phòng tiêm chủng dịch vụ (tư nhân)';

/** Session points over consecutive hamlets; each holds a main session every month and a JE day a week later. */
function calendar(world: World): { groups: number[][]; slots: Slot[][]; appFrom: string; entryFrom: string } {
  const n = world.hamletNames.length;
  const count = Math.min(n, Math.max(1, Math.round(world.options.persons / PERSONS_PER_POINT)));
  const groups: number[][] = Array.from({ length: count }, () => []);
  for (let h = 0; h < n; h++) groups[Math.floor((h * count) / n)]!.push(h);
  const today = world.options.today;
  const entryFrom = isoDay(world.windowStart + 12 * 3_600_000);
  const appFrom = addDaysIso(entryFrom, ENTRY_DAYS + 1);
  const firstYear = Number(today.slice(0, 4)) - 17;
  const slots = groups.map((_, g) => {
    const out: Slot[] = [];
    for (let y = firstYear; y <= Number(today.slice(0, 4)); y++) {
      for (let m = 1; m <= 12; m++) {
        let main = notSunday(`${y}-${String(m).padStart(2, '0')}-${String(Math.min(26, 8 + 2 * g)).padStart(2, '0')}`);
        const je = notSunday(addDaysIso(main, 7));
        // The app starts at the window: the nurses copy the paper register first, the points vaccinate after.
        if (main >= entryFrom && main < appFrom) main = notSunday(addDaysIso(appFrom, g));
        for (const [date, kind] of [[main, 'main'], [je, 'je']] as const) {
          if (date >= today) continue;
          if (kind === 'je' && date >= entryFrom && date < appFrom) continue;
          out.push({ group: g, date, kind, start: localTime(date, 7, 30) });
        }
      }
    }
    return out.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  });
  return { groups, slots, appFrom, entryFrom };
}

const childInput = (p: PersonPlan, doses: RecordedDose[]) => ({ birthDate: p.fields.birthDate, sex: p.fields.sex, doses });

function dueSeries(ev: ScheduleEvaluation, only?: string) {
  return ev.series.filter((s) => (s.state === 'due' || s.state === 'overdue') && s.next && (!only || s.key === only));
}

/** The first day anything becomes due again (open series only). */
function nextDue(ev: ScheduleEvaluation): string {
  let out = '9999-12-31';
  for (const s of ev.series) {
    if (!s.next || s.state === 'complete' || s.state === 'expired' || s.state === 'not-applicable' || s.state === 'unknown') continue;
    if (s.next.due < out) out = s.next.due;
  }
  return out;
}

function toRecorded(d: PlannedDose, i: number): RecordedDose {
  return { id: `d${i}`, seriesKey: d.series, vaccineCode: d.vaccine, date: d.date, givenElsewhere: d.where === 'elsewhere' };
}

function sessionKey(slot: Slot): string {
  return `${slot.group}:${slot.date}:${slot.kind}`;
}

function sessionOf(plan: Plan, slot: Slot): SessionPlan {
  const key = sessionKey(slot);
  let s = plan.sessions.get(key);
  if (!s) plan.sessions.set(key, (s = { key, slot, attendances: [], id: null }));
  return s;
}

function outcomeAt(rng: Rng): Attendance['outcome'] {
  const r = rng.next();
  return r < 0.025 ? 'fever' : r < 0.035 ? 'ill' : r < 0.0365 ? 'refer' : 'vaccinate';
}

function aefiFor(rng: Rng, doses: number): Attendance['aefi'] {
  if (doses === 0) return null;
  if (rng.chance(0.00015 * doses)) return 'serious';
  return rng.chance(0.012) ? 'common' : null;
}

/** One child's history from birth to today (or leaving, or 16), by the engine; paper doses before the window. */
function planChild(world: World, plan: Plan, p: PersonPlan, rng: Rng): void {
  const birth = p.fields.birthDate;
  const today = world.options.today;
  const stop = [today, addMonths(birth, 192), p.leaves?.date ?? today].sort()[0]!;
  if (stop <= birth) return;
  plan.children++;
  const group = plan.groupOfHamlet[world.households[p.householdKey]!.hamletIndex]!;
  const mountain = world.options.ethnicMix === 'mountain';
  const behaviour = rng.weighted<Behaviour>([['on_time', 0.74], ['late', 0.17], ['dropout', 0.07], ['refuser', 0.02]]);
  plan.behaviours[behaviour]++;
  // Drop-outs stop coming at 3–24 months; half are brought back 6–18 months later (reminder calls, catch-up),
  // and every child except the refusing families gets Td at school age.
  const dropAt = behaviour === 'dropout' ? addMonths(birth, rng.int(3, 24)) : '9999-12-31';
  const backAt = behaviour === 'dropout' && rng.chance(0.5) ? addMonths(dropAt, rng.int(6, 18)) : '9999-12-31';
  const doses: PlannedDose[] = [];
  const places = plan.hospitalPlace;
  const appFrom = plan.appFrom;
  const eraOf = (date: string): Where => (date >= plan.entryFrom ? 'station' : 'paper');

  // Birth doses: most babies are born at the district hospital, which gives hepatitis B (and often BCG).
  const born = rng.weighted(mountain ? [['hospital', 0.7], ['station', 0.12], ['home', 0.18]] : [['hospital', 0.9], ['station', 0.06], ['home', 0.04]]);
  if (born === 'hospital') {
    const place = rng.chance(0.8) ? places[0]! : places[1]!;
    const r = rng.next();
    if (r < 0.86) doses.push({ series: 'hepb-birth', vaccine: 'VGB', date: birth, where: 'elsewhere', place, within24h: true });
    else if (r < 0.96) doses.push({ series: 'hepb-birth', vaccine: 'VGB', date: addDaysIso(birth, 1), where: 'elsewhere', place, within24h: rng.chance(0.6) });
    if (rng.chance(0.55)) doses.push({ series: 'bcg', vaccine: 'BCG', date: addDaysIso(birth, rng.int(0, 3)), where: 'elsewhere', place });
  } else if (born === 'station') {
    doses.push({ series: 'hepb-birth', vaccine: 'VGB', date: birth, where: eraOf(birth), within24h: true });
  } else if (rng.chance(0.5)) {
    const date = addDaysIso(birth, rng.int(2, 6));
    doses.push({ series: 'hepb-birth', vaccine: 'VGB', date, where: eraOf(date), within24h: false });
  }
  // A few families buy DPT doses as 6-in-1 at a private clinic.
  if (behaviour !== 'refuser' && rng.chance(0.04)) {
    let date = addDaysIso(addMonths(birth, 2), rng.int(0, 10));
    for (let i = 0; i < 3; i++) {
      doses.push({ series: 'dpt', vaccine: '6in1', date, where: 'elsewhere', place: CLINIC });
      date = addDaysIso(addMonths(date, 1), rng.int(0, 8));
    }
  }
  // A few invalid doses: a private clinic's MMR before 9 months, or a 6-in-1 before 2 months.
  if (behaviour !== 'refuser' && rng.chance(0.015)) {
    plan.invalid++;
    if (rng.chance(0.6)) doses.push({ series: 'measles', vaccine: 'MMR', date: addDaysIso(addMonths(birth, 8), rng.int(0, 20)), where: 'elsewhere', place: CLINIC, invalid: true });
    else doses.push({ series: 'dpt', vaccine: '6in1', date: addDaysIso(birth, rng.int(40, 55)), where: 'elsewhere', place: CLINIC, invalid: true });
  }
  const kept = doses.filter((d) => d.date < stop);
  doses.length = 0;
  doses.push(...kept);
  // A series with a dose already arranged elsewhere (hospital, clinic) is not given at a session before that day.
  const reserved = new Map<string, string>();
  for (const d of doses) if ((reserved.get(d.series) ?? '') < d.date) reserved.set(d.series, d.date);

  if (behaviour !== 'refuser') {
    let next = birth;
    let je1: string | null = null;
    for (const slot of plan.slots[group] ?? []) {
      if (slot.date <= birth) continue;
      if (slot.date >= stop) break;
      const schoolAge = ageOn(birth, slot.date) >= 6;
      if (slot.date >= dropAt && slot.date < backAt && !schoolAge) continue;
      const app = slot.date >= appFrom;
      if (app && slot.start <= p.registerAt + 30 * MINUTE) continue;
      if (slot.kind === 'je') {
        if (!je1 || addDaysIso(je1, 7) > slot.date || !rng.chance(behaviour === 'late' ? 0.5 : 0.9)) continue;
      } else {
        if (slot.date < next) continue;
        const lateNow = behaviour === 'late' || (behaviour === 'dropout' && slot.date >= backAt);
        if (!rng.chance(schoolAge ? 0.85 : lateNow ? 0.4 : 0.93)) continue;
      }
      const recorded = doses.map(toRecorded);
      const ev = evaluateSchedule(childInput(p, recorded), CHILD, slot.date);
      const due = dueSeries(ev, slot.kind === 'je' ? 'je' : undefined).filter((x) => (reserved.get(x.key) ?? '') < slot.date);
      if (slot.kind === 'je') je1 = null;
      if (due.length === 0) {
        next = nextDue(ev);
        continue;
      }
      const outcome = app ? outcomeAt(rng) : 'vaccinate';
      const given = outcome === 'vaccinate' ? due.map((s) => ({ series: s.key, vaccine: s.next!.vaccines[0]! })) : [];
      for (const g of given) doses.push({ ...g, date: slot.date, where: app ? 'session' : 'paper' });
      if (given.some((g) => g.series === 'je')) {
        const jeValid = (ev.series.find((s) => s.key === 'je')?.validDoses ?? 0) + 1;
        je1 = jeValid === 1 ? slot.date : null;
      }
      if (app) {
        const session = sessionOf(plan, slot);
        const ageDays = (dayMs(slot.date) - dayMs(birth)) / DAY;
        session.attendances.push({ person: p, kind: 'child', doses: given, outcome, aefi: aefiFor(rng, given.length), newborn: ageDays < 30, arrival: 0 });
      }
      if (given.length) next = nextDue(evaluateSchedule(childInput(p, doses.map(toRecorded)), CHILD, slot.date));
    }
  }

  // What is recorded outside sessions, and when: the paper register in the entry days, later doses a few days after.
  const olderChild = ageOn(birth, plan.entryFrom) >= FULL_CARD_UNDER_YEARS;
  const paper = doses.filter((d) => d.where !== 'session' && d.date < plan.entryFrom && (!olderChild || OLDER_CHILD_SERIES.has(d.series)));
  const entryAt = Math.max(workTime(rng, addDaysIso(plan.entryFrom, rng.int(0, ENTRY_DAYS - 1))), p.registerAt + 5 * MINUTE);
  if (paper.length && (!p.leaves || entryAt < dayMs(p.leaves.date))) plan.records.push({ person: p, at: entryAt, doses: paper.sort((a, b) => a.date.localeCompare(b.date)) });
  for (const d of doses) {
    if (d.where === 'session' || d.date < plan.entryFrom) continue;
    // Birth doses come with the baby's registration; clinic doses when the card is shown a few days later.
    // A baby registered the day after birth brings the hospital's BCG of day 2 or 3 later: never before the dose's day.
    const at = Math.max(
      p.registerAt + 5 * MINUTE,
      localTime(d.date, 16, 45),
      d.where === 'elsewhere' && d.series !== 'hepb-birth' && d.series !== 'bcg' ? workTime(rng, addDaysIso(d.date, rng.int(1, 5))) : 0,
    );
    if (at >= world.windowEnd || (p.leaves && at >= dayMs(p.leaves.date))) continue;
    plan.records.push({ person: p, at, doses: [d] });
  }
}

/** Tetanus doses a woman had in earlier pregnancies (her older children in the household), valid ones only. */
function priorUv(world: World, woman: PersonPlan, before: string, olderBirths: readonly string[], rng: Rng): PlannedDose[] {
  const out: PlannedDose[] = [];
  for (const b of olderBirths) {
    if (out.length >= 5) break;
    if (!rng.chance(0.85)) continue;
    const first = out.length === 0;
    const dates = first ? [addDaysIso(b, -rng.int(150, 190)), addDaysIso(b, -rng.int(90, 120))] : [addDaysIso(b, -rng.int(100, 170))];
    for (const date of dates) {
      if (date >= before || out.length >= 5) continue;
      const candidate: PlannedDose = { series: 'uv', vaccine: 'UV', date, where: 'paper' };
      const ev = evaluateSchedule({ birthDate: woman.fields.birthDate, sex: 'F', doses: [...out, candidate].map(toRecorded) }, WOMEN, before);
      if (ev.series[0]!.doses.every((d) => d.valid)) out.push(candidate);
    }
  }
  void world;
  return out;
}

/** UV doses at the woman's session point during the pregnancy (the engine says when they are due). */
function planPregnancySessions(plan: Plan, world: World, g: PregnancyPlan, until: string, rng: Rng): void {
  const group = plan.groupOfHamlet[world.households[g.woman.householdKey]!.hamletIndex]!;
  const doses: PlannedDose[] = [...g.priorUv];
  const pregnancy = { expectedDelivery: g.expectedDelivery, ...(g.lmp ? { start: g.lmp } : {}) };
  for (const slot of plan.slots[group] ?? []) {
    if (slot.kind !== 'main' || slot.start <= g.recordAt + 30 * MINUTE || slot.date < plan.appFrom) continue;
    if (slot.date >= until) break;
    const ev = evaluateSchedule({ birthDate: g.woman.fields.birthDate, sex: 'F', pregnancies: [pregnancy], doses: doses.map(toRecorded) }, WOMEN, slot.date);
    const due = dueSeries(ev);
    if (due.length === 0 || !rng.chance(0.85)) continue;
    const outcome = rng.chance(0.02) ? 'ill' : 'vaccinate';
    const given = outcome === 'vaccinate' ? [{ series: 'uv', vaccine: 'UV' }] : [];
    for (const d of given) doses.push({ ...d, date: slot.date, where: 'session' });
    sessionOf(plan, slot).attendances.push({ person: g.woman, kind: 'pregnant', doses: given, outcome, aefi: aefiFor(rng, given.length), newborn: false, arrival: 0 });
  }
}

function planWomen(world: World, plan: Plan, rng: Rng): void {
  const today = world.options.today;
  const childrenOf = new Map<number, string[]>();
  for (const p of world.persons) {
    if (p.motherKey === null || p.duplicateOf !== null || p.fields.birthDate.length !== 10) continue;
    const list = childrenOf.get(p.motherKey) ?? [];
    list.push(p.fields.birthDate);
    childrenOf.set(p.motherKey, list);
  }
  for (const list of childrenOf.values()) list.sort();
  const usable = (w: PersonPlan) => w.fields.sex === 'F' && w.duplicateOf === null && w.fields.birthDate.length === 10;
  const firstEntry = localTime(plan.entryFrom, 8);

  const add = (woman: PersonPlan, expectedDelivery: string, end: PregnancyPlan['end'], prng: Rng) => {
    const start = addDaysIso(expectedDelivery, -280);
    // First antenatal visit at 8–16 weeks; a pregnancy already under way at the window start is copied in with the cards.
    let recordAt = workTime(prng, addDaysIso(start, prng.int(56, 112)));
    if (recordAt < firstEntry) recordAt = workTime(prng, addDaysIso(plan.entryFrom, prng.int(0, ENTRY_DAYS - 1)));
    recordAt = Math.max(recordAt, woman.registerAt + 10 * MINUTE);
    if (recordAt >= world.windowEnd - DAY || (end && recordAt >= end.at) || (woman.leaves && recordAt >= dayMs(woman.leaves.date))) return;
    const older = (childrenOf.get(woman.key) ?? []).filter((b) => b < start);
    const g: PregnancyPlan = {
      woman,
      lmp: prng.chance(0.6) ? start : null,
      expectedDelivery,
      gravida: older.length + 1 + (prng.chance(0.1) ? 1 : 0),
      recordAt,
      end,
      priorUv: priorUv(world, woman, isoDay(recordAt + 7 * 3_600_000), older, prng),
      id: null,
    };
    plan.pregnancies.push(g);
    const until = end ? [end.date, today].sort()[0]! : today;
    planPregnancySessions(plan, world, g, woman.leaves ? [until, woman.leaves.date].sort()[0]! : until, prng);
  };

  // Mothers of the babies born in the window (one pregnancy per woman: her latest; an earlier one in the window
  // would need its doses carried into the next).
  const used = new Set<number>();
  const newborns = world.persons
    .filter((c) => c.motherKey !== null && c.duplicateOf === null && c.fields.birthDate.length === 10 && c.fields.birthDate >= addDaysIso(plan.entryFrom, 30))
    .sort((a, b) => b.fields.birthDate.localeCompare(a.fields.birthDate) || a.key - b.key);
  const births = newborns.length;
  for (const child of newborns) {
    const mother = world.persons[child.motherKey!]!;
    if (used.has(mother.key) || !usable(mother) || (mother.leaves && mother.leaves.date <= child.fields.birthDate)) continue;
    used.add(mother.key);
    const prng = rng.fork(`m${child.key}`);
    const edd = addDaysIso(child.fields.birthDate, -Math.round(Math.max(-21, Math.min(14, prng.normal(-3, 7)))));
    add(mother, edd, { at: child.registerAt + 2 * MINUTE, date: child.fields.birthDate, outcome: 'live_birth' }, prng);
  }

  // Pregnancies in progress at "today" (delivery in the next 8 months) and a few that ended in a miscarriage.
  const recent = new Set<number>();
  for (const [mother, list] of childrenOf) if (list.some((b) => b >= addDaysIso(today, -450))) recent.add(mother);
  const candidates = world.persons.filter(
    (w) =>
      usable(w) &&
      !recent.has(w.key) &&
      !used.has(w.key) &&
      !w.leaves &&
      (w.relation === 'spouse' || w.relation === 'child_in_law' || (w.relation === 'head' && (childrenOf.get(w.key)?.length ?? 0) > 0)) &&
      ageOn(w.fields.birthDate, today) >= 19 &&
      ageOn(w.fields.birthDate, today) <= 41,
  );
  const perDay = births / Math.max(1, (world.windowEnd - dayMs(addDaysIso(plan.entryFrom, 30))) / DAY);
  const ongoing = Math.round(perDay * 250);
  const miscarriages = Math.round(births * 0.04);
  const picks = rng.shuffle([...candidates]);
  const weight = (w: PersonPlan) => {
    const age = ageOn(w.fields.birthDate, today);
    return age < 24 ? 0.7 : age <= 32 ? 1 : age <= 36 ? 0.5 : 0.2;
  };
  let taken = 0;
  for (const w of picks) {
    if (taken >= ongoing + miscarriages) break;
    if (!rng.chance(weight(w))) continue;
    const prng = rng.fork(`w${w.key}`);
    if (taken < ongoing) {
      add(w, addDaysIso(today, prng.int(1, 250)), null, prng);
    } else {
      const start = addDaysIso(plan.entryFrom, prng.int(20, 600));
      const lost = addDaysIso(start, prng.int(70, 120));
      add(w, addDaysIso(start, 280), { at: workTime(prng, addDaysIso(lost, prng.int(3, 20))), date: lost, outcome: 'miscarriage' }, prng);
    }
    taken++;
  }
}

function arrivalTimes(plan: Plan, rng: Rng): void {
  for (const s of plan.sessions.values()) {
    rng.shuffle(s.attendances);
    const n = s.attendances.length;
    // Arrivals from 07:30 over about three hours (longer for a big point).
    const span = Math.max(90, Math.min(240, 60 + n)) * MINUTE;
    s.attendances.forEach((a, i) => (a.arrival = s.slot.start + Math.floor(((i + rng.next()) / Math.max(1, n)) * span)));
  }
}

// ── Run time ─────────────────────────────────────────────────────────────────────────────────────────────────────

function runtime(world: World): Runtime {
  let r = runtimes.get(world);
  if (!r) {
    r = {
      rng: new Rng(`${world.options.seed}/immunization-runtime`),
      lots: new Map(),
      lotNumbers: new Set(),
      usage: new Map(),
      sessionWastage: null,
      counts: {
        sessions: 0, attendances: 0, sessionDoses: 0, tallyDoses: 0, recordedDoses: 0, postponed: 0, referred: 0, aefi: 0, seriousAefi: 0, notDue: 0,
        receipts: 0, lots: 0, receivedDoses: 0, wastedDoses: 0, returnedDoses: 0, emergencyReceipts: 0, pregnancies: 0,
      },
    };
    runtimes.set(world, r);
  }
  return r;
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function gtin(rng: Rng): string {
  const body = `0893${rng.digits(9)}`;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Receives vials of a vaccine: on the lot in use, or a new lot (a new delivery, or the old one expires soon). */
function receive(env: TaskEnv, rt: Runtime, vaccine: string, doses: number, on: string, horizon: string, as: SessionUser, note?: string): void {
  const info = vaccineInfo(vaccine);
  const vialSize = info?.vialSize ?? 1;
  const vials = Math.max(1, Math.ceil(doses / vialSize));
  const lots = rt.lots.get(vaccine) ?? [];
  let lot = lots.filter((l) => l.expiry > addDaysIso(horizon, 60)).sort((a, b) => b.expiry.localeCompare(a.expiry))[0];
  const fresh = !lot || rt.rng.chance(0.3);
  let number = lot?.number ?? '';
  let expiry = lot?.expiry ?? '';
  if (fresh) {
    do number = `${LETTERS[rt.rng.int(0, LETTERS.length - 1)]}${LETTERS[rt.rng.int(0, LETTERS.length - 1)]}${rt.rng.digits(5)}`;
    while (rt.lotNumbers.has(number));
    rt.lotNumbers.add(number);
    // Expiry at the end of a month, 8 to 24 months ahead.
    const month = addMonths(on.slice(0, 8) + '01', rt.rng.int(8, 24));
    expiry = addDaysIso(addMonths(month, 1), -1);
    lot = undefined;
  }
  const out = env.call(
    'imm.receiveStock',
    {
      vaccineCode: vaccine,
      lotNumber: number,
      expiry,
      vialSize,
      vials,
      receivedOn: on,
      ...(fresh && rt.rng.chance(0.5) ? { gtin: gtin(rt.rng) } : {}),
      ...(note ? { note } : {}),
    },
    { as },
  );
  rt.counts.receipts++;
  rt.counts.receivedDoses += vials * vialSize;
  if (lot) lot.onHand += vials * vialSize;
  else {
    rt.counts.lots++;
    lots.push({ id: out.lot.id, vaccine, number, expiry, vialSize, onHand: vials * vialSize });
    rt.lots.set(vaccine, lots);
  }
}

/** First-expiry-first lot with stock usable on `date`; receives an emergency delivery when there is none. */
function pickLot(env: TaskEnv, rt: Runtime, vaccine: string, date: string, as: SessionUser): LotState {
  const usable = () => (rt.lots.get(vaccine) ?? []).filter((l) => l.onHand > 0 && l.expiry >= date).sort((a, b) => a.expiry.localeCompare(b.expiry) || a.number.localeCompare(b.number))[0];
  let lot = usable();
  if (!lot) {
    rt.counts.emergencyReceipts++;
    receive(env, rt, vaccine, (vaccineInfo(vaccine)?.vialSize ?? 1) * 2, date, date, as, 'Nhận bổ sung từ kho huyện');
    lot = usable()!;
  }
  return lot;
}

function monthNeeds(plan: Plan): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const add = (month: string, vaccine: string, n: number) => {
    let m = out.get(month);
    if (!m) out.set(month, (m = new Map()));
    m.set(vaccine, (m.get(vaccine) ?? 0) + n);
  };
  for (const s of plan.sessions.values()) for (const a of s.attendances) for (const d of a.doses) add(s.slot.date.slice(0, 7), d.vaccine, 1);
  for (const r of plan.records) for (const d of r.doses) if (d.where === 'station') add(d.date.slice(0, 7), d.vaccine, 1);
  return out;
}

function screeningInput(rng: Rng, a: Attendance): Omit<ProcedureInput<'imm.screen'>, 'attendanceId'> {
  const normal = Math.round((36.3 + rng.next() * 1.1) * 10) / 10;
  const base = a.newborn ? { newborn: { gestationalWeeks: rng.int(37, 41), birthWeightGrams: rng.int(2600, 3800), motherHbsag: 'negative' as const } } : {};
  switch (a.outcome) {
    case 'fever':
      return { ...base, answers: {}, temperature: Math.round((38 + rng.next() * 0.9) * 10) / 10, note: 'Sốt, hẹn tiêm lại' };
    case 'ill':
      return { ...base, answers: { 'acute-illness': true }, temperature: normal, note: rng.pick(['Đang viêm đường hô hấp cấp', 'Tiêu chảy cấp', 'Đang điều trị viêm phổi']) };
    case 'refer':
      return { ...base, answers: { 'anaphylaxis-grade2': true }, temperature: normal, referTo: rng.chance(0.7) ? 'Bệnh viện đa khoa huyện' : 'Bệnh viện Sản Nhi tỉnh' };
    default:
      return { ...base, answers: {}, temperature: normal };
  }
}

function attendanceTask(world: World, s: SessionPlan, a: Attendance, rng: Rng): Task {
  return {
    at: a.arrival,
    run(env) {
      const rt = runtime(world);
      const person = a.person;
      if (!s.id || !person.id) return;
      const nurses = env.staff.nurses;
      const nurse = nurses[(person.key + 1) % nurses.length]!;
      const vaccinator = nurses[person.key % nurses.length]!;
      const { entry } = env.call('imm.checkIn', { sessionId: s.id, personId: person.id }, { as: env.staff.clerk });
      rt.counts.attendances++;
      let now = a.arrival + rng.int(4, 20) * MINUTE;
      env.setClock(now);
      const screened = env.call('imm.screen', { attendanceId: entry.attendanceId, ...screeningInput(rng, a) }, { as: nurse });
      if (screened.screening.outcome !== 'vaccinate') {
        if (screened.screening.outcome === 'refer') rt.counts.referred++;
        else rt.counts.postponed++;
        return;
      }
      const dueNow = new Set(screened.entry.dueToday.filter((d) => !d.excluded).map((d) => d.seriesKey));
      const doses = a.doses.filter((d) => dueNow.has(d.series));
      rt.counts.notDue += a.doses.length - doses.length;
      if (doses.length === 0) return;
      now += rng.int(2, 12) * MINUTE;
      env.setClock(now);
      const usage = rt.usage.get(s.key) ?? new Map<string, number>();
      rt.usage.set(s.key, usage);
      const lots = doses.map((d) => pickLot(env, rt, d.vaccine, s.slot.date, nurse));
      const given = env.call(
        'imm.vaccinate',
        { attendanceId: entry.attendanceId, doses: doses.map((d, i) => ({ seriesKey: d.series, vaccineCode: d.vaccine, lotId: lots[i]!.id })) },
        { as: vaccinator },
      );
      for (const lot of lots) {
        lot.onHand--;
        usage.set(lot.id, (usage.get(lot.id) ?? 0) + 1);
      }
      rt.counts.sessionDoses += given.doses.length;
      if (a.aefi) {
        const onset = now + rng.int(8, 25) * MINUTE;
        env.setClock(onset + rng.int(1, 4) * MINUTE);
        const serious = a.aefi === 'serious';
        env.call(
          'imm.recordAefi',
          {
            personId: person.id,
            attendanceId: entry.attendanceId,
            doseIds: given.doses.map((d) => d.id),
            onsetAt: new Date(onset).toISOString(),
            severity: a.aefi,
            ...(serious
              ? rng.chance(0.5)
                ? { signs: ['high-fever-convulsions' as const], actions: ['antipyretic' as const, 'oxygen' as const, 'referred' as const], outcome: 'referred' as const, referredTo: 'Bệnh viện đa khoa huyện' }
                : { signs: ['anaphylaxis-like' as const, 'breathing-difficulty' as const], anaphylaxisGrade: 2, actions: ['adrenaline' as const, 'oxygen' as const, 'referred' as const], outcome: 'referred' as const, referredTo: 'Bệnh viện đa khoa huyện' }
              : {
                  signs: [rng.pick(['local-swelling', 'mild-fever', 'local-redness', 'irritability', 'local-pain'] as const)],
                  actions: [rng.pick(['observed', 'cold-compress', 'antipyretic'] as const)],
                  outcome: 'recovered' as const,
                }),
          },
          { as: nurse },
        );
        rt.counts.aefi++;
        if (serious) rt.counts.seriousAefi++;
      }
      env.setClock(now + rng.int(31, 45) * MINUTE);
      env.call('imm.observationEnd', { attendanceId: entry.attendanceId }, { as: nurse });
    },
  };
}

/**
 * A session of the first app year: the doses given are entered after the session from its tally sheet
 * (imm.recordDose with the lot: stock decremented), postponed children are not entered, reactions are recorded.
 */
function tallyTask(world: World, s: SessionPlan, rng: Rng): Task {
  return {
    // After the last arrivals and their reactions (arrivals end by 11:30), before the session is closed.
    at: s.slot.start + 5 * 60 * MINUTE + 45 * MINUTE,
    run(env) {
      if (!s.id) return;
      const rt = runtime(world);
      const usage = rt.usage.get(s.key) ?? new Map<string, number>();
      rt.usage.set(s.key, usage);
      for (const a of [...s.attendances].sort((x, y) => x.arrival - y.arrival)) {
        const person = a.person;
        if (!person.id || a.doses.length === 0) continue;
        const nurse = env.staff.nurses[person.key % env.staff.nurses.length]!;
        const ids: string[] = [];
        for (const d of a.doses) {
          const lot = pickLot(env, rt, d.vaccine, s.slot.date, nurse);
          const info = vaccineInfo(d.vaccine);
          const out = env.call(
            'imm.recordDose',
            {
              personId: person.id,
              vaccineCode: d.vaccine,
              seriesKey: d.series,
              givenOn: s.slot.date,
              lotId: lot.id,
              ...(info ? { site: info.defaultSite, route: info.defaultRoute } : {}),
              note: `Buổi tiêm ${sessionPlaceShort(s)}`,
            },
            { as: nurse },
          );
          lot.onHand--;
          usage.set(lot.id, (usage.get(lot.id) ?? 0) + 1);
          ids.push(out.dose.id);
          rt.counts.tallyDoses++;
        }
        if (a.aefi === 'common') {
          const onset = Math.min(a.arrival + rng.int(20, 50) * MINUTE, s.slot.start + 5 * 60 * MINUTE);
          env.call(
            'imm.recordAefi',
            { personId: person.id, doseIds: ids, onsetAt: new Date(onset).toISOString(), severity: 'common', signs: [rng.pick(['local-swelling', 'mild-fever', 'local-redness'] as const)], actions: ['observed'], outcome: 'recovered' },
            { as: nurse },
          );
          rt.counts.aefi++;
        }
      }
    },
  };
}

const sessionPlaceShort = (s: SessionPlan) => `ngày ${s.slot.date.slice(8, 10)}/${s.slot.date.slice(5, 7)}/${s.slot.date.slice(0, 4)}`;

function sessionPlace(world: World, plan: Plan, group: number): string {
  if (group === 0) return world.profile.facility.name;
  return `Nhà văn hóa ${world.hamletNames[plan.groups[group]![0]!]}`;
}

function sessionTasks(world: World, plan: Plan, s: SessionPlan, rng: Rng): Task[] {
  const tasks: Task[] = [];
  const { slot } = s;
  const hamletIds = () => plan.groups[slot.group]!.map((h) => world.hamletIds[h]!);
  const createdAt = slot.kind === 'main' ? workTime(rng, addDaysIso(slot.date, -rng.int(5, 10))) : localTime(addDaysIso(slot.date, -7), 11, 30 + rng.int(0, 40));
  tasks.push({
    at: Math.max(createdAt, localTime(plan.entryFrom, 7)),
    run(env) {
      s.id = env.call(
        'imm.createSession',
        {
          date: slot.date,
          place: sessionPlace(world, plan, slot.group),
          hamletIds: hamletIds(),
          ...(slot.kind === 'je' ? { note: 'Buổi tiêm viêm não Nhật Bản mũi 2' } : {}),
        },
        { as: env.staff.nurses[0]! },
      ).session.id;
      runtime(world).counts.sessions++;
    },
  });
  // Vaccine taken out to the point: the expected doses with the planning wastage, in whole vials.
  tasks.push({
    at: slot.start - 20 * MINUTE,
    run(env) {
      if (!s.id) return;
      const rt = runtime(world);
      const need = new Map<string, number>();
      for (const a of s.attendances) for (const d of a.doses) need.set(d.vaccine, (need.get(d.vaccine) ?? 0) + 1);
      for (const [vaccine, n] of [...need].sort((a, b) => a[0].localeCompare(b[0]))) {
        const info = vaccineInfo(vaccine);
        const size = info?.vialSize ?? 1;
        const lot = pickLot(env, rt, vaccine, slot.date, env.staff.nurses[0]!);
        const doses = Math.ceil((n * (info?.wastageFactor ?? 1)) / size) * size;
        env.call('imm.adjustStock', { lotId: lot.id, kind: 'issued', doses, sessionId: s.id, occurredOn: slot.date }, { as: env.staff.nurses[0]! });
      }
    },
  });
  const sessionDay = slot.date >= plan.sessionDayFrom;
  if (sessionDay) for (const a of s.attendances) tasks.push(attendanceTask(world, s, a, rng.fork(`a${a.person.key}`)));
  else tasks.push(tallyTask(world, s, rng.fork('tally')));
  // End of the session: opened multi-dose vials are discarded (what was left in them is wastage), then closed.
  tasks.push({
    at: slot.start + 6 * 60 * MINUTE,
    run(env) {
      if (!s.id) return;
      const rt = runtime(world);
      const nurse = env.staff.nurses[0]!;
      const usage = rt.usage.get(s.key) ?? new Map<string, number>();
      const lots = [...usage].map(([lotId, used]) => ({ lot: [...rt.lots.values()].flat().find((l) => l.id === lotId)!, used }));
      // A vial opened for the session is discarded at its end: what was left in it is wastage (whole vials were
      // on hand, so the remainder is there unless two points drew on the lot the same day: then it is capped).
      const opened = lots
        .filter((x) => x.lot.vialSize > 1)
        .map((x) => {
          const vials = Math.ceil(x.used / x.lot.vialSize);
          const left = vials * x.lot.vialSize - x.used;
          return { ...x, vials, waste: Math.min(left, x.lot.onHand), exact: left <= x.lot.onHand };
        })
        .filter((x) => x.waste > 0);
      if (opened.length) {
        // The opened-vials entry needs the session's own doses; a tally-sheet session records the wastage directly.
        const exact = sessionDay ? opened.filter((x) => x.exact) : [];
        if (exact.length && rt.sessionWastage !== 'adjust') {
          try {
            env.call('imm.recordSessionWastage', { sessionId: s.id, lots: exact.map((x) => ({ lotId: x.lot.id, openedVials: x.vials })) }, { as: nurse });
            rt.sessionWastage = 'procedure';
          } catch (e) {
            // Not built yet on this build: the same wastage as ledger movements.
            if (!(e instanceof AppError) || rt.sessionWastage === 'procedure') throw e;
            rt.sessionWastage = 'adjust';
          }
        }
        for (const x of opened) {
          if (sessionDay && x.exact && rt.sessionWastage === 'procedure') continue;
          env.call('imm.adjustStock', { lotId: x.lot.id, kind: 'wasted', doses: x.waste, wastageReason: 'opened_vial_discarded', sessionId: s.id, occurredOn: slot.date }, { as: nurse });
        }
        for (const x of opened) {
          x.lot.onHand -= x.waste;
          rt.counts.wastedDoses += x.waste;
        }
      }
      // Now and then a vial is dropped or a single-dose vial found cracked.
      if (rng.chance(0.03)) {
        const any = lots.find((x) => x.lot.onHand > 0);
        if (any) {
          const n = Math.min(any.lot.onHand, any.lot.vialSize);
          env.call('imm.adjustStock', { lotId: any.lot.id, kind: 'wasted', doses: n, wastageReason: 'broken', reason: 'Lọ vắc xin bị vỡ khi vận chuyển', sessionId: s.id, occurredOn: slot.date }, { as: nurse });
          any.lot.onHand -= n;
          rt.counts.wastedDoses += n;
        }
      }
      env.call('imm.updateSession', { id: s.id, status: 'closed' }, { as: nurse });
    },
  });
  return tasks;
}

function stockTasks(world: World, plan: Plan, rng: Rng): Task[] {
  const tasks: Task[] = [];
  const needs = monthNeeds(plan);
  const months = [...needs.keys()].sort();
  for (const month of months) {
    const first = notSunday(`${month}-0${rng.int(1, 4)}`);
    const monthEnd = addDaysIso(addMonths(`${month}-01`, 1), -1);
    const at = Math.max(localTime(first, 8, rng.int(0, 59)), localTime(plan.entryFrom, 7, 30));
    tasks.push({
      at,
      run(env) {
        const rt = runtime(world);
        const nurse = env.staff.nurses[0]!;
        const on = isoDay(at + 7 * 3_600_000);
        // Expired remainders go back to the district store.
        for (const lots of rt.lots.values()) {
          for (const lot of lots) {
            if (lot.onHand > 0 && lot.expiry < on) {
              env.call('imm.adjustStock', { lotId: lot.id, kind: 'returned', doses: lot.onHand, reason: 'Trả lại kho huyện: vắc xin hết hạn', occurredOn: on }, { as: nurse });
              rt.counts.returnedDoses += lot.onHand;
              lot.onHand = 0;
            }
          }
        }
        for (const [vaccine, n] of [...needs.get(month)!].sort((a, b) => a[0].localeCompare(b[0]))) {
          const info = vaccineInfo(vaccine);
          const size = info?.vialSize ?? 1;
          const onHand = (rt.lots.get(vaccine) ?? []).filter((l) => l.expiry >= monthEnd).reduce((x, l) => x + l.onHand, 0);
          const target = Math.ceil(n * (info?.wastageFactor ?? 1) * 1.1) + size;
          if (target > onHand) receive(env, rt, vaccine, target - onHand, on, monthEnd, nurse);
        }
        // A quarterly count now and then finds a dose short (a vial unaccounted for).
        if (Number(month.slice(5, 7)) % 3 === 0) {
          for (const lots of rt.lots.values()) {
            for (const lot of lots) {
              if (lot.onHand <= lot.vialSize || !rt.rng.chance(0.05)) continue;
              const counted = lot.onHand - lot.vialSize;
              env.call('imm.adjustStock', { lotId: lot.id, kind: 'count', countedDoses: counted, reason: 'Kiểm kê cuối quý: thiếu một lọ', occurredOn: on }, { as: nurse });
              lot.onHand = counted;
            }
          }
        }
      },
    });
  }
  return tasks;
}

function recordTask(world: World, r: Plan['records'][number]): Task {
  return {
    at: r.at,
    run(env) {
      const rt = runtime(world);
      const p = r.person;
      if (!p.id) return;
      const nurse = env.staff.nurses[p.key % env.staff.nurses.length]!;
      for (const d of r.doses) {
        const lot = d.where === 'station' ? (rt.lots.get(d.vaccine) ?? []).filter((l) => l.onHand > 0 && l.expiry >= d.date).sort((a, b) => a.expiry.localeCompare(b.expiry))[0] : undefined;
        env.call(
          'imm.recordDose',
          {
            personId: p.id,
            vaccineCode: d.vaccine,
            seriesKey: d.series,
            givenOn: d.date,
            givenElsewhere: d.where === 'elsewhere',
            ...(d.place ? { place: d.place } : {}),
            ...(lot ? { lotId: lot.id } : {}),
            ...(d.within24h !== undefined ? { within24h: d.within24h } : {}),
            ...(d.where === 'paper' ? { note: 'Chép từ sổ tiêm chủng giấy' } : {}),
          },
          { as: nurse },
        );
        if (lot) lot.onHand--;
        rt.counts.recordedDoses++;
      }
    },
  };
}

function pregnancyTasks(world: World, g: PregnancyPlan): Task[] {
  const tasks: Task[] = [
    {
      at: g.recordAt,
      run(env) {
        if (!g.woman.id) return;
        const nurse = env.staff.nurses[g.woman.key % env.staff.nurses.length]!;
        g.id = env.call(
          'imm.recordPregnancy',
          { personId: g.woman.id, ...(g.lmp ? { lmp: g.lmp } : { expectedDelivery: g.expectedDelivery }), gravida: g.gravida },
          { as: nurse },
        ).pregnancy.id;
        const rt = runtime(world);
        rt.counts.pregnancies++;
        for (const d of g.priorUv) {
          env.call('imm.recordDose', { personId: g.woman.id, vaccineCode: d.vaccine, seriesKey: d.series, givenOn: d.date, note: 'Chép từ phiếu tiêm uốn ván' }, { as: nurse });
          rt.counts.recordedDoses++;
        }
      },
    },
  ];
  const end = g.end;
  if (end && end.at < world.windowEnd) {
    tasks.push({
      at: end.at,
      run(env) {
        if (!g.id) return;
        env.call('imm.endPregnancy', { id: g.id, endedOn: end.date, outcome: end.outcome }, { as: env.staff.nurses[g.woman.key % env.staff.nurses.length]! });
      },
    });
  }
  return tasks;
}

/** Next month's sessions, planned a few days ahead of "today" (the benchmarks' due lists start from these). */
function nextMonthTasks(world: World, plan: Plan, rng: Rng): Task[] {
  const today = world.options.today;
  const month = addMonths(`${today.slice(0, 7)}-01`, 1).slice(0, 7);
  return plan.groups.map((_, g) => ({
    at: workTime(rng, addDaysIso(today, -3)),
    run(env: TaskEnv) {
      const date = notSunday(`${month}-${String(Math.min(26, 8 + 2 * g)).padStart(2, '0')}`);
      env.call('imm.createSession', { date, place: sessionPlace(world, plan, g), hamletIds: plan.groups[g]!.map((h) => world.hamletIds[h]!) }, { as: env.staff.nurses[0]! });
      runtime(world).counts.sessions++;
    },
  }));
}

export const immunizationShape: Shape = {
  name: 'immunization',
  unavailable() {
    const missing = PROCEDURES.filter((n) => !isProcedureName(n) || !(n in handlers) || !(n in contract));
    return missing.length ? `procedures not built yet: ${missing.join(', ')}` : null;
  },
  plan(world, rng) {
    const cal = calendar(world);
    const groupOfHamlet: number[] = [];
    cal.groups.forEach((hamlets, g) => hamlets.forEach((h) => (groupOfHamlet[h] = g)));
    const plan: Plan = {
      ...cal,
      groupOfHamlet,
      sessionDayFrom: addMonths(world.options.today, -SESSION_DAY_MONTHS),
      sessions: new Map(),
      records: [],
      pregnancies: [],
      children: 0,
      behaviours: { on_time: 0, late: 0, dropout: 0, refuser: 0 },
      invalid: 0,
      hospitalPlace: districtPlaces(world),
    };
    const today = world.options.today;
    for (const p of world.persons) {
      if (p.duplicateOf !== null || p.fields.birthDate.length !== 10 || ageOn(p.fields.birthDate, today) >= 16 + 2) continue;
      planChild(world, plan, p, rng.fork(`c${p.key}`));
    }
    planWomen(world, plan, rng.fork('women'));
    // Every main session of the app era is held, even when few come.
    for (const slots of plan.slots) for (const slot of slots) if (slot.kind === 'main' && slot.date >= plan.appFrom) sessionOf(plan, slot);
    arrivalTimes(plan, rng.fork('arrivals'));
    plans.set(world, plan);
  },
  tasks(world, rng) {
    const plan = plans.get(world);
    if (!plan) return [];
    const tasks: Task[] = [];
    tasks.push(...stockTasks(world, plan, rng.fork('stock')));
    for (const r of plan.records) tasks.push(recordTask(world, r));
    for (const g of plan.pregnancies) tasks.push(...pregnancyTasks(world, g));
    const sessions = [...plan.sessions.values()].sort((a, b) => a.key.localeCompare(b.key));
    for (const s of sessions) tasks.push(...sessionTasks(world, plan, s, rng.fork(`s${s.key}`)));
    tasks.push(...nextMonthTasks(world, plan, rng.fork('next')));
    return tasks;
  },
  summary(world) {
    const plan = plans.get(world);
    const c = runtime(world).counts;
    if (!plan) return '';
    const b = plan.behaviours;
    return (
      `${plan.children} children under 16 (${b.on_time} on time, ${b.late} late, ${b.dropout} dropping out, ${b.refuser} refusing; ${plan.invalid} with an invalid early dose), ` +
      `${c.pregnancies} pregnancies; ${c.sessions} sessions at ${plan.groups.length} point${plan.groups.length === 1 ? '' : 's'}, ${c.attendances} check-ins (${c.postponed} postponed, ${c.referred} referred), ` +
      `${c.sessionDoses} doses through the session-day screens (last ${SESSION_DAY_MONTHS} months), ${c.tallyDoses} from earlier sessions' tally sheets, ${c.recordedDoses} recorded outside sessions (paper register, hospitals, clinics), ${c.aefi} adverse events (${c.seriousAefi} serious); ` +
      `stock: ${c.lots} lots, ${c.receipts} receipts (${c.emergencyReceipts} emergency), ${c.receivedDoses} doses received, ${c.wastedDoses} wasted, ${c.returnedDoses} returned expired` +
      (c.notDue ? `; ${c.notDue} planned doses not due in the app (skipped)` : '')
    );
  },
};

/** Counts of the plan (no database): for the realism test and for sizing the generation. */
export function immunizationPlanStats(world: World) {
  const plan = plans.get(world);
  if (!plan) return null;
  const sessions = [...plan.sessions.values()];
  const attendances = sessions.flatMap((s) => s.attendances);
  const recorded = plan.records.flatMap((r) => r.doses);
  return {
    points: plan.groups.length,
    children: plan.children,
    behaviours: { ...plan.behaviours },
    invalid: plan.invalid,
    sessions: sessions.length,
    attendances: attendances.length,
    sessionDayAttendances: sessions.filter((s) => s.slot.date >= plan.sessionDayFrom).reduce((n, s) => n + s.attendances.length, 0),
    sessionDoses: attendances.reduce((n, a) => n + a.doses.length, 0),
    recordedDoses: recorded.length + plan.pregnancies.reduce((n, g) => n + g.priorUv.length, 0),
    recordedByWhere: recorded.reduce<Record<string, number>>((o, d) => ((o[d.where] = (o[d.where] ?? 0) + 1), o), {}),
    pregnancies: plan.pregnancies.length,
    ongoingPregnancies: plan.pregnancies.filter((g) => g.end === null).length,
  };
}
