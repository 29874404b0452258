import type Database from 'better-sqlite3';
import { and, asc, desc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { prescriptionItems, visitDiagnoses, visits } from './schema.js';

/** Queries of the visits module; no business rules. */

export type VisitRow = typeof visits.$inferSelect;
export type DiagnosisRow = typeof visitDiagnoses.$inferSelect;
export type PrescriptionRow = typeof prescriptionItems.$inferSelect;

/** What a visit shows about its person (joined with household, hamlet and head of household). */
export interface PersonInfo {
  id: string;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  cccd: string | null;
  bhytCardCode: string | null;
  bhytValidTo: string | null;
  hamletName: string | null;
  headName: string | null;
  address: string | null;
  allergyAlert: boolean;
  ethnicityCode: string;
  occupation: string | null;
  status: string;
  mergedInto: string | null;
}

/** The day's next queue number at this station; numbers of cancelled visits are not reused. */
export function nextQueueNumber(sqlite: Database.Database, ownerFacility: string, visitDate: string): number {
  const row = sqlite
    .prepare('SELECT COALESCE(MAX(queue_number), 0) + 1 AS next FROM visits WHERE owner_facility = ? AND visit_date = ?')
    .get(ownerFacility, visitDate) as { next: number };
  return row.next;
}

export function personInfos(sqlite: Database.Database, ids: readonly string[]): Map<string, PersonInfo> {
  const result = new Map<string, PersonInfo>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = sqlite
      .prepare(
        `SELECT p.id, p.full_name AS fullName, p.sex, p.birth_date AS birthDate, p.cccd, p.bhyt_card_code AS bhytCardCode,
                p.bhyt_valid_to AS bhytValidTo, p.allergy_alert AS allergyAlert, p.current_address AS currentAddress,
                p.permanent_address AS permanentAddress, p.ethnicity_code AS ethnicityCode, p.occupation, p.status,
                p.merged_into AS mergedInto, h.address AS householdAddress, hm.name AS hamletName, head.full_name AS headName
         FROM persons p
         LEFT JOIN households h ON h.id = p.household_id
         LEFT JOIN hamlets hm ON hm.id = h.hamlet_id
         LEFT JOIN persons head ON head.id = h.head_person_id
         WHERE p.id IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(...chunk) as (Omit<PersonInfo, 'address' | 'allergyAlert'> & {
      allergyAlert: number;
      currentAddress: string | null;
      permanentAddress: string | null;
      householdAddress: string | null;
    })[];
    for (const r of rows) {
      const householdAddress = r.householdAddress ? [r.householdAddress, r.hamletName].filter(Boolean).join(', ') : null;
      result.set(r.id, {
        id: r.id,
        fullName: r.fullName,
        sex: r.sex,
        birthDate: r.birthDate,
        cccd: r.cccd,
        bhytCardCode: r.bhytCardCode,
        bhytValidTo: r.bhytValidTo,
        hamletName: r.hamletName,
        headName: r.headName,
        address: r.currentAddress || householdAddress || r.permanentAddress,
        allergyAlert: Boolean(r.allergyAlert),
        ethnicityCode: r.ethnicityCode,
        occupation: r.occupation,
        status: r.status,
        mergedInto: r.mergedInto,
      });
    }
  }
  return result;
}

export function visitsOfDay(db: Db, ownerFacility: string, visitDate: string): VisitRow[] {
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.ownerFacility, ownerFacility), eq(visits.visitDate, visitDate), eq(visits.deleted, false)))
    .orderBy(asc(visits.queueNumber))
    .all();
}

export function visitsOfPerson(db: Db, personId: string): VisitRow[] {
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.personId, personId), eq(visits.deleted, false)))
    .orderBy(desc(visits.visitDate), desc(visits.arrivedAt))
    .all();
}

/** Each person's most recent live visit before `visitDate` (for "came back as asked" in the queue). */
export function previousVisits(sqlite: Database.Database, personIds: readonly string[], visitDate: string): Map<string, { visitDate: string; returnDate: string | null }> {
  const result = new Map<string, { visitDate: string; returnDate: string | null }>();
  const stmt = sqlite.prepare(
    `SELECT visit_date AS visitDate, return_date AS returnDate FROM visits
     WHERE person_id = ? AND visit_date < ? AND deleted = 0 AND status <> 'cancelled'
     ORDER BY visit_date DESC, arrived_at DESC LIMIT 1`,
  );
  for (const id of new Set(personIds)) {
    const row = stmt.get(id, visitDate) as { visitDate: string; returnDate: string | null } | undefined;
    if (row) result.set(id, row);
  }
  return result;
}

export function diagnosesOf(db: Db, visitIds: readonly string[]): Map<string, DiagnosisRow[]> {
  const result = new Map<string, DiagnosisRow[]>();
  if (visitIds.length === 0) return result;
  const rows = db
    .select()
    .from(visitDiagnoses)
    .where(and(inArray(visitDiagnoses.visitId, [...visitIds]), eq(visitDiagnoses.deleted, false)))
    .orderBy(desc(visitDiagnoses.isMain), asc(visitDiagnoses.sort))
    .all();
  for (const r of rows) result.set(r.visitId, [...(result.get(r.visitId) ?? []), r]);
  return result;
}

export function prescriptionsOf(db: Db, visitIds: readonly string[]): Map<string, PrescriptionRow[]> {
  const result = new Map<string, PrescriptionRow[]>();
  if (visitIds.length === 0) return result;
  const rows = db
    .select()
    .from(prescriptionItems)
    .where(and(inArray(prescriptionItems.visitId, [...visitIds]), eq(prescriptionItems.deleted, false)))
    .orderBy(asc(prescriptionItems.sort))
    .all();
  for (const r of rows) result.set(r.visitId, [...(result.get(r.visitId) ?? []), r]);
  return result;
}
