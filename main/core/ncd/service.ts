import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Enrollment, Followup, OverdueRow, PatientRow } from '../../../shared/contract/ncd.js';
import { AppError } from '../../../shared/errors.js';
import { bpControlled, bpMean, isHighRisk, mgdlToMmol, patientBpTarget, toMgdl } from '../../../shared/ncd/measures.js';
import { checkExtraValues, parseExtra } from '../../../shared/ncd/extra-fields.js';
import { checkFollowupReadings, type NcdIssue } from '../../../shared/ncd/plausibility.js';
import { checkNotFuture, type PlausibilityIssue } from '../../../shared/visits/plausibility.js';
import { addDays, daysBetween } from '../../../shared/visits/station-date.js';
import type { HandlerContext } from '../dispatch/types.js';
import { persons } from '../persons/schema.js';
import { prescriptionItems, visitDiagnoses, visits } from '../visits/schema.js';
import { receiveVisit, refuse } from '../visits/service.js';
import { findProgram, isDiabetesProgram } from './programs.js';
import { activeEnrollmentPrograms, enrollmentById, enrollmentsOfPerson, followupsOfPerson, overdueCandidates, patientCandidates, sugarOf, type EnrollmentRow, type FollowupRow } from './repo.js';
import { ncdCalls, ncdEnrollments, ncdFollowups } from './schema.js';

type CallOutcome = NonNullable<OverdueRow['lastCall']>['outcome'];

/** Rules of chronic-disease follow-up; every write goes through ctx.write inside dispatch's transaction. */

/** After "agreed to visit" the patient leaves the overdue list for this many days (then returns if still no visit). */
export const AGREED_GRACE_DAYS = 7;
/** More than this many days overdue → the separate lost-to-follow-up list (ncd.md: more than 12 months). */
export const LOST_AFTER_DAYS = 365;

function prefixed(issues: NcdIssue[], map: (path: string) => string): PlausibilityIssue[] {
  return issues.map((i) => ({ ...i, path: map(i.path) }));
}

function livePerson(ctx: HandlerContext, id: string) {
  let person = ctx.write.get(persons, id);
  if (person?.mergedInto) person = ctx.write.get(persons, person.mergedInto);
  if (!person || person.deleted) throw new AppError('NOT_FOUND');
  return person;
}

function liveEnrollment(ctx: HandlerContext, id: string): EnrollmentRow {
  const row = enrollmentById(ctx.station.sqlite, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function hasDiabetes(ctx: HandlerContext, personId: string): boolean {
  return enrollmentsOfPerson(ctx.station.sqlite, personId).some((e) => !e.endedOn && isDiabetesProgram(ctx.station.sqlite, e.program));
}

export function enrollmentView(sqlite: HandlerContext['station']['sqlite'], row: EnrollmentRow, withDiabetes: boolean): Enrollment {
  const program = findProgram(sqlite, row.program);
  return {
    id: row.id,
    personId: row.personId,
    program: row.program,
    programName: program?.nameVi ?? row.program,
    enrolledOn: row.enrolledOn,
    icdCode: row.icdCode,
    icdName: row.icdName,
    diagnosedAt: row.diagnosedAt,
    baseline: {
      systolic: row.baselineSystolic,
      diastolic: row.baselineDiastolic,
      glucoseMgdl: row.baselineGlucoseMgdl,
      glucoseType: row.baselineGlucoseType,
      hba1c: row.baselineHba1c,
      weightKg: row.baselineWeightKg,
    },
    historyHeartAttack: !!row.historyHeartAttack,
    historyStroke: !!row.historyStroke,
    riskNotes: row.riskNotes,
    followUpDays: row.followUpDays ?? program?.followUpDays ?? 30,
    nextAppointment: row.endedOn ? null : row.appointment,
    lastFollowupDate: row.lastFollowupDate,
    endedOn: row.endedOn,
    endReason: row.endReason as Enrollment['endReason'],
    endNote: row.endNote,
    bpTarget: patientBpTarget(withDiabetes),
  };
}

export function enrollmentsView(ctx: HandlerContext, personId: string): Enrollment[] {
  const rows = enrollmentsOfPerson(ctx.station.sqlite, personId);
  const diabetes = rows.some((e) => !e.endedOn && isDiabetesProgram(ctx.station.sqlite, e.program));
  return rows.map((r) => enrollmentView(ctx.station.sqlite, r, diabetes));
}

export function oneEnrollmentView(ctx: HandlerContext, id: string): Enrollment {
  const row = liveEnrollment(ctx, id);
  return enrollmentView(ctx.station.sqlite, row, hasDiabetes(ctx, row.personId));
}

export function enroll(ctx: HandlerContext, input: ProcedureParsedInput<'ncd.enroll'>): string {
  const program = findProgram(ctx.station.sqlite, input.program);
  if (!program) refuse(ctx, [{ path: 'program', key: 'v.ncdProgram', params: { code: input.program } }]);
  if (program.archived) refuse(ctx, [{ path: 'program', key: 'v.ncdProgramArchived', params: { code: input.program } }]);
  const person = livePerson(ctx, input.personId);
  if (person.status !== 'active') throw new AppError('PERSON_NOT_ACTIVE');
  const enrolledOn = input.enrolledOn ?? ctx.today;
  const b = input.baseline;
  const issues: PlausibilityIssue[] = [
    ...checkNotFuture('enrolledOn', enrolledOn, ctx.today),
    ...prefixed(checkFollowupReadings({ bp1: b.bp, glucose: b.glucose, hba1c: b.hba1c, weightKg: b.weightKg }), (p) => `baseline.${p.replace(/^bp1/, 'bp')}`),
  ];
  if (enrollmentsOfPerson(ctx.station.sqlite, person.id).some((e) => e.program === program.code && !e.endedOn)) issues.push({ path: 'program', key: 'v.ncdAlreadyEnrolled' });
  if (issues.length) refuse(ctx, issues);
  const row = ctx.write.insert(ncdEnrollments, {
    personId: person.id,
    program: program.code,
    enrolledOn,
    icdCode: input.icdCode,
    icdName: input.icdName || null,
    diagnosedAt: input.diagnosedAt || null,
    baselineSystolic: b.bp?.systolic ?? null,
    baselineDiastolic: b.bp?.diastolic ?? null,
    baselineGlucoseMgdl: b.glucose ? toMgdl(b.glucose.value, b.glucose.unit) : null,
    baselineGlucoseType: b.glucose?.type ?? null,
    baselineHba1c: b.hba1c ?? null,
    baselineWeightKg: b.weightKg ?? null,
    historyHeartAttack: input.historyHeartAttack,
    historyStroke: input.historyStroke,
    riskNotes: input.riskNotes || null,
    followUpDays: input.followUpDays ?? null,
    firstAppointment: addDays(enrolledOn, input.followUpDays ?? program.followUpDays),
    createdAt: ctx.now.toISOString(),
  });
  ctx.audit({ kind: 'change', action: 'ncd.enroll', entity: 'ncd_enrollments', entityId: row.id, personId: person.id, details: { program: program.code, enrolledOn } });
  return row.id;
}

export function endEnrollment(ctx: HandlerContext, input: { id: string; endedOn?: string | undefined; reason: NonNullable<Enrollment['endReason']>; note?: string | undefined }): void {
  const row = liveEnrollment(ctx, input.id);
  if (row.endedOn) refuse(ctx, [{ path: 'id', key: 'v.ncdEnrollmentEnded' }]);
  const endedOn = input.endedOn ?? ctx.today;
  const issues = checkNotFuture('endedOn', endedOn, ctx.today);
  if (endedOn < row.enrolledOn) issues.push({ path: 'endedOn', key: 'v.ncdDateBeforeEnrollment', params: { date: row.enrolledOn } });
  if (issues.length) refuse(ctx, issues);
  ctx.write.update(ncdEnrollments, row.id, { endedOn, endReason: input.reason, endNote: input.note || null });
  ctx.audit({ kind: 'change', action: 'ncd.endEnrollment', entity: 'ncd_enrollments', entityId: row.id, personId: row.personId, details: { endedOn, reason: input.reason } });
}

export function recordFollowup(ctx: HandlerContext, input: ProcedureParsedInput<'ncd.recordFollowup'>): string {
  const user = ctx.user();
  const e = liveEnrollment(ctx, input.enrollmentId);
  if (e.endedOn) refuse(ctx, [{ path: 'enrollmentId', key: 'v.ncdEnrollmentEnded' }]);
  const program = findProgram(ctx.station.sqlite, e.program);
  const name = program?.nameVi ?? e.program;
  const date = input.date ?? ctx.today;
  const interval = e.followUpDays ?? program?.followUpDays ?? 30;
  const nextAppointment = input.nextAppointment === undefined ? addDays(date, interval) : input.nextAppointment;
  // The program's own fields (peak flow, seizures…): typed and bounded by its definition.
  const extra = checkExtraValues(program?.extraFields ?? [], input.extra, ctx.caller.locale);
  const issues: PlausibilityIssue[] = [...checkNotFuture('date', date, ctx.today), ...checkFollowupReadings(input), ...extra.issues];
  if (date < e.enrolledOn) issues.push({ path: 'date', key: 'v.ncdDateBeforeEnrollment', params: { date: e.enrolledOn } });
  if (nextAppointment && nextAppointment <= date) issues.push({ path: 'nextAppointment', key: 'v.ncdAppointmentAfter' });
  if (issues.length) refuse(ctx, issues);

  const mean = bpMean([input.bp1, input.bp2]);
  const glucoseMgdl = input.glucose ? toMgdl(input.glucose.value, input.glucose.unit) : null;
  // The follow-up is also a visit (kind ncd_followup), so it is in the visit register and syncs like any visit.
  const visitId = receiveVisit(ctx, { personId: e.personId, reason: `Khám quản lý ${name}`, insured: false, date });
  ctx.write.update(visits, visitId, {
    kind: 'ncd_followup',
    status: 'finished',
    outcome: 'finished',
    finishedAt: ctx.now.toISOString(),
    examinerUserId: user.id,
    examinerName: user.fullName,
    systolic: mean ? Math.round(mean.systolic) : null,
    diastolic: mean ? Math.round(mean.diastolic) : null,
    pulse: input.pulse ?? null,
    weightKg: input.weightKg ?? null,
    symptoms: input.symptoms || null,
    returnDate: nextAppointment,
  });
  ctx.write.insert(visitDiagnoses, { visitId, icdCode: e.icdCode, icdName: e.icdName ?? name, isMain: true, sort: 1 });
  input.medicines.forEach((m, i) =>
    ctx.write.insert(prescriptionItems, { visitId, medicineId: m.medicineId ?? null, medicineName: m.name, unit: m.unit, quantity: m.quantity, days: m.days, sort: i + 1 }),
  );
  const row = ctx.write.insert(ncdFollowups, {
    enrollmentId: e.id,
    personId: e.personId,
    visitId,
    followupDate: date,
    systolic1: input.bp1?.systolic ?? null,
    diastolic1: input.bp1?.diastolic ?? null,
    systolic2: input.bp2?.systolic ?? null,
    diastolic2: input.bp2?.diastolic ?? null,
    systolic: mean?.systolic ?? null,
    diastolic: mean?.diastolic ?? null,
    pulse: input.pulse ?? null,
    weightKg: input.weightKg ?? null,
    glucoseMgdl,
    glucoseType: input.glucose?.type ?? null,
    glucoseUnitEntered: input.glucose?.unit ?? null,
    hba1c: input.hba1c ?? null,
    symptoms: input.symptoms || null,
    adherence: input.adherence ?? null,
    complications: input.complications || null,
    medicines: JSON.stringify(input.medicines.map((m) => ({ medicineId: m.medicineId ?? null, name: m.name, unit: m.unit, quantity: m.quantity, days: m.days }))),
    nextAppointment,
    createdAt: ctx.now.toISOString(),
    extra: Object.keys(extra.clean).length ? JSON.stringify(extra.clean) : null,
  });
  ctx.audit({ kind: 'change', action: 'ncd.recordFollowup', entity: 'ncd_followups', entityId: row.id, personId: e.personId, details: { program: e.program, date, visitId } });
  return row.id;
}

/**
 * Voids a follow-up entered by mistake: the row is marked deleted (it syncs, and every read skips it), its visit
 * is cancelled so the visit register leaves it out, and the reason goes to the audit log. The enrollment's
 * appointment falls back to the previous follow-up's.
 */
export function voidFollowup(ctx: HandlerContext, input: { id: string; reason: string }): void {
  const row = ctx.write.get(ncdFollowups, input.id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  ctx.write.remove(ncdFollowups, row.id);
  const visit = row.visitId ? ctx.write.get(visits, row.visitId) : undefined;
  if (visit && !visit.deleted && visit.status !== 'cancelled') ctx.write.update(visits, visit.id, { status: 'cancelled' });
  ctx.audit({
    kind: 'change',
    action: 'ncd.voidFollowup',
    entity: 'ncd_followups',
    entityId: row.id,
    personId: row.personId,
    details: { date: row.followupDate, visitId: row.visitId, reason: input.reason },
  });
}

export function followupView(r: FollowupRow): Followup {
  return {
    id: r.id,
    enrollmentId: r.enrollmentId,
    program: r.program,
    visitId: r.visitId,
    date: r.followupDate,
    bp1: r.systolic1 != null && r.diastolic1 != null ? { systolic: r.systolic1, diastolic: r.diastolic1 } : null,
    bp2: r.systolic2 != null && r.diastolic2 != null ? { systolic: r.systolic2, diastolic: r.diastolic2 } : null,
    bp: r.systolic != null && r.diastolic != null ? { systolic: r.systolic, diastolic: r.diastolic } : null,
    pulse: r.pulse,
    weightKg: r.weightKg,
    glucoseMgdl: r.glucoseMgdl,
    glucoseMmol: r.glucoseMgdl != null ? mgdlToMmol(r.glucoseMgdl) : null,
    glucoseType: r.glucoseType,
    glucoseUnitEntered: r.glucoseUnitEntered,
    hba1c: r.hba1c,
    symptoms: r.symptoms,
    adherence: r.adherence,
    complications: r.complications,
    medicines: JSON.parse(r.medicines) as Followup['medicines'],
    nextAppointment: r.nextAppointment,
    extra: parseExtra(r.extra),
  };
}

export function personFollowups(ctx: HandlerContext, personId: string, program?: string) {
  const followups = followupsOfPerson(ctx.station.sqlite, personId, program).map(followupView);
  const chrono = [...followups].reverse();
  return {
    followups,
    series: {
      bp: chrono.filter((f) => f.bp).map((f) => ({ date: f.date, systolic: f.bp!.systolic, diastolic: f.bp!.diastolic })),
      glucose: chrono.filter((f) => f.glucoseMgdl != null).map((f) => ({ date: f.date, mgdl: f.glucoseMgdl!, mmol: f.glucoseMmol!, type: f.glucoseType ?? 'random' })),
      hba1c: chrono.filter((f) => f.hba1c != null).map((f) => ({ date: f.date, percent: f.hba1c! })),
    },
    bpTarget: patientBpTarget(hasDiabetes(ctx, personId)),
    hba1cTarget: 7,
  };
}

export function recordCall(ctx: HandlerContext, input: ProcedureParsedInput<'ncd.recordCall'>): void {
  const user = ctx.user();
  const e = liveEnrollment(ctx, input.enrollmentId);
  if (e.endedOn) refuse(ctx, [{ path: 'enrollmentId', key: 'v.ncdEnrollmentEnded' }]);
  if (input.outcome === 'remind_later' && (!input.remindOn || input.remindOn <= ctx.today)) refuse(ctx, [{ path: 'remindOn', key: 'v.ncdRemindDate' }]);
  if (input.outcome === 'removed' && !input.removeReason) refuse(ctx, [{ path: 'removeReason', key: 'v.ncdRemoveReason' }]);
  const row = ctx.write.insert(ncdCalls, {
    enrollmentId: e.id,
    personId: e.personId,
    appointmentDate: e.appointment ?? e.firstAppointment,
    callDate: ctx.today,
    calledAt: ctx.now.toISOString(),
    outcome: input.outcome,
    remindOn: input.outcome === 'remind_later' ? input.remindOn! : null,
    removeReason: input.outcome === 'removed' ? input.removeReason! : null,
    note: input.note || null,
    userName: user.fullName,
  });
  ctx.audit({ kind: 'change', action: 'ncd.recordCall', entity: 'ncd_calls', entityId: row.id, personId: e.personId, details: { outcome: input.outcome } });
  if (input.outcome === 'removed') endEnrollment(ctx, { id: e.id, endedOn: ctx.today, reason: input.removeReason!, note: input.note });
}

/** One collator for the sort (`localeCompare(…, 'vi')` builds one per comparison; same order). */
const VI_NAMES = new Intl.Collator('vi');

/**
 * The overdue list (ncd.md): current appointment before today, no follow-up since (a follow-up would have replaced
 * the appointment). A call about the current appointment hides the patient: "agreed" for AGREED_GRACE_DAYS days,
 * "remind later" until its date; "could not reach" keeps them listed. High risk first, then most overdue first.
 */
export function overdueList(ctx: HandlerContext, filter: { program?: string | undefined; hamletId?: string | undefined }) {
  const today = ctx.today;
  const rows: OverdueRow[] = [];
  for (const c of overdueCandidates(ctx.station.sqlite, today, filter)) {
    const call = c.lastCall ? (JSON.parse(c.lastCall) as [CallOutcome, string, string | null, string | null, string]) : null;
    const current = call && call[4] === c.appointment ? call : null;
    if (current?.[0] === 'agreed' && today < addDays(current[1], AGREED_GRACE_DAYS)) continue;
    if (current?.[0] === 'remind_later' && current[2] && today < current[2]) continue;
    const bp = c.latestBp ? (JSON.parse(c.latestBp) as [number, number]) : null;
    const sugar = c.latestSugar ? (JSON.parse(c.latestSugar) as [number | null, string | null, number | null]) : null;
    const latestBp = bp ? { systolic: bp[0], diastolic: bp[1] } : null;
    rows.push({
      ...enrolledPerson(c),
      hamletId: c.hamletId,
      hamletName: c.hamletName,
      program: c.program,
      appointmentDate: c.appointment,
      daysOverdue: daysBetween(c.appointment, today),
      highRisk: isHighRisk({ latestBp, cardiovascularHistory: !!c.cardiovascular, latestSugar: sugar ? sugarOf(sugar[0], sugar[1], sugar[2]) : null }),
      latestBp,
      lastCall: call ? { outcome: call[0], callDate: call[1], remindOn: call[2], note: call[3] } : null,
    });
  }
  rows.sort((a, b) => Number(b.highRisk) - Number(a.highRisk) || b.daysOverdue - a.daysOverdue || VI_NAMES.compare(a.fullName, b.fullName));
  const lost = rows.filter((r) => r.daysOverdue > LOST_AFTER_DAYS);
  const overdue = rows.filter((r) => r.daysOverdue <= LOST_AFTER_DAYS);
  return { overdue, lost };
}

/** The fields every patient list row starts with (shared/contract/ncd.ts, enrolledPersonSchema). */
function enrolledPerson(c: { enrollmentId: string; personId: string; fullName: string; sex: 'M' | 'F'; birthDate: string; phone: string | null }) {
  return { enrollmentId: c.enrollmentId, personId: c.personId, fullName: c.fullName, sex: c.sex, birthDate: c.birthDate, phone: c.phone };
}

/**
 * The list of patients under management in a program (or whose management ended), by hamlet then name: what a
 * paper management register would hold, with the latest follow-up, the latest BP against the patient's own target
 * (stricter with diabetes) and the next appointment.
 */
export function patientList(ctx: HandlerContext, filter: { program?: string | undefined; hamletId?: string | undefined; status: 'active' | 'ended' }): PatientRow[] {
  const sqlite = ctx.station.sqlite;
  const ended = filter.status === 'ended';
  const candidates = patientCandidates(sqlite, { program: filter.program, hamletId: filter.hamletId, ended });
  // Persons with an active diabetes enrollment (any diabetes program): their BP target is < 130/80.
  const diabetesProgram = new Map<string, boolean>();
  const isDiabetes = (code: string) => diabetesProgram.get(code) ?? diabetesProgram.set(code, isDiabetesProgram(sqlite, code)).get(code)!;
  const diabetic = new Set(activeEnrollmentPrograms(sqlite).filter((e) => isDiabetes(e.program)).map((e) => e.personId));
  const rows = candidates.map((c): PatientRow => {
    const bp = c.latestBp ? (JSON.parse(c.latestBp) as [number, number]) : null;
    const latestBp = bp ? { systolic: bp[0], diastolic: bp[1] } : null;
    const appointment = ended ? null : c.appointment;
    return {
      ...enrolledPerson(c),
      hamletName: c.hamletName,
      program: c.program,
      enrolledOn: c.enrolledOn,
      lastFollowupDate: c.lastFollowupDate,
      latestBp,
      bpAtTarget: latestBp ? bpControlled(latestBp, patientBpTarget(diabetic.has(c.personId))) : null,
      nextAppointment: appointment,
      overdue: appointment !== null && appointment < ctx.today,
      endedOn: c.endedOn,
      endReason: c.endReason,
    };
  });
  return rows.sort((a, b) => VI_NAMES.compare(a.hamletName ?? '', b.hamletName ?? '') || VI_NAMES.compare(a.fullName, b.fullName) || a.program.localeCompare(b.program));
}
