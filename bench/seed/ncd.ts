import { contract, isProcedureName, type ProcedureInput } from '../../shared/contract/index.js';
import type { Medicine } from '../../shared/contract/catalog.js';
import { handlers } from '../../main/core/handlers.js';
import { addDaysIso, ageOn, dayMs, isoDay, localTime } from './population.js';
import type { Rng } from './rng.js';
import type { Condition, PersonPlan, Shape, Task, World } from './types.js';

/**
 * Chronic-disease programs (docs/ncd.md): about 10 % of adults enrolled — most of the hypertension, diabetes, COPD
 * and asthma patients planned by the households shape (health record B3), topped up with people newly diagnosed
 * during the window — and two years of roughly monthly follow-ups through `ncd.enroll`, `ncd.recordFollowup`,
 * `ncd.recordCall` and `ncd.endEnrollment`, so every follow-up is also a visit of the register.
 *
 * Patients already known before the window are entered when the station starts using the app (in its first weeks),
 * with their original diagnosis date; the others are enrolled on the day they are diagnosed. One trip to the
 * station records a follow-up in each program of the patient. Most come back about on their appointment, some come
 * late or skip a month, some stop coming (overdue, then lost after 12 months); the nurse calls some overdue
 * patients (agreed, remind later, could not reach, removed). Deaths and moves of the life-events shape end the
 * enrollments. Blood pressure starts high and comes down with treatment towards a level that depends on adherence;
 * glucose likewise, HbA1c from the mean glucose (ADAG: HbA1c % = (mg/dL + 46.7) / 28.7, Nathan et al., Diabetes
 * Care 2008).
 *
 * Plans before the visits shape (SHAPES order), which leaves out its own chronic visits for the condition from the
 * day the program takes the patient over (`ncdCareFrom`), so nobody gets two chronic visits for one condition.
 */

type ProgramCode = 'hypertension' | 'diabetes_t2' | 'copd' | 'asthma';

interface ProgramSpec {
  code: ProgramCode;
  condition: Condition;
  icd: string;
  /** Share of the known patients who are followed at the station. */
  enrolled: number;
  /** Share of follow-ups with a BP reading. */
  bp: number;
  meds: readonly { code: string; perDay: number }[];
  /** Added for poorly controlled patients. */
  extra?: { code: string; perDay: number };
}

const PROGRAMS: Record<ProgramCode, ProgramSpec> = {
  hypertension: { code: 'hypertension', condition: 'hypertension', icd: 'I10', enrolled: 0.55, bp: 0.96, meds: [{ code: 'AMLO5', perDay: 1 }], extra: { code: 'ENAL5', perDay: 1 } },
  diabetes_t2: { code: 'diabetes_t2', condition: 'diabetes', icd: 'E11.9', enrolled: 0.6, bp: 0.75, meds: [{ code: 'METF500', perDay: 2 }], extra: { code: 'GLIC30', perDay: 1 } },
  copd: { code: 'copd', condition: 'chronic_lung', icd: 'J44.9', enrolled: 0.5, bp: 0.4, meds: [{ code: 'SALB100INH', perDay: 0 }] },
  asthma: { code: 'asthma', condition: 'asthma', icd: 'J45.9', enrolled: 0.3, bp: 0.3, meds: [{ code: 'SALB100INH', perDay: 0 }] },
};
const PROGRAM_OF_CONDITION = new Map<Condition, ProgramSpec>(Object.values(PROGRAMS).map((p) => [p.condition, p]));

/** Share of adults in a program (issue 8 §5: "about 10 % of adults"). */
const ENROLLED_SHARE = 0.1;
const DAY = 86_400_000;

type Behaviour = 'regular' | 'irregular' | 'dropout';

type BpPair = { systolic: number; diastolic: number };

/** One trip to the station: a follow-up in each of the patient's programs still active that day. */
interface FollowupPlan {
  at: number;
  date: string;
}

interface CallPlan {
  at: number;
  outcome: 'agreed' | 'remind_later' | 'unreachable' | 'removed';
  remindOn?: string;
  removeReason?: 'refused' | 'transferred';
  note?: string;
}

interface EnrollmentPlan {
  spec: ProgramSpec;
  enrolledOn: string;
  baseline: NonNullable<ProcedureInput<'ncd.enroll'>['baseline']>;
  historyHeartAttack: boolean;
  historyStroke: boolean;
  id: string | null;
  /** Date the enrollment ends (removed after a call, died, moved), or null. */
  endedOn: string | null;
}

interface PatientPlan {
  person: PersonPlan;
  /** First day of care in the app (enrollment task; also the first follow-up). */
  careStart: number;
  known: boolean;
  behaviour: Behaviour;
  enrollments: EnrollmentPlan[];
  followups: FollowupPlan[];
  calls: CallPlan[];
  /** Died or moved: enrollments ended at `at` with the life event's date. */
  end: { at: number; date: string; reason: 'died' | 'moved' } | null;
}

const plans = new WeakMap<World, PatientPlan[]>();
/** person key → condition → first moment the program follows them (for the visits shape). */
const careFrom = new WeakMap<World, Map<number, Map<Condition, number>>>();

/** When the program starts following `person` for `condition` (ms), or undefined: chronic visits before that stay general visits. */
export function ncdCareFrom(world: World, person: PersonPlan, condition: Condition): number | undefined {
  return careFrom.get(world)?.get(person.key)?.get(condition);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const isSunday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 0;
const workday = (date: string) => (isSunday(date) ? addDaysIso(date, 1) : date);

function morning(rng: Rng, date: string): number {
  return localTime(date, 7, rng.int(0, 239), rng.int(0, 59));
}

/** Patient-level physiology: where BP / glucose start and where treatment brings them. */
interface Course {
  sys0: number;
  sysTarget: number;
  glu0: number;
  gluTarget: number;
  weight: number;
  twoReadings: boolean;
  mmol: boolean;
  hba1cTested: boolean;
  twoMonthSupply: boolean;
}

function course(rng: Rng, behaviour: Behaviour, known: boolean, sex: 'M' | 'F'): Course {
  const adherenceShift = behaviour === 'regular' ? 0 : behaviour === 'irregular' ? 9 : 14;
  return {
    // Known patients already on treatment start lower than the newly diagnosed.
    sys0: clamp(rng.normal(known ? 148 : 162, 12), known ? 125 : 142, 205),
    sysTarget: clamp(rng.normal(131 + adherenceShift, 9), 112, 175),
    glu0: clamp(rng.normal(known ? 170 : 215, 35), 130, 380),
    gluTarget: clamp(rng.normal(135 + adherenceShift * 2, 22), 95, 260),
    weight: clamp(rng.normal(sex === 'M' ? 60 : 52, 8), 38, 95),
    twoReadings: rng.chance(0.25),
    mmol: rng.chance(0.65),
    hba1cTested: rng.chance(0.35),
    twoMonthSupply: behaviour === 'regular' && rng.chance(0.08),
  };
}

function bpReading(rng: Rng, level: number) {
  const systolic = Math.round(clamp(level + rng.normal(0, 7), 95, 230));
  const diastolic = Math.round(clamp(systolic * 0.58 + rng.normal(6, 5), 50, systolic - 25));
  return { systolic, diastolic };
}

const SYMPTOMS = ['Đau đầu nhẹ', 'Chóng mặt khi đứng dậy', 'Mệt mỏi', 'Tê bì chân tay', 'Khát nhiều, tiểu nhiều', 'Ho khạc đờm buổi sáng', 'Khó thở khi gắng sức'];
const COMPLICATIONS = ['Phù nhẹ hai chân', 'Nhìn mờ', 'Vết loét nhỏ ở bàn chân'];

function followupInput(
  rng: Rng,
  spec: ProgramSpec,
  c: Course,
  behaviour: Behaviour,
  months: number,
  shared: { bp: { bp1: BpPair; bp2: BpPair | null } | null; pulse: number; weight: number | null },
  lastHba1c: { at: number },
  now: number,
  medicines: (code: string) => Medicine | undefined,
): Omit<ProcedureInput<'ncd.recordFollowup'>, 'enrollmentId'> {
  const input: Omit<ProcedureInput<'ncd.recordFollowup'>, 'enrollmentId'> = {};
  if (shared.bp && rng.chance(spec.bp)) {
    input.bp1 = shared.bp.bp1;
    if (shared.bp.bp2) input.bp2 = shared.bp.bp2;
  }
  if (rng.chance(0.9)) input.pulse = shared.pulse;
  if (shared.weight !== null) input.weightKg = shared.weight;
  if (spec.code === 'diabetes_t2') {
    const level = c.gluTarget + (c.glu0 - c.gluTarget) * Math.exp(-months / 3);
    if (rng.chance(0.85)) {
      const random = rng.chance(0.2);
      const mgdl = clamp(level + (random ? 40 : 0) + rng.normal(0, 18), 70, 500);
      input.glucose = c.mmol ? { value: round1(mgdl / 18), unit: 'mmol_l', type: random ? 'random' : 'fasting' } : { value: Math.round(mgdl), unit: 'mg_dl', type: random ? 'random' : 'fasting' };
    }
    if (c.hba1cTested && now - lastHba1c.at >= 85 * DAY) {
      input.hba1c = round1(clamp((level + 46.7) / 28.7 + rng.normal(0, 0.4), 4.5, 14));
      lastHba1c.at = now;
    }
  }
  const uncontrolled = spec.code === 'hypertension' ? c.sysTarget >= 140 : spec.code === 'diabetes_t2' ? c.gluTarget >= 160 : false;
  const days = c.twoMonthSupply ? 60 : 30;
  // A few visits without medicines (out of stock, or only a check-up).
  if (rng.chance(0.97)) {
    const list = [...spec.meds, ...(uncontrolled && spec.extra && months >= 2 ? [spec.extra] : [])];
    input.medicines = list.map((m) => {
      const med = medicines(m.code);
      if (!med) throw new Error(`medicine ${m.code} is not in the station's list`);
      return { medicineId: med.id, name: med.name, unit: med.unit, quantity: m.perDay > 0 ? m.perDay * days : 1, days };
    });
  }
  input.adherence = behaviour === 'regular' ? (rng.chance(0.85) ? 'good' : 'partial') : behaviour === 'irregular' ? rng.pick(['partial', 'partial', 'poor', 'good'] as const) : rng.pick(['partial', 'poor'] as const);
  if (rng.chance(0.12)) input.symptoms = rng.pick(SYMPTOMS);
  if (rng.chance(0.02)) input.complications = rng.pick(COMPLICATIONS);
  if (c.twoMonthSupply) input.nextAppointment = addDaysIso(isoDay(now + 7 * 3_600_000), 60);
  return input;
}

function choosePrograms(rng: Rng, p: PersonPlan): ProgramSpec[] {
  const out: ProgramSpec[] = [];
  for (const condition of p.conditions) {
    const spec = PROGRAM_OF_CONDITION.get(condition);
    if (spec && rng.chance(spec.enrolled)) out.push(spec);
  }
  return out;
}

function planPatients(world: World, rng: Rng): PatientPlan[] {
  const startIso = isoDay(world.windowStart + 12 * 3_600_000);
  const windowDays = Math.floor((world.windowEnd - world.windowStart) / DAY);
  const adults = world.persons.filter((p) => p.duplicateOf === null && p.registerAt < world.windowStart && ageOn(p.fields.birthDate, startIso) >= 18);
  const chosen: { person: PersonPlan; programs: ProgramSpec[]; known: boolean }[] = [];
  const taken = new Set<number>();
  for (const person of adults) {
    const programs = choosePrograms(rng, person);
    if (programs.length) {
      chosen.push({ person, programs, known: true });
      taken.add(person.key);
    }
  }
  // Top up with people diagnosed during the window (screening at a visit or a campaign), mostly hypertension.
  const target = Math.round(adults.length * ENROLLED_SHARE);
  const pool = adults.filter((p) => !taken.has(p.key) && ageOn(p.fields.birthDate, startIso) >= 30);
  const weights: number[] = pool.map((p) => {
    const age = ageOn(p.fields.birthDate, startIso);
    return age >= 60 ? 4 : age >= 45 ? 2.5 : 0.5;
  });
  let total = weights.reduce((a, b) => a + b, 0);
  while (chosen.length < target && total > 0) {
    let r = rng.next() * total;
    let i = 0;
    while (i < pool.length - 1 && (r -= weights[i]!) >= 0) i++;
    total -= weights[i]!;
    weights[i] = 0;
    chosen.push({ person: pool[i]!, programs: [rng.chance(0.85) ? PROGRAMS.hypertension : PROGRAMS.diabetes_t2], known: false });
  }

  const out: PatientPlan[] = [];
  const from = new Map<number, Map<Condition, number>>();
  for (const { person, programs, known } of chosen) {
    const prng = rng.fork(`p${person.key}`);
    // Known patients: 55 % already followed on paper (entered in the app's first weeks with their diagnosis date),
    // the others enrolled some time in the window; new diagnoses: any day of the window.
    const existing = known && prng.chance(0.55);
    const startDay = existing ? prng.int(1, 75) : prng.int(1, windowDays - 2);
    const startDate = workday(isoDay(world.windowStart + startDay * DAY + 12 * 3_600_000));
    const careStart = morning(prng, startDate);
    const leaves = person.leaves ? dayMs(person.leaves.date) : Infinity;
    if (careStart >= world.windowEnd || careStart >= leaves - DAY) continue;
    const behaviour = prng.weighted<Behaviour>([['regular', 0.62], ['irregular', 0.25], ['dropout', 0.13]]);
    const c = course(prng, behaviour, known, person.fields.sex);
    const enrollments: EnrollmentPlan[] = programs.map((spec) => {
      const enrolledOn = existing ? addDaysIso(startDate, -prng.int(60, 2900)) : startDate;
      const months0 = existing ? 6 : 0;
      const sys0 = c.sysTarget + (c.sys0 - c.sysTarget) * Math.exp(-months0 / 2.5);
      const baseline: NonNullable<ProcedureInput<'ncd.enroll'>['baseline']> = { weightKg: round1(c.weight) };
      if (spec.code === 'hypertension' || spec.code === 'diabetes_t2') baseline.bp = bpReading(prng, sys0);
      if (spec.code === 'diabetes_t2') baseline.glucose = { value: Math.round(c.glu0), unit: 'mg_dl', type: 'fasting' };
      return {
        spec,
        enrolledOn,
        baseline,
        historyHeartAttack: spec.code === 'hypertension' && prng.chance(0.02),
        historyStroke: spec.code === 'hypertension' && prng.chance(0.03),
        id: null,
        endedOn: null,
      };
    });
    const patient: PatientPlan = { person, careStart, known, behaviour, enrollments, followups: [], calls: [], end: null };
    for (const e of enrollments) {
      let m = from.get(person.key);
      if (!m) from.set(person.key, (m = new Map()));
      m.set(e.spec.condition, careStart);
    }
    simulate(patient, c, prng, world, leaves);
    out.push(patient);
  }
  careFrom.set(world, from);
  return out;
}

/** Visit dates and calls of one patient from the start of care to today (or leaving). */
function simulate(patient: PatientPlan, c: Course, rng: Rng, world: World, leaves: number): void {
  const end = Math.min(world.windowEnd - DAY, leaves - DAY);
  const interval = c.twoMonthSupply ? 60 : 30;
  const dropAt = patient.behaviour === 'dropout' ? patient.careStart + rng.int(60, Math.max(61, Math.floor((world.windowEnd - patient.careStart) / DAY))) * DAY : Infinity;
  const returnsAfterDrop = rng.chance(0.3);
  const visitDays: number[] = [patient.careStart];
  let last = patient.careStart;
  let behaviour: Behaviour = patient.behaviour;
  for (;;) {
    const appointment = dayMs(isoDay(last + 7 * 3_600_000)) + interval * DAY;
    let delay: number;
    if (behaviour === 'regular') delay = rng.chance(0.06) ? rng.int(28, 36) : rng.int(-3, 4);
    else delay = rng.chance(0.15) ? rng.int(25, 60) : rng.int(-2, 18);
    let next = appointment + delay * DAY;
    if (next >= dropAt && behaviour === 'dropout') {
      // Stops coming: the nurse calls once or twice while the enrollment is on the overdue list.
      const firstCall = appointment + rng.int(7, 25) * DAY;
      if (firstCall >= end || !rng.chance(0.7)) break;
      if (returnsAfterDrop) {
        const callAt = afternoon(rng, firstCall);
        patient.calls.push({ at: callAt, outcome: 'agreed' });
        next = dayMs(isoDay(callAt + 7 * 3_600_000)) + rng.int(1, 6) * DAY;
        behaviour = 'irregular';
      } else {
        const outcome = rng.weighted<CallPlan['outcome']>([['unreachable', 0.5], ['agreed', 0.2], ['remind_later', 0.18], ['removed', 0.12]]);
        const call: CallPlan = { at: afternoon(rng, firstCall), outcome };
        if (outcome === 'remind_later') call.remindOn = isoDay(firstCall + rng.int(7, 30) * DAY);
        if (outcome === 'removed') {
          call.removeReason = rng.chance(0.6) ? 'refused' : 'transferred';
          call.note = call.removeReason === 'refused' ? 'Không muốn tiếp tục điều trị tại trạm' : 'Chuyển về khám tại bệnh viện huyện';
          for (const e of patient.enrollments) e.endedOn = isoDay(call.at + 7 * 3_600_000);
        }
        patient.calls.push(call);
        const second = firstCall + rng.int(30, 60) * DAY;
        if (outcome !== 'removed' && second < end && rng.chance(0.4)) patient.calls.push({ at: afternoon(rng, second), outcome: 'unreachable', note: 'Thuê bao không liên lạc được' });
        break;
      }
    } else if (delay > 10 && rng.chance(0.4)) {
      // Late: a reminder call some days after the missed appointment (before the day they come).
      const callAt = afternoon(rng, appointment + rng.int(5, Math.max(5, delay - 1)) * DAY);
      if (isoDay(callAt + 7 * 3_600_000) < isoDay(next + 12 * 3_600_000) && callAt < end) {
        const gap = Math.round((next - callAt) / DAY);
        if (gap <= 6) patient.calls.push({ at: callAt, outcome: 'agreed' });
        else if (rng.chance(0.5)) patient.calls.push({ at: callAt, outcome: 'remind_later', remindOn: isoDay(next - rng.int(0, 2) * DAY) });
        else patient.calls.push({ at: callAt, outcome: 'unreachable', note: rng.chance(0.5) ? 'Không nghe máy' : undefined });
      }
    }
    next = dayMs(workday(isoDay(next + 12 * 3_600_000)));
    if (next >= end) break;
    const at = morning(rng, isoDay(next + 12 * 3_600_000));
    if (at <= last) break;
    visitDays.push(at);
    last = at;
  }
  // remind_later must be after its call day
  for (const call of patient.calls) if (call.remindOn && call.remindOn <= isoDay(call.at + 7 * 3_600_000)) call.remindOn = isoDay(call.at + 7 * 3_600_000 + 2 * DAY);
  if (patient.person.leaves && leaves < world.windowEnd) {
    const at = localTime(addDaysIso(patient.person.leaves.date, rng.int(12, 40)), 10, rng.int(0, 300));
    if (at < world.windowEnd - 12 * 3_600_000 && patient.enrollments.some((e) => !e.endedOn)) {
      patient.end = { at, date: patient.person.leaves.date, reason: patient.person.leaves.kind === 'died' ? 'died' : 'moved' };
    }
  }
  patient.followups = visitDays.map((at) => ({ at, date: isoDay(at + 7 * 3_600_000) }));
  courses.set(patient, c);
}

function afternoon(rng: Rng, dayStart: number): number {
  const date = workday(isoDay(dayStart + 12 * 3_600_000));
  return localTime(date, 14, rng.int(0, 150), rng.int(0, 59));
}

const courses = new WeakMap<PatientPlan, Course>();

/** The medicine list is imported by the visits shape's prepare; looked up on the first task that needs it. */
const medicineLists = new WeakMap<World, Map<string, Medicine>>();
const icdNames = new WeakMap<World, Map<string, string>>();

const NCD_PROCEDURES = ['ncd.enroll', 'ncd.recordFollowup', 'ncd.recordCall', 'ncd.endEnrollment', 'catalog.medicineList', 'catalog.icdSearch'];

const counts = new WeakMap<World, { enrollments: number; followups: number; calls: number; ended: number }>();

export const ncdShape: Shape = {
  name: 'ncd',
  unavailable() {
    const missing = NCD_PROCEDURES.filter((n) => !isProcedureName(n) || !(n in handlers) || !(n in contract));
    return missing.length ? `procedures not built yet: ${missing.join(', ')}` : null;
  },
  plan(world, rng) {
    plans.set(world, planPatients(world, rng));
  },
  tasks(world, rng) {
    const tasks: Task[] = [];
    const counters = { enrollments: 0, followups: 0, calls: 0, ended: 0 };
    counts.set(world, counters);
    const catalogue = (env: Parameters<Task['run']>[0]) => {
      let meds = medicineLists.get(world);
      if (!meds) {
        meds = new Map(env.call('catalog.medicineList', { limit: 200 }).items.map((m) => [m.code, m]));
        medicineLists.set(world, meds);
        const names = new Map<string, string>();
        for (const spec of Object.values(PROGRAMS)) {
          const item = env.call('catalog.icdSearch', { q: spec.icd, limit: 5 }).items.find((i) => i.code === spec.icd);
          if (!item) throw new Error(`ICD-10 code ${spec.icd} is not in the shipped catalogue`);
          names.set(spec.icd, item.name);
        }
        icdNames.set(world, names);
      }
      return meds;
    };
    for (const patient of plans.get(world) ?? []) {
      const prng = rng.fork(`p${patient.person.key}`);
      const c = courses.get(patient)!;
      const lastHba1c = { at: -Infinity };
      const physician = patient.person.key % 3 !== 0;
      patient.followups.forEach((f, index) => {
        const months = (f.at - patient.careStart) / (30.44 * DAY) + (patient.known ? 6 : 0);
        const level = c.sysTarget + (c.sys0 - c.sysTarget) * Math.exp(-months / 2.5);
        const withBp = prng.chance(0.97);
        const bp1 = bpReading(prng, level);
        const bp = withBp ? { bp1, bp2: c.twoReadings ? bpReading(prng, level - 3) : null } : null;
        const pulse = prng.int(62, 96);
        const weight = prng.chance(0.5) ? round1(c.weight + prng.normal(0, 1)) : null;
        const contentRng = prng.fork(`f${index}`);
        const first = index === 0;
        tasks.push({
          at: f.at,
          run(env) {
            const meds = catalogue(env);
            const staff = physician ? env.staff.physicians : env.staff.nurses;
            const as = staff[patient.person.key % staff.length]!;
            for (const e of patient.enrollments) {
              if (first) {
                e.id = env.call(
                  'ncd.enroll',
                  {
                    personId: patient.person.id!,
                    program: e.spec.code,
                    enrolledOn: e.enrolledOn,
                    icdCode: e.spec.icd,
                    icdName: icdNames.get(world)!.get(e.spec.icd),
                    diagnosedAt: patient.known && contentRng.chance(0.5) ? 'Bệnh viện đa khoa huyện' : 'Trạm Y tế xã',
                    baseline: e.baseline,
                    historyHeartAttack: e.historyHeartAttack,
                    historyStroke: e.historyStroke,
                  },
                  { as },
                ).enrollment.id;
                counters.enrollments++;
              }
              if (e.endedOn && e.endedOn <= f.date) continue;
              const input = followupInput(contentRng, e.spec, c, patient.behaviour, months, { bp, pulse, weight }, lastHba1c, f.at, (code) => meds.get(code));
              env.call('ncd.recordFollowup', { enrollmentId: e.id!, date: f.date, ...input }, { as });
              counters.followups++;
            }
          },
        });
      });
      for (const call of patient.calls) {
        tasks.push({
          at: call.at,
          run(env) {
            const nurse = env.staff.nurses[patient.person.key % env.staff.nurses.length]!;
            for (const e of patient.enrollments) {
              if (!e.id || (e.endedOn && e.endedOn < isoDay(call.at + 7 * 3_600_000))) continue;
              env.call(
                'ncd.recordCall',
                { enrollmentId: e.id, outcome: call.outcome, remindOn: call.remindOn, removeReason: call.removeReason, note: call.note },
                { as: nurse },
              );
              counters.calls++;
            }
          },
        });
      }
      const end = patient.end;
      if (end) {
        tasks.push({
          at: end.at,
          run(env) {
            for (const e of patient.enrollments) {
              if (!e.id || e.endedOn) continue;
              env.call('ncd.endEnrollment', { id: e.id, endedOn: end.date, reason: end.reason }, { as: env.staff.nurses[0]! });
              e.endedOn = end.date;
              counters.ended++;
            }
          },
        });
      }
    }
    return tasks;
  },
  summary(world) {
    const list = plans.get(world) ?? [];
    const adults = world.persons.filter((p) => p.duplicateOf === null && p.registerAt < world.windowStart && ageOn(p.fields.birthDate, isoDay(world.windowStart)) >= 18).length;
    const byProgram = new Map<string, number>();
    for (const p of list) for (const e of p.enrollments) byProgram.set(e.spec.code, (byProgram.get(e.spec.code) ?? 0) + 1);
    const programs = [...byProgram].map(([k, v]) => `${v} ${k}`).join(', ');
    const both = list.filter((p) => p.enrollments.length > 1).length;
    const counters = counts.get(world) ?? { followups: 0, calls: 0, ended: 0 };
    return `${list.length} persons enrolled (${((100 * list.length) / Math.max(1, adults)).toFixed(1)} % of adults; ${programs}; ${both} in two or more), ${counters.followups} follow-ups, ${counters.calls} calls, ${counters.ended} enrollments ended by death or moving`;
  },
};
