import type Database from 'better-sqlite3';
import type { ImmPerson } from '../../../shared/contract/immunization.js';

/** Read queries of immunization (raw SQL on the indexes; no business rules). Id lists go through json_each. */

export interface PersonRow {
  id: string;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  cccd: string | null;
  status: string;
  mergedInto: string | null;
  deleted: number;
  phone: string | null;
  phone2: string | null;
  carerName: string | null;
  carerPhone: string | null;
  motherName: string | null;
  fatherName: string | null;
  householdId: string | null;
  hamletId: string | null;
  hamletName: string | null;
  hamletSort: number | null;
  address: string | null;
  headPhone: string | null;
  motherPhone: string | null;
  fatherPhone: string | null;
}

const PERSON_COLUMNS = `p.id, p.full_name AS fullName, p.sex, p.birth_date AS birthDate, p.cccd, p.status, p.merged_into AS mergedInto,
  p.deleted, p.phone, p.phone2, p.carer_name AS carerName, p.carer_phone AS carerPhone, p.mother_name AS motherName,
  p.father_name AS fatherName, p.household_id AS householdId, h.hamlet_id AS hamletId, hm.name AS hamletName, hm.sort AS hamletSort,
  COALESCE(NULLIF(p.current_address, ''), h.address) AS address, hd.phone AS headPhone,
  CASE WHEN p.mother_name IS NULL THEN NULL ELSE (SELECT m.phone FROM persons m WHERE m.household_id = p.household_id AND m.full_name = p.mother_name AND m.id <> p.id AND m.deleted = 0 LIMIT 1) END AS motherPhone,
  CASE WHEN p.father_name IS NULL THEN NULL ELSE (SELECT f.phone FROM persons f WHERE f.household_id = p.household_id AND f.full_name = p.father_name AND f.id <> p.id AND f.deleted = 0 LIMIT 1) END AS fatherPhone`;
// The CASEs skip the household lookups for people without a parent's name (most adults): a due list with women 15–35 reads ~17,000 rows.
const PERSON_FROM = `persons p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN hamlets hm ON hm.id = h.hamlet_id
  LEFT JOIN persons hd ON hd.id = h.head_person_id`;

export function personRows(sqlite: Database.Database, ids: readonly string[]): Map<string, PersonRow> {
  const out = new Map<string, PersonRow>();
  if (ids.length === 0) return out;
  const rows = sqlite.prepare(`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE p.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as PersonRow[];
  for (const r of rows) out.set(r.id, r);
  return out;
}

export function personRow(sqlite: Database.Database, id: string): PersonRow | undefined {
  return personRows(sqlite, [id]).get(id);
}

/** The person as lists show them; phones: own, carer, mother, father (same household), head; no repeats. */
export function immPerson(r: PersonRow): ImmPerson {
  const phones: string[] = [];
  for (const p of [r.phone, r.phone2, r.carerPhone, r.motherPhone, r.fatherPhone, r.headPhone]) {
    const v = p?.trim();
    if (v && !phones.includes(v)) phones.push(v);
  }
  return {
    id: r.id,
    fullName: r.fullName,
    sex: r.sex,
    birthDate: r.birthDate,
    cccd: r.cccd,
    hamletId: r.hamletId,
    hamletName: r.hamletName,
    address: r.address,
    motherName: r.motherName,
    fatherName: r.fatherName,
    carerName: r.carerName,
    phones,
  };
}

/** The columns of a dose the engine needs (due lists, coverage: many rows, so few columns). */
export interface DoseFact {
  id: string;
  personId: string;
  vaccineCode: string;
  seriesKey: string | null;
  givenOn: string;
  givenElsewhere: number;
}

export interface DoseRow extends DoseFact {
  scheduleId: string | null;
  doseNumberRecorded: number | null;
  givenAt: string | null;
  place: string | null;
  lotId: string | null;
  lotNumber: string | null;
  expiry: string | null;
  site: string | null;
  route: string | null;
  vaccinatorName: string | null;
  sessionId: string | null;
  attendanceId: string | null;
  within24h: number | null;
  validWhenRecorded: number;
  invalidReason: string | null;
  note: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdAt: string;
}

const DOSE_COLUMNS = `id, person_id AS personId, vaccine_code AS vaccineCode, series_key AS seriesKey, given_on AS givenOn,
  given_elsewhere AS givenElsewhere, schedule_id AS scheduleId, dose_number_recorded AS doseNumberRecorded, given_at AS givenAt,
  place, lot_id AS lotId, lot_number AS lotNumber, expiry, site, route, vaccinator_name AS vaccinatorName, session_id AS sessionId,
  attendance_id AS attendanceId, within_24h AS within24h, valid_when_recorded AS validWhenRecorded, invalid_reason AS invalidReason,
  note, voided_at AS voidedAt, void_reason AS voidReason, created_at AS createdAt`;

/** Every dose of a person (voided ones too), in date order. */
export function dosesOfPerson(sqlite: Database.Database, personId: string): DoseRow[] {
  return sqlite.prepare(`SELECT ${DOSE_COLUMNS} FROM imm_doses WHERE person_id = ? AND deleted = 0 ORDER BY given_on, created_at`).all(personId) as DoseRow[];
}

export function doseRowsByIds(sqlite: Database.Database, ids: readonly string[]): DoseRow[] {
  if (ids.length === 0) return [];
  return sqlite.prepare(`SELECT ${DOSE_COLUMNS} FROM imm_doses WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0 ORDER BY given_on, created_at`).all(JSON.stringify(ids)) as DoseRow[];
}

export function doseRowsWhere(sqlite: Database.Database, where: string, params: Record<string, unknown>): DoseRow[] {
  return sqlite.prepare(`SELECT ${DOSE_COLUMNS} FROM imm_doses WHERE deleted = 0 AND ${where} ORDER BY given_on, created_at`).all(params) as DoseRow[];
}

/** Valid-or-not, non-voided doses of many persons, grouped by person (for the engine). */
export function doseFactsOf(sqlite: Database.Database, personIds: readonly string[]): Map<string, DoseFact[]> {
  const out = new Map<string, DoseFact[]>();
  if (personIds.length === 0) return out;
  const stmt = sqlite.prepare(
    // The covering index: no row lookups (the planner would otherwise take imm_doses_person).
    `SELECT id, person_id, vaccine_code, series_key, given_on, given_elsewhere FROM imm_doses INDEXED BY imm_doses_engine
     WHERE person_id IN (SELECT value FROM json_each(?)) AND deleted = 0 AND voided_at IS NULL`,
  );
  for (const [id, personId, vaccineCode, seriesKey, givenOn, givenElsewhere] of stmt.raw().iterate(JSON.stringify(personIds)) as Iterable<[string, string, string, string | null, string, number]>) {
    let list = out.get(personId);
    if (!list) out.set(personId, (list = []));
    list.push({ id, personId, vaccineCode, seriesKey, givenOn, givenElsewhere });
  }
  return out;
}

export interface PregnancyRow {
  id: string;
  personId: string;
  lmp: string | null;
  expectedDelivery: string;
  gravida: number | null;
  endedOn: string | null;
  outcome: string | null;
  note: string | null;
}

const PREGNANCY_COLUMNS = `id, person_id AS personId, lmp, expected_delivery AS expectedDelivery, gravida, ended_on AS endedOn, outcome, note`;

export function pregnanciesOf(sqlite: Database.Database, personIds: readonly string[]): Map<string, PregnancyRow[]> {
  const out = new Map<string, PregnancyRow[]>();
  if (personIds.length === 0) return out;
  const rows = sqlite
    .prepare(`SELECT ${PREGNANCY_COLUMNS} FROM imm_pregnancies WHERE person_id IN (SELECT value FROM json_each(?)) AND deleted = 0 ORDER BY expected_delivery DESC`)
    .all(JSON.stringify(personIds)) as PregnancyRow[];
  for (const r of rows) {
    let list = out.get(r.personId);
    if (!list) out.set(r.personId, (list = []));
    list.push(r);
  }
  return out;
}

export function pregnancyById(sqlite: Database.Database, id: string): PregnancyRow | undefined {
  return sqlite.prepare(`SELECT ${PREGNANCY_COLUMNS} FROM imm_pregnancies WHERE id = ? AND deleted = 0`).get(id) as PregnancyRow | undefined;
}

/**
 * Active persons of the given hamlets (all hamlets when null) born in (minBirth, maxBirth] with a full birth date:
 * the candidates of a due list or register. One pass over persons (the households join is by primary key).
 */
export function candidatePersons(
  sqlite: Database.Database,
  opts: { minBirth: string; maxBirth: string; hamletIds: readonly string[] | null; sex?: 'M' | 'F' },
): { id: string; sex: 'M' | 'F'; birthDate: string; hamletId: string | null }[] {
  const rows = sqlite
    .prepare(
      `SELECT p.id, p.sex, p.birth_date, h.hamlet_id FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.deleted = 0 AND p.status = 'active' AND p.birth_date > @minBirth AND p.birth_date <= @maxBirth AND length(p.birth_date) = 10
         AND (@sex IS NULL OR p.sex = @sex)
         AND (@hamlets IS NULL OR h.hamlet_id IN (SELECT value FROM json_each(@hamlets)))`,
    )
    .raw()
    .all({ minBirth: opts.minBirth, maxBirth: opts.maxBirth, sex: opts.sex ?? null, hamlets: opts.hamletIds ? JSON.stringify(opts.hamletIds) : null }) as [string, 'M' | 'F', string, string | null][];
  return rows.map(([id, sex, birthDate, hamletId]) => ({ id, sex, birthDate, hamletId }));
}

/** Women with a pregnancy not ended whose expected delivery is after `date` minus 6 weeks (in the given hamlets). */
export function pregnantCandidates(sqlite: Database.Database, date: string, afterEdd: string, hamletIds: readonly string[] | null): { id: string; birthDate: string; hamletId: string | null }[] {
  const rows = sqlite
    .prepare(
      `SELECT DISTINCT p.id, p.birth_date, h.hamlet_id FROM imm_pregnancies g JOIN persons p ON p.id = g.person_id
       LEFT JOIN households h ON h.id = p.household_id
       WHERE g.deleted = 0 AND (g.ended_on IS NULL OR g.ended_on > @date) AND g.expected_delivery > @afterEdd
         AND COALESCE(g.lmp, date(g.expected_delivery, '-280 days')) <= @date
         AND p.deleted = 0 AND p.status = 'active'
         AND (@hamlets IS NULL OR h.hamlet_id IN (SELECT value FROM json_each(@hamlets)))`,
    )
    .raw()
    .all({ date, afterEdd, hamlets: hamletIds ? JSON.stringify(hamletIds) : null }) as [string, string, string | null][];
  return rows.map(([id, birthDate, hamletId]) => ({ id, birthDate, hamletId }));
}

export function hamletNames(sqlite: Database.Database): Map<string, { name: string; sort: number }> {
  const rows = sqlite.prepare(`SELECT id, name, sort FROM hamlets WHERE deleted = 0`).all() as { id: string; name: string; sort: number }[];
  return new Map(rows.map((r) => [r.id, { name: r.name, sort: r.sort }]));
}
