import type { Dose, Pregnancy } from '../../../shared/contract/immunization.js';
import { addDays } from '../../../shared/immunization/dates.js';
import { evaluateSchedule, type DoseEvaluation, type PregnancyInput, type RecordedDose, type ScheduleEvaluation } from '../../../shared/immunization/engine.js';
import type { Schedule } from '../../../shared/immunization/schedule-schema.js';
import { vaccineName } from '../../../shared/immunization/vaccines.js';
import { ageInYears } from '../../../shared/persons/age.js';
import type { DoseFact, DoseRow, PregnancyRow } from './repo.js';
import type { Family } from './schedules.js';

/** Between stored rows and the pure engine: which doses a schedule sees, pregnancies as engine input, views. */

/** A pregnancy is ongoing until it ends, or 6 weeks after the expected delivery when no end was recorded. */
export const PREGNANCY_GRACE_DAYS = 42;

export function isOngoing(p: Pick<PregnancyRow, 'endedOn' | 'expectedDelivery'>, today: string): boolean {
  return p.endedOn === null && addDays(p.expectedDelivery, PREGNANCY_GRACE_DAYS) > today;
}

export function pregnancyView(p: PregnancyRow, today: string): Pregnancy {
  return {
    id: p.id,
    personId: p.personId,
    lmp: p.lmp,
    expectedDelivery: p.expectedDelivery,
    gravida: p.gravida,
    endedOn: p.endedOn,
    outcome: p.outcome as Pregnancy['outcome'],
    note: p.note,
    ongoing: isOngoing(p, today),
  };
}

export function pregnancyInputs(rows: readonly PregnancyRow[]): PregnancyInput[] {
  return rows.map((p) => ({ expectedDelivery: p.expectedDelivery, ...(p.lmp ? { start: p.lmp } : {}), ...(p.endedOn ? { ended: p.endedOn } : {}) }));
}

/** Does this schedule count the dose: its series is in the schedule, or (no series stored) its code is. */
export function belongsTo(schedule: Schedule, d: Pick<DoseFact, 'seriesKey' | 'vaccineCode'>): boolean {
  if (d.seriesKey) return schedule.series.some((s) => s.key === d.seriesKey);
  return schedule.series.some((s) => s.vaccineCodes.includes(d.vaccineCode));
}

export function recordedDoses(schedule: Schedule, facts: readonly DoseFact[]): RecordedDose[] {
  const out: RecordedDose[] = [];
  for (const d of facts) {
    if (!belongsTo(schedule, d)) continue;
    out.push({ id: d.id, vaccineCode: d.vaccineCode, date: d.givenOn, givenElsewhere: d.givenElsewhere === 1, ...(d.seriesKey ? { seriesKey: d.seriesKey } : {}) });
  }
  return out;
}

export function evaluatePerson(
  schedule: Schedule,
  person: { birthDate: string; sex: 'M' | 'F' },
  facts: readonly DoseFact[],
  pregnancies: readonly PregnancyRow[],
  date: string,
): ScheduleEvaluation {
  return evaluateSchedule({ birthDate: person.birthDate, sex: person.sex, pregnancies: pregnancyInputs(pregnancies), doses: recordedDoses(schedule, facts) }, schedule, date);
}

/** Children's schedule up to 16 years (Td's maximum age); the women's tetanus schedule for women from 13 or with a pregnancy or UV dose. */
export function familiesFor(person: { sex: 'M' | 'F'; birthDate: string }, date: string, hints: { pregnancies: number; uvDoses: number; childDoses: number }): Family[] {
  const age = ageInYears(person.birthDate, date);
  const out: Family[] = [];
  if (age === null || age < 16 || hints.childDoses > 0) out.push('epi-children');
  if (person.sex === 'F' && ((age !== null && age >= 13) || hints.pregnancies > 0 || hints.uvDoses > 0)) out.push('tetanus-women');
  return out;
}

/** Dose → contract view, with the engine's verdict (or the stored one when the engine did not see it). */
export function doseView(d: DoseRow, ev: DoseEvaluation | undefined, labels?: readonly string[]): Dose {
  const doseNumber = ev?.doseNumber ?? null;
  return {
    id: d.id,
    personId: d.personId,
    vaccineCode: d.vaccineCode,
    vaccineName: vaccineName(d.vaccineCode),
    seriesKey: d.seriesKey,
    doseNumber,
    doseNumberRecorded: d.doseNumberRecorded,
    label: doseNumber !== null && labels ? (labels[doseNumber - 1] ?? null) : null,
    givenOn: d.givenOn,
    givenAt: d.givenAt,
    givenElsewhere: d.givenElsewhere === 1,
    place: d.place,
    lotNumber: d.lotNumber,
    lotId: d.lotId,
    expiry: d.expiry,
    site: d.site as Dose['site'],
    route: d.route as Dose['route'],
    vaccinatorName: d.vaccinatorName,
    sessionId: d.sessionId,
    within24h: d.within24h === null ? null : d.within24h === 1,
    valid: ev ? ev.valid : d.validWhenRecorded === 1,
    invalidReason: (ev ? ev.reason : d.invalidReason) as Dose['invalidReason'],
    note: d.note,
    voided: d.voidedAt !== null,
    voidReason: d.voidReason,
    createdAt: d.createdAt,
  };
}
