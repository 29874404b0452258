import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { VisitStatus } from '../../../shared/contract/visits.js';
import { AppError, type FieldIssue } from '../../../shared/errors.js';
import { translate } from '../../../shared/i18n/index.js';
import { checkNotFuture, checkVisitRecord, type PlausibilityIssue } from '../../../shared/visits/plausibility.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import type { HandlerContext } from '../dispatch/types.js';
import { persons } from '../persons/schema.js';
import type { NewRow, SyncedTable } from '../sync-data/writer.js';
import { diagnosesOf, nextQueueNumber, personInfos, prescriptionsOf } from './repo.js';
import { prescriptionItems, visitDiagnoses, visits } from './schema.js';
import { liveVisit } from './views.js';

/** Rules of daily registration and visits; every write goes through ctx.write inside dispatch's transaction. */

/** Refuses with VALIDATION_FAILED, each message translated with its own parameters. */
export function refuse(ctx: HandlerContext, issues: PlausibilityIssue[]): never {
  const fields: FieldIssue[] = issues.map((i) => ({ path: i.path, message: translate(ctx.caller.locale, i.key, i.params ?? {}) }));
  throw new AppError('VALIDATION_FAILED', {}, { fields });
}

export function receiveVisit(ctx: HandlerContext, input: ProcedureParsedInput<'visits.receive'>): string {
  const today = stationDate(ctx.now);
  const date = input.date ?? today;
  const future = checkNotFuture('date', date, today);
  if (future.length) refuse(ctx, future);
  let person = ctx.write.get(persons, input.personId);
  // A merged-away record resolves to the survivor, as everywhere else.
  if (person?.mergedInto) person = ctx.write.get(persons, person.mergedInto);
  if (!person || person.deleted) throw new AppError('NOT_FOUND');
  if (person.status === 'died') throw new AppError('PERSON_NOT_ACTIVE');
  if (input.insured && !person.bhytCardCode) refuse(ctx, [{ path: 'insured', key: 'v.insuredNoCard' }]);
  const owner = ctx.station.facilityCode()!;
  // Writes are serialised (one transaction at a time), so reading the maximum here cannot race another desk.
  const queueNumber = nextQueueNumber(ctx.station.sqlite, owner, date);
  const row = ctx.write.insert(visits, {
    personId: person.id,
    kind: 'general',
    visitDate: date,
    queueNumber,
    arrivedAt: ctx.now.toISOString(),
    reason: input.reason,
    insured: input.insured,
    bhytCardCode: input.insured ? person.bhytCardCode : null,
    status: 'waiting',
  });
  ctx.audit({ kind: 'change', action: 'visits.receive', entity: 'visits', entityId: row.id, personId: person.id, details: { queueNumber, date } });
  return row.id;
}

const TRANSITIONS: Record<VisitStatus, readonly VisitStatus[]> = {
  waiting: ['in_exam', 'cancelled'],
  in_exam: ['waiting', 'finished', 'referred', 'appointment', 'cancelled'],
  finished: ['in_exam'],
  referred: ['in_exam'],
  appointment: ['in_exam'],
  cancelled: ['waiting'],
};
const CLERK_STATUSES: readonly VisitStatus[] = ['waiting', 'cancelled'];
const EXAMINER_ROLES = ['physician', 'nurse', 'admin'];

export function setVisitStatus(ctx: HandlerContext, id: string, status: VisitStatus): void {
  const user = ctx.user();
  const row = liveVisit(ctx.station, id);
  if (row.status === status) return;
  if (user.role === 'clerk' && (!CLERK_STATUSES.includes(status) || !CLERK_STATUSES.includes(row.status))) throw new AppError('FORBIDDEN');
  if (!TRANSITIONS[row.status].includes(status)) {
    const from = translate(ctx.caller.locale, `visits.status.${row.status}`);
    const to = translate(ctx.caller.locale, `visits.status.${status}`);
    refuse(ctx, [{ path: 'status', key: 'v.visitTransition', params: { from, to } }]);
  }
  const closing = status === 'finished' || status === 'referred' || status === 'appointment';
  ctx.write.update(visits, id, {
    status,
    ...(status === 'in_exam' && !row.examinerUserId && EXAMINER_ROLES.includes(user.role) ? { examinerUserId: user.id, examinerName: user.fullName } : {}),
    ...(closing ? { finishedAt: ctx.now.toISOString(), outcome: status } : {}),
    ...(status === 'in_exam' || status === 'waiting' ? { finishedAt: null, outcome: null } : {}),
  });
  ctx.audit({ kind: 'change', action: 'visits.setStatus', entity: 'visits', entityId: id, personId: row.personId, details: { from: row.status, to: status } });
}

export function saveVisit(ctx: HandlerContext, input: ProcedureParsedInput<'visits.save'>): void {
  const user = ctx.user();
  const row = liveVisit(ctx.station, input.id);
  if (row.status === 'cancelled') refuse(ctx, [{ path: 'status', key: 'v.visitCancelled' }]);
  const person = personInfos(ctx.station.sqlite, [row.personId]).get(row.personId);
  const issues = checkVisitRecord(input, { birthDate: person?.birthDate ?? '1900', visitDate: row.visitDate });
  if (issues.length) refuse(ctx, issues);

  const v = input.vitals;
  const status: VisitStatus = input.finish ? (input.outcome ?? 'finished') : row.status === 'waiting' ? 'in_exam' : row.status;
  // The examiner of record is the physician who saves; a nurse or admin only when nobody examined yet.
  const takeExaminer = !row.examinerUserId || (user.role === 'physician' && row.examinerUserId !== user.id);
  ctx.write.update(visits, row.id, {
    pulse: v.pulse ?? null,
    temperature: v.temperature ?? null,
    systolic: v.systolic ?? null,
    diastolic: v.diastolic ?? null,
    respiratoryRate: v.respiratoryRate ?? null,
    weightKg: v.weightKg ?? null,
    heightCm: v.heightCm ?? null,
    spo2: v.spo2 ?? null,
    waistCm: v.waistCm ?? null,
    symptoms: input.symptoms || null,
    history: input.history || null,
    findings: input.findings || null,
    treatment: input.treatment || null,
    advice: input.advice || null,
    returnDate: input.returnDate ?? null,
    status,
    ...(takeExaminer ? { examinerUserId: user.id, examinerName: user.fullName } : {}),
    ...(input.finish ? { finishedAt: ctx.now.toISOString(), outcome: status } : {}),
  });

  const oldDiagnoses = diagnosesOf(ctx.station.db, [row.id]).get(row.id) ?? [];
  replaceRows(ctx, visitDiagnoses, oldDiagnoses.sort((a, b) => a.sort - b.sort), input.diagnoses.map((d, i) => ({ visitId: row.id, icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain, sort: i + 1 })));
  const oldItems = prescriptionsOf(ctx.station.db, [row.id]).get(row.id) ?? [];
  replaceRows(
    ctx,
    prescriptionItems,
    oldItems,
    input.prescription.map((p, i) => ({
      visitId: row.id,
      medicineId: p.medicineId ?? null,
      medicineName: p.medicineName,
      strength: p.strength || null,
      unit: p.unit,
      dose: p.dose || null,
      quantity: p.quantity,
      days: p.days,
      instructions: p.instructions || null,
      sort: i + 1,
    })),
  );
  ctx.audit({ kind: 'change', action: 'visits.save', entity: 'visits', entityId: row.id, personId: row.personId, details: { finish: input.finish, status } });
}

/**
 * Child rows of a visit become `next`: existing rows are updated in place by position (only changed fields are
 * logged), extra new ones inserted, leftover old ones tombstoned — so sync sees the smallest change.
 */
function replaceRows<T extends SyncedTable>(ctx: HandlerContext, table: T, old: readonly { id: string }[], next: readonly NewRow<T>[]): void {
  next.forEach((values, i) => {
    const existing = old[i];
    if (existing) ctx.write.update(table, existing.id, values);
    else ctx.write.insert(table, values);
  });
  for (const leftover of old.slice(next.length)) ctx.write.remove(table, leftover.id);
}
