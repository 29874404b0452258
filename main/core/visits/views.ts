import type { QueueEntry, Visit, VisitPerson } from '../../../shared/contract/visits.js';
import { AppError } from '../../../shared/errors.js';
import type { Station } from '../station.js';
import { diagnosesOf, personInfos, prescriptionsOf, previousVisits, visitsOfDay, visitsOfPerson, type PersonInfo, type VisitRow } from './repo.js';
import { visits } from './schema.js';

/** Read models of the visits module: rows joined with their person, diagnoses and prescription. */

function visitPerson(p: PersonInfo | undefined, personId: string): VisitPerson {
  if (!p) return { id: personId, fullName: '?', sex: 'M', birthDate: '', cccd: null, bhytCardCode: null, bhytValidTo: null, hamletName: null, headName: null, address: null, allergyAlert: false };
  const { ethnicityCode: _e, occupation: _o, status: _s, mergedInto: _m, ...summary } = p;
  return summary;
}

function queueEntry(row: VisitRow, person: PersonInfo | undefined, previous: QueueEntry['previous'] | undefined): QueueEntry {
  return {
    id: row.id,
    queueNumber: row.queueNumber,
    visitDate: row.visitDate,
    arrivedAt: row.arrivedAt,
    status: row.status,
    reason: row.reason,
    insured: row.insured,
    examinerName: row.examinerName,
    returnDate: row.returnDate,
    person: visitPerson(person, row.personId),
    previous: previous ?? null,
  };
}

export function queueEntries(station: Station, rows: VisitRow[]): QueueEntry[] {
  const people = personInfos(station.sqlite, rows.map((r) => r.personId));
  const day = rows[0]?.visitDate;
  const previous = day ? previousVisits(station.sqlite, rows.map((r) => r.personId), day) : new Map();
  return rows.map((r) => queueEntry(r, people.get(r.personId), r.visitDate === day ? previous.get(r.personId) : previousVisits(station.sqlite, [r.personId], r.visitDate).get(r.personId)));
}

export function dayQueue(station: Station, date: string): QueueEntry[] {
  const owner = station.facilityCode();
  return owner ? queueEntries(station, visitsOfDay(station.db, owner, date)) : [];
}

export function liveVisit(station: Station, id: string): VisitRow {
  const row = station.writer.get(visits, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  return row;
}

export function visitDetail(station: Station, id: string): Visit {
  const row = liveVisit(station, id);
  const [entry] = queueEntries(station, [row]);
  const diagnoses = diagnosesOf(station.db, [id]).get(id) ?? [];
  const items = prescriptionsOf(station.db, [id]).get(id) ?? [];
  return {
    ...entry!,
    kind: row.kind,
    bhytCardCode: row.bhytCardCode,
    examinerUserId: row.examinerUserId,
    vitals: {
      pulse: row.pulse,
      temperature: row.temperature,
      systolic: row.systolic,
      diastolic: row.diastolic,
      respiratoryRate: row.respiratoryRate,
      weightKg: row.weightKg,
      heightCm: row.heightCm,
      spo2: row.spo2,
      waistCm: row.waistCm,
    },
    symptoms: row.symptoms,
    history: row.history,
    findings: row.findings,
    treatment: row.treatment,
    advice: row.advice,
    outcome: row.outcome,
    finishedAt: row.finishedAt,
    diagnoses: diagnoses.map((d) => ({ id: d.id, icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain })),
    prescription: items.map((p) => ({
      id: p.id,
      medicineId: p.medicineId,
      medicineName: p.medicineName,
      strength: p.strength,
      unit: p.unit,
      dose: p.dose,
      quantity: p.quantity,
      days: p.days,
      instructions: p.instructions,
    })),
  };
}

/** "Paracetamol 500 mg × 10 viên": how a prescription line reads in lists and the register. */
export function medicineLine(p: { medicineName: string; strength: string | null; quantity: number; unit: string }): string {
  const strength = p.strength && !p.medicineName.includes(p.strength) ? ` ${p.strength}` : '';
  return `${p.medicineName}${strength} × ${p.quantity} ${p.unit}`;
}

export function personVisits(station: Station, personId: string) {
  const rows = visitsOfPerson(station.db, personId).filter((r) => r.status !== 'cancelled');
  const ids = rows.map((r) => r.id);
  const diagnoses = diagnosesOf(station.db, ids);
  const items = prescriptionsOf(station.db, ids);
  return rows.map((r) => ({
    id: r.id,
    visitDate: r.visitDate,
    status: r.status,
    reason: r.reason,
    examinerName: r.examinerName,
    returnDate: r.returnDate,
    diagnoses: (diagnoses.get(r.id) ?? []).map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain })),
    medicines: (items.get(r.id) ?? []).map(medicineLine),
  }));
}
