import type Database from 'better-sqlite3';

/** One visit of the register with the person's columns the register prints (one joined read, no id lists). */
export interface RegisterSourceRow {
  /** The visit row's SQLite rowid: the key its diagnoses and medicines are grouped by (cheaper than the uuid). */
  key: number;
  id: string;
  visitDate: string;
  reason: string;
  insured: number;
  bhytCardCode: string | null;
  status: string;
  examinerName: string | null;
  pulse: number | null;
  temperature: number | null;
  systolic: number | null;
  diastolic: number | null;
  respiratoryRate: number | null;
  weightKg: number | null;
  heightCm: number | null;
  spo2: number | null;
  waistCm: number | null;
  symptoms: string | null;
  treatment: string | null;
  returnDate: string | null;
  fullName: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  cccd: string | null;
  currentAddress: string | null;
  permanentAddress: string | null;
  householdAddress: string | null;
  hamletId: string | null;
  ethnicityCode: string | null;
  occupation: string | null;
}

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
  visits: RegisterSourceRow[];
  /** Hamlet names by id (a commune has a few dozen: read apart rather than joined to every visit). */
  hamletNames: Map<string, string>;
  diagnoses: Map<number, RegisterDiagnosis[]>;
  medicines: Map<number, RegisterMedicine[]>;
}

// The register's visits: this station's, live, not cancelled, in the date range. Diagnoses and medicines are read
// by joining on the same range (the visits_date_queue index) rather than by a list of 10,000 visit ids, and only
// the columns the register prints are read: at 100,000 persons a month has ≈ 10,000 visits and building every
// column of every row was most of the register's time.
const RANGE = `v.owner_facility = ? AND v.visit_date >= ? AND v.visit_date <= ? AND v.deleted = 0 AND v.status <> 'cancelled'`;

const statements = new WeakMap<Database.Database, { visits: Database.Statement; diagnoses: Database.Statement; medicines: Database.Statement; hamlets: Database.Statement }>();

function prepared(sqlite: Database.Database) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      visits: sqlite.prepare(
        `SELECT v.rowid AS key, v.id, v.visit_date AS visitDate, v.reason, v.insured, v.bhyt_card_code AS bhytCardCode,
                v.status, v.examiner_name AS examinerName, v.pulse, v.temperature, v.systolic, v.diastolic,
                v.respiratory_rate AS respiratoryRate, v.weight_kg AS weightKg, v.height_cm AS heightCm, v.spo2,
                v.waist_cm AS waistCm, v.symptoms, v.treatment, v.return_date AS returnDate,
                p.full_name AS fullName, p.sex, p.birth_date AS birthDate, p.cccd, p.current_address AS currentAddress,
                p.permanent_address AS permanentAddress, h.address AS householdAddress, h.hamlet_id AS hamletId,
                p.ethnicity_code AS ethnicityCode, p.occupation
         FROM visits v
         LEFT JOIN persons p ON p.id = v.person_id
         LEFT JOIN households h ON h.id = p.household_id
         WHERE ${RANGE}
         ORDER BY v.visit_date, v.queue_number, v.arrived_at`,
      ),
      diagnoses: sqlite.prepare(
        `SELECT v.rowid AS visitKey, d.icd_code AS icdCode, d.icd_name AS icdName, d.is_main AS isMain, d.sort
         FROM visits v JOIN visit_diagnoses d ON d.visit_id = v.id AND d.deleted = 0
         WHERE ${RANGE}`,
      ),
      hamlets: sqlite.prepare('SELECT id, name FROM hamlets'),
      medicines: sqlite.prepare(
        `SELECT v.rowid AS visitKey, i.medicine_name AS medicineName, i.strength, i.quantity, i.unit, i.sort
         FROM visits v JOIN prescription_items i ON i.visit_id = v.id AND i.deleted = 0
         WHERE ${RANGE}`,
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
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
  const visits = s.visits.all(ownerFacility, from, to) as RegisterSourceRow[];
  const diagnoses = (s.diagnoses.all(ownerFacility, from, to) as (Omit<RegisterDiagnosis, 'isMain'> & { isMain: number })[]).map((d) => ({ ...d, isMain: d.isMain === 1 }));
  const medicines = s.medicines.all(ownerFacility, from, to) as RegisterMedicine[];
  const hamlets = s.hamlets.all() as { id: string; name: string }[];
  return {
    visits,
    hamletNames: new Map(hamlets.map((h) => [h.id, h.name])),
    // Main diagnosis first, then in the order entered (as on the visit page).
    diagnoses: groupByVisit(diagnoses, (a, b) => Number(b.isMain) - Number(a.isMain) || a.sort - b.sort),
    medicines: groupByVisit(medicines, (a, b) => a.sort - b.sort),
  };
}
