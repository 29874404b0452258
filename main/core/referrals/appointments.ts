import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Appointment, AppointmentState } from '../../../shared/contract/appointments.js';
import type { ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import { AppError } from '../../../shared/errors.js';
import { translate } from '../../../shared/i18n/index.js';
import { APPOINTMENT_FORM_VERSION, type AppointmentSnapshot, type SlipDiagnosis } from '../../../shared/referrals/snapshot.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import type { HandlerContext } from '../dispatch/types.js';
import type { Station } from '../station.js';
import { visitDetail, liveVisit } from '../visits/views.js';
import { readReferralConfig } from './config.js';
import { appointments } from './schema.js';
import { lastPhysicianDetails, nextNumber } from './service.js';
import { parseJson, slipPatient, stationHeader } from './slip.js';

/** Re-exam appointment slips: numbered at issue, content frozen, one active per visit. */

type AppointmentRow = typeof appointments.$inferSelect;

export function liveAppointment(ctx: HandlerContext, id: string): AppointmentRow {
  const row = ctx.write.get(appointments, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  return row;
}

function activeFor(station: Station, visitId: string): AppointmentRow | undefined {
  return station.db.select().from(appointments).where(and(eq(appointments.visitId, visitId), eq(appointments.status, 'active'), eq(appointments.deleted, false))).get();
}

export function appointmentPrefill(ctx: HandlerContext, visitId: string): ProcedureOutput<'appointments.prefill'> {
  const v = visitDetail(ctx.station, visitId);
  const physician = lastPhysicianDetails(ctx);
  const diagnoses = v.diagnoses.map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain }));
  const main = diagnoses.find((d) => d.isMain);
  const others = diagnoses.filter((d) => d !== main);
  const active = activeFor(ctx.station, visitId);
  return {
    personId: v.person.id,
    personName: v.person.fullName,
    visitDate: v.visitDate,
    returnDate: v.returnDate,
    diagnosisText: main?.icdName ?? null,
    diagnoses,
    comorbidities: others.length ? others.map((d) => d.icdName).join('; ') : null,
    physicianName: v.examinerName ?? ctx.user().fullName,
    physicianTitle: physician.title,
    physicianLicense: physician.license,
    active: active ? toAppointments(ctx.station, [active])[0]! : null,
  };
}

export function createAppointment(ctx: HandlerContext, input: ProcedureParsedInput<'appointments.create'>): AppointmentRow {
  const user = ctx.user();
  const visit = liveVisit(ctx.station, input.visitId);
  const refuse = (key: string) => {
    throw new AppError('VALIDATION_FAILED', {}, { fields: [{ path: 'returnDate', message: translate(ctx.caller.locale, key) }] });
  };
  if (visit.status === 'cancelled' || visit.status === 'waiting') throw new AppError('REFERRAL_STATE_INVALID', { reason: translate(ctx.caller.locale, 'appointments.refuse.visitNotExamined') });
  if (activeFor(ctx.station, visit.id)) throw new AppError('APPOINTMENT_EXISTS');
  if (input.returnDate <= visit.visitDate) refuse('v.returnAfterVisit');
  const detail = visitDetail(ctx.station, visit.id);
  const diagnoses: SlipDiagnosis[] = (input.diagnoses ?? detail.diagnoses).map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain }));
  const { year, seq, number } = nextNumber(ctx, 'appointments', null);
  const issuedAt = ctx.now.toISOString();
  const config = readReferralConfig(ctx.station);
  const physicianName = input.physicianName || detail.examinerName || user.fullName;
  const snapshot: Omit<AppointmentSnapshot, 'appointmentId'> = {
    kind: 'appointment',
    formVersion: APPOINTMENT_FORM_VERSION,
    number,
    seq,
    year,
    issuedAt,
    station: stationHeader(ctx.station),
    patient: slipPatient(ctx.station, visit.personId, null),
    episodeId: visit.id,
    visitAt: visit.arrivedAt,
    visitEndAt: visit.finishedAt ?? issuedAt,
    returnDate: input.returnDate,
    diagnosisText: input.diagnosisText || null,
    diagnoses,
    comorbidities: input.comorbidities || null,
    note: input.note || null,
    physician: { name: physicianName, code: input.physicianLicense || null, title: input.physicianTitle || null },
    signer: { name: config.signerName, code: config.signerCode, title: config.signerTitle },
  };
  const row = ctx.write.insert(appointments, {
    personId: visit.personId,
    visitId: visit.id,
    status: 'active',
    year,
    seq,
    number,
    returnDate: input.returnDate,
    diagnosisText: snapshot.diagnosisText,
    diagnoses: JSON.stringify(diagnoses),
    comorbidities: snapshot.comorbidities,
    note: snapshot.note,
    physicianName,
    physicianTitle: input.physicianTitle || null,
    physicianLicense: input.physicianLicense || null,
    formVersion: APPOINTMENT_FORM_VERSION,
    content: '{}',
    issuedAt,
    issuedBy: user.id,
  });
  ctx.write.update(appointments, row.id, { content: JSON.stringify({ ...snapshot, appointmentId: row.id }) });
  ctx.audit({ kind: 'change', action: 'appointments.create', entity: 'appointments', entityId: row.id, personId: visit.personId, details: { number, returnDate: input.returnDate } });
  return liveAppointment(ctx, row.id);
}

export function cancelAppointment(ctx: HandlerContext, id: string): AppointmentRow {
  const row = liveAppointment(ctx, id);
  if (row.status === 'cancelled') return row;
  const updated = ctx.write.update(appointments, id, { status: 'cancelled', cancelledAt: ctx.now.toISOString() });
  ctx.audit({ kind: 'change', action: 'appointments.cancel', entity: 'appointments', entityId: id, personId: row.personId });
  return updated;
}

export function storedAppointment(row: AppointmentRow): AppointmentSnapshot {
  return JSON.parse(row.content) as AppointmentSnapshot;
}

/** kept: a later visit of the person exists; missed: the return date passed without one; upcoming otherwise. */
function stateOf(row: AppointmentRow, visitDate: string, laterVisit: string | null, today: string): AppointmentState {
  if (row.status === 'cancelled') return 'cancelled';
  if (laterVisit && laterVisit > visitDate) return 'kept';
  return row.returnDate < today ? 'missed' : 'upcoming';
}

export function toAppointments(station: Station, rows: AppointmentRow[]): Appointment[] {
  const today = stationDate(station.now());
  const person = station.sqlite.prepare('SELECT full_name AS fullName, birth_date AS birthDate, phone FROM persons WHERE id = ?');
  const visitDay = station.sqlite.prepare('SELECT visit_date AS d FROM visits WHERE id = ?');
  const later = station.sqlite.prepare("SELECT MAX(visit_date) AS d FROM visits WHERE person_id = ? AND deleted = 0 AND status NOT IN ('cancelled') AND id <> ?");
  const prints = station.sqlite.prepare("SELECT count(*) AS n FROM print_log WHERE document_type = 'appointment' AND document_id = ? AND deleted = 0");
  return rows.map((r) => {
    const p = person.get(r.personId) as { fullName: string; birthDate: string; phone: string | null } | undefined;
    const vd = (visitDay.get(r.visitId) as { d: string } | undefined)?.d ?? '';
    const lv = (later.get(r.personId, r.visitId) as { d: string | null }).d;
    return {
      id: r.id,
      personId: r.personId,
      personName: p?.fullName ?? '?',
      birthDate: p?.birthDate ?? '',
      phone: p?.phone ?? null,
      visitId: r.visitId,
      visitDate: vd,
      number: r.number,
      returnDate: r.returnDate,
      diagnosisText: r.diagnosisText,
      diagnoses: parseJson(r.diagnoses, []),
      comorbidities: r.comorbidities,
      note: r.note,
      physicianName: r.physicianName,
      state: stateOf(r, vd, lv, today),
      issuedAt: r.issuedAt,
      printCount: (prints.get(r.id) as { n: number }).n,
    };
  });
}

export function listAppointments(station: Station, q: ProcedureParsedInput<'appointments.list'>): Appointment[] {
  const where: SQL[] = [eq(appointments.deleted, false)];
  if (q.view !== 'all') where.push(eq(appointments.status, 'active'));
  const rows = station.db.select().from(appointments).where(and(...where)).orderBy(asc(appointments.returnDate), desc(appointments.issuedAt)).all();
  const today = stationDate(station.now());
  const from = q.from ?? (q.view === 'upcoming' ? today : undefined);
  const inRange = rows.filter((r) => (!from || r.returnDate >= from) && (!q.to || r.returnDate <= q.to));
  const all = toAppointments(station, inRange);
  const wanted = q.view === 'all' ? all : all.filter((a) => a.state === q.view);
  return wanted.slice(0, q.limit);
}

export function personAppointments(station: Station, personId: string): Appointment[] {
  const rows = station.db.select().from(appointments).where(and(eq(appointments.personId, personId), eq(appointments.deleted, false))).orderBy(desc(appointments.issuedAt)).all();
  return toAppointments(station, rows);
}
