import type Database from 'better-sqlite3';

/**
 * One visit of the register with the person's columns it prints, as the positional tuple SQLite's JSON gives
 * (destructure it in this order).
 */
export type RegisterVisitTuple = [
  /** The visit row's SQLite rowid: the key its diagnoses and medicines are grouped by (cheaper than the uuid). */
  key: number,
  id: string,
  visitDate: string,
  reason: string,
  insured: number,
  bhytCardCode: string | null,
  status: string,
  examinerName: string | null,
  pulse: number | null,
  temperature: number | null,
  systolic: number | null,
  diastolic: number | null,
  respiratoryRate: number | null,
  weightKg: number | null,
  heightCm: number | null,
  spo2: number | null,
  waistCm: number | null,
  symptoms: string | null,
  treatment: string | null,
  returnDate: string | null,
  fullName: string | null,
  sex: 'M' | 'F' | null,
  birthDate: string | null,
  cccd: string | null,
  currentAddress: string | null,
  permanentAddress: string | null,
  householdAddress: string | null,
  hamletId: string | null,
  ethnicityCode: string | null,
  occupation: string | null,
];

export interface RegisterDiagnosis {
  visitKey: number;
  icdCode: string;
  icdName: string;
  isMain: boolean;
  sort: number;
}

export interface RegisterMedicine {
  visitKey: number;
  medicineName: string;
  strength: string | null;
  quantity: number;
  unit: string;
  sort: number;
}

export interface RegisterSource {
  visits: RegisterVisitTuple[];
  /** Hamlet names by id (a commune has a few dozen: read apart rather than joined to every visit). */
  hamletNames: Map<string, string>;
  diagnoses: Map<number, RegisterDiagnosis[]>;
  medicines: Map<number, RegisterMedicine[]>;
}

// The register's visits: this station's, live, not cancelled, in the date range. Diagnoses and medicines are read
// by joining on the same range (the visits_date_queue index) rather than by a list of 10,000 visit ids, only the
// columns the register prints are read, and each query returns ONE JSON text: at 100,000 persons a month has
// ≈ 10,000 visits, and better-sqlite3 building a JS object per row cost twice as much as SQLite writing the JSON
// and JSON.parse reading it (0.43 s → 0.21 s for the three queries).
const RANGE = `v.owner_facility = ? AND v.visit_date >= ? AND v.visit_date <= ? AND v.deleted = 0 AND v.status <> 'cancelled'`;

interface RegisterStatements {
  visits: Database.Statement;
  diagnoses: Database.Statement;
  medicines: Database.Statement;
  hamlets: Database.Statement;
}

const statements = new WeakMap<Database.Database, RegisterStatements>();

function prepared(sqlite: Database.Database): RegisterStatements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      // Columns in the order of RegisterVisitTuple.
      visits: sqlite.prepare(
        `SELECT json_group_array(json_array(
                  v.rowid, v.id, v.visit_date, v.reason, v.insured, v.bhyt_card_code, v.status, v.examiner_name,
                  v.pulse, v.temperature, v.systolic, v.diastolic, v.respiratory_rate, v.weight_kg, v.height_cm, v.spo2,
                  v.waist_cm, v.symptoms, v.treatment, v.return_date,
                  p.full_name, p.sex, p.birth_date, p.cccd, p.current_address, p.permanent_address, h.address,
                  h.hamlet_id, p.ethnicity_code, p.occupation)
                ORDER BY v.visit_date, v.queue_number, v.arrived_at) AS json
         FROM visits v
         LEFT JOIN persons p ON p.id = v.person_id
         LEFT JOIN households h ON h.id = p.household_id
         WHERE ${RANGE}`,
      ),
      diagnoses: sqlite.prepare(
        `SELECT json_group_array(json_array(v.rowid, d.icd_code, d.icd_name, d.is_main, d.sort)) AS json
         FROM visits v JOIN visit_diagnoses d ON d.visit_id = v.id AND d.deleted = 0
         WHERE ${RANGE}`,
      ),
      hamlets: sqlite.prepare('SELECT id, name FROM hamlets'),
      medicines: sqlite.prepare(
        `SELECT json_group_array(json_array(v.rowid, i.medicine_name, i.strength, i.quantity, i.unit, i.sort)) AS json
         FROM visits v JOIN prescription_items i ON i.visit_id = v.id AND i.deleted = 0
         WHERE ${RANGE}`,
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
}

function jsonRows<T>(statement: Database.Statement, params: unknown[]): T[] {
  return JSON.parse((statement.get(...params) as { json: string }).json) as T[];
}

function groupByVisit<T extends { visitKey: number }>(rows: T[], order: (a: T, b: T) => number): Map<number, T[]> {
  const byVisit = new Map<number, T[]>();
  for (const r of rows) {
    const list = byVisit.get(r.visitKey);
    if (list) list.push(r);
    else byVisit.set(r.visitKey, [r]);
  }
  for (const list of byVisit.values()) if (list.length > 1) list.sort(order);
  return byVisit;
}

export function registerSource(sqlite: Database.Database, ownerFacility: string, from: string, to: string): RegisterSource {
  const s = prepared(sqlite);
  const params = [ownerFacility, from, to];
  const diagnoses = jsonRows<[number, string, string, number, number]>(s.diagnoses, params).map(
    ([visitKey, icdCode, icdName, isMain, sort]): RegisterDiagnosis => ({ visitKey, icdCode, icdName, isMain: isMain === 1, sort }),
  );
  const medicines = jsonRows<[number, string, string | null, number, string, number]>(s.medicines, params).map(
    ([visitKey, medicineName, strength, quantity, unit, sort]): RegisterMedicine => ({ visitKey, medicineName, strength, quantity, unit, sort }),
  );
  const hamlets = s.hamlets.all() as { id: string; name: string }[];
  return {
    visits: jsonRows<RegisterVisitTuple>(s.visits, params),
    hamletNames: new Map(hamlets.map((h) => [h.id, h.name])),
    // Main diagnosis first, then in the order entered (as on the visit page).
    diagnoses: groupByVisit(diagnoses, (a, b) => Number(b.isMain) - Number(a.isMain) || a.sort - b.sort),
    medicines: groupByVisit(medicines, (a, b) => a.sort - b.sort),
  };
}
