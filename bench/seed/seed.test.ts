import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCccd } from '../../shared/identifiers/cccd.js';
import { birthYearOf } from '../../shared/persons/age.js';
import { DEFAULT_TODAY, generateStation, planWorld, type SeedManifest } from './generate.js';
import { KINH_FAMILY_NAMES } from './names.js';
import { ageOn, pyramidShares } from './population.js';

/** The synthetic-station generator: deterministic, and its data looks like a real commune. */

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-seed-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const open = (dir: string) => new Database(path.join(dir, 'station.sqlite'), { readonly: true });

/** Everything but ids, clock stamps and the random parts of sessions/passwords: what must not depend on luck. */
function snapshot(db: Database.Database) {
  const persons = db
    .prepare(
      `SELECT h.code, p.relation_to_head, p.full_name, p.sex, p.birth_date, p.ethnicity_code, p.religion, p.occupation, p.blood_abo,
              p.cccd, p.cccd_issue_date, p.bhxh_number, p.bhyt_card_code, p.bhyt_valid_from, p.bhyt_valid_to, p.bhyt_registration_facility,
              p.phone, p.mother_name, p.father_name, p.status, p.died_on, p.moved_away_on, p.allergy_alert, p.created_at
       FROM persons p LEFT JOIN households h ON h.id = p.household_id ORDER BY p.created_at, h.code, p.full_name`,
    )
    .all();
  const visits = db
    .prepare(
      `SELECT p.full_name, v.visit_date, v.queue_number, v.status, v.reason, v.insured, v.systolic, v.weight_kg, v.examiner_name,
              (SELECT group_concat(d.icd_code) FROM visit_diagnoses d WHERE d.visit_id = v.id) AS dx,
              (SELECT group_concat(i.medicine_name || ' ' || i.quantity) FROM prescription_items i WHERE i.visit_id = v.id) AS rx
       FROM visits v JOIN persons p ON p.id = v.person_id ORDER BY v.visit_date, v.queue_number`,
    )
    .all();
  const counts = db.prepare("SELECT (SELECT count(*) FROM change_log) AS changes, (SELECT count(*) FROM audit_log) AS audits, (SELECT count(*) FROM health_records) AS records").get();
  const ncd = db
    .prepare(
      `SELECT p.full_name, e.program, e.enrolled_on, e.ended_on, e.end_reason,
              (SELECT group_concat(f.followup_date || ' ' || ifnull(f.systolic, '-') || ' ' || ifnull(f.glucose_mgdl, '-') || ' ' || ifnull(f.next_appointment, '-'), ', ')
                 FROM (SELECT * FROM ncd_followups WHERE enrollment_id = e.id ORDER BY followup_date, created_at) f) AS followups,
              (SELECT group_concat(c.call_date || ' ' || c.outcome, ', ') FROM (SELECT * FROM ncd_calls WHERE enrollment_id = e.id ORDER BY called_at) c) AS calls
       FROM ncd_enrollments e JOIN persons p ON p.id = e.person_id ORDER BY p.full_name, e.program, e.enrolled_on`,
    )
    .all();
  return { persons, visits, counts, ncd };
}

describe('synthetic station generator', () => {
  let a: string;
  let b: string;
  let manifest: SeedManifest;
  beforeAll(async () => {
    a = tempDir();
    b = tempDir();
    manifest = await generateStation({ persons: 300, dataDir: a, seed: 'test-1', progress: false });
    await generateStation({ persons: 300, dataDir: b, seed: 'test-1', progress: false });
  }, 180_000);

  it('gives identical rows for the same seed', () => {
    const [da, db] = [open(a), open(b)];
    const [sa, sb] = [snapshot(da), snapshot(db)];
    da.close();
    db.close();
    expect(sa.persons.length).toBeGreaterThanOrEqual(300);
    expect(sb).toEqual(sa);
    expect(manifest.counts.persons).toBe(sa.persons.length);
  });

  it('forms households of 1–8 with a mean between 3.0 and 4.2, heads first', () => {
    const db = open(a);
    const sizes = db.prepare('SELECT count(*) AS n FROM persons GROUP BY household_id').all() as { n: number }[];
    const heads = db.prepare("SELECT count(*) AS n FROM persons WHERE relation_to_head = 'head'").get() as { n: number };
    db.close();
    for (const s of sizes) {
      expect(s.n).toBeGreaterThanOrEqual(1);
      expect(s.n).toBeLessThanOrEqual(9); // 8 + an intentional duplicate registered later
    }
    const mean = sizes.reduce((x, s) => x + s.n, 0) / sizes.length;
    expect(mean).toBeGreaterThanOrEqual(3.0);
    expect(mean).toBeLessThanOrEqual(4.2);
    expect(heads.n).toBeGreaterThan(sizes.length * 0.9);
  });

  it('writes every name in NFC, and CCCDs consistent with sex and birth year (bar the intentional typos)', () => {
    const db = open(a);
    const rows = db.prepare('SELECT full_name AS name, mother_name AS mother, father_name AS father, sex, birth_date AS birthDate, cccd FROM persons').all() as {
      name: string; mother: string | null; father: string | null; sex: 'M' | 'F'; birthDate: string; cccd: string | null;
    }[];
    const unique = db.prepare('SELECT count(*) AS n, count(DISTINCT cccd) AS d FROM persons WHERE cccd IS NOT NULL').get() as { n: number; d: number };
    db.close();
    for (const r of rows) for (const n of [r.name, r.mother, r.father]) if (n) expect(n).toBe(n.normalize('NFC'));
    const withCccd = rows.filter((r) => r.cccd);
    expect(withCccd.length).toBeGreaterThan(rows.length * 0.6);
    let warnings = 0;
    for (const r of withCccd) {
      const check = checkCccd(r.cccd!, { sex: r.sex, birthYear: birthYearOf(r.birthDate)! });
      expect(check.valid).toBe(true);
      if (check.warnings.length) warnings++;
    }
    expect(warnings).toBeLessThanOrEqual(Math.max(2, withCccd.length * 0.01));
    expect(unique.d).toBe(unique.n);
  });

  it('gives most people a BHYT card and most adults a phone; children under 6 live with their mother', () => {
    const db = open(a);
    const persons = db.prepare("SELECT id, household_id AS householdId, birth_date AS birthDate, bhyt_card_code AS card, phone, mother_name AS mother, sex, full_name AS name FROM persons WHERE status = 'active'").all() as {
      id: string; householdId: string; birthDate: string; card: string | null; phone: string | null; mother: string | null; sex: string; name: string;
    }[];
    db.close();
    const insured = persons.filter((p) => p.card).length / persons.length;
    expect(insured).toBeGreaterThan(0.8);
    expect(insured).toBeLessThan(0.99);
    const adults = persons.filter((p) => ageOn(p.birthDate, DEFAULT_TODAY) >= 18 && ageOn(p.birthDate, DEFAULT_TODAY) < 70);
    expect(adults.filter((p) => p.phone).length / adults.length).toBeGreaterThan(0.7);
    for (const child of persons.filter((p) => p.birthDate.length === 10 && ageOn(p.birthDate, DEFAULT_TODAY) < 6)) {
      expect(child.mother).toBeTruthy();
      expect(persons.some((m) => m.householdId === child.householdId && m.sex === 'F' && m.name === child.mother)).toBe(true);
    }
  });

  it('records two years of visits with ICD-10 diagnoses and prescriptions', () => {
    const db = open(a);
    const v = db.prepare("SELECT count(*) AS n, min(visit_date) AS first, max(visit_date) AS last FROM visits").get() as { n: number; first: string; last: string };
    const mains = db.prepare('SELECT count(*) AS n FROM visit_diagnoses WHERE is_main = 1').get() as { n: number };
    const rx = db.prepare('SELECT count(DISTINCT visit_id) AS n FROM prescription_items').get() as { n: number };
    db.close();
    expect(v.n).toBeGreaterThan(150);
    expect(v.first < '2025-01-01').toBe(true);
    expect(v.last > '2026-10-01').toBe(true);
    expect(mains.n).toBeGreaterThan(v.n * 0.9);
    expect(rx.n).toBeGreaterThan(v.n * 0.6);
  });

  it('enrolls about a tenth of adults, mostly hypertension, followed about monthly, each follow-up a visit', () => {
    const db = open(a);
    const adults = db.prepare("SELECT count(*) FROM persons WHERE status != 'merged' AND birth_date <= '2006-11-20'").pluck().get() as number;
    const enrolled = db.prepare('SELECT count(DISTINCT person_id) FROM ncd_enrollments').pluck().get() as number;
    const programs = new Map(db.prepare('SELECT program, count(*) AS n FROM ncd_enrollments GROUP BY program').raw().all() as [string, number][]);
    const followups = db.prepare('SELECT enrollment_id AS e, followup_date AS date, systolic, visit_id AS visitId FROM ncd_followups ORDER BY enrollment_id, followup_date, created_at').all() as {
      e: string; date: string; systolic: number | null; visitId: string;
    }[];
    // every follow-up is a finished visit of its person on its day
    const orphan = db
      .prepare("SELECT count(*) FROM ncd_followups f LEFT JOIN visits v ON v.id = f.visit_id AND v.kind = 'ncd_followup' AND v.visit_date = f.followup_date AND v.person_id = f.person_id AND v.status = 'finished' WHERE v.id IS NULL")
      .pluck()
      .get() as number;
    // from an enrollment's first follow-up on, no general chronic visit for the same condition (the visits shape leaves them to the program)
    const doubled = db
      .prepare(
        `SELECT count(*) FROM ncd_enrollments e JOIN visits v ON v.person_id = e.person_id AND v.kind = 'general'
           JOIN visit_diagnoses d ON d.visit_id = v.id AND d.is_main = 1 AND d.icd_code = e.icd_code
         WHERE v.visit_date >= (SELECT min(followup_date) FROM ncd_followups f WHERE f.enrollment_id = e.id)`,
      )
      .pluck()
      .get() as number;
    const calls = db.prepare('SELECT count(*) FROM ncd_calls').pluck().get() as number;
    db.close();
    expect(enrolled / adults).toBeGreaterThan(0.06);
    expect(enrolled / adults).toBeLessThan(0.14);
    expect(programs.get('hypertension')!).toBeGreaterThan(programs.get('diabetes_t2') ?? 0);
    expect(programs.get('diabetes_t2')!).toBeGreaterThan(0);
    expect(orphan).toBe(0);
    expect(doubled).toBe(0);
    expect(calls).toBeGreaterThan(0);
    const gaps: number[] = [];
    const first: number[] = [];
    const last: number[] = [];
    const byEnrollment = new Map<string, typeof followups>();
    for (const f of followups) byEnrollment.set(f.e, [...(byEnrollment.get(f.e) ?? []), f]);
    for (const list of byEnrollment.values()) {
      for (let i = 1; i < list.length; i++) gaps.push((Date.parse(list[i]!.date) - Date.parse(list[i - 1]!.date)) / 86_400_000);
      const bp = list.filter((f) => f.systolic !== null);
      if (bp.length >= 6) {
        first.push(bp[0]!.systolic!);
        last.push(bp[bp.length - 1]!.systolic!);
      }
    }
    gaps.sort((x, y) => x - y);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(26);
    expect(median).toBeLessThanOrEqual(35);
    // blood pressure comes down with treatment
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    expect(first.length).toBeGreaterThan(5);
    expect(mean(first) - mean(last)).toBeGreaterThan(4);
  });
});

describe('population plan (no database)', () => {
  const { world } = planWorld({ persons: 20_000, seed: 'plan', today: DEFAULT_TODAY, ethnicMix: 'plains', visitYears: 2 });
  const people = world.persons.filter((p) => p.duplicateOf === null);

  it('uses Kinh family names at their real frequency', () => {
    const total = KINH_FAMILY_NAMES.reduce((s, [, w]) => s + w, 0);
    const expected = new Map(KINH_FAMILY_NAMES.map(([n, w]) => [n, w / total]));
    const counts = new Map<string, number>();
    for (const p of people) {
      const family = p.fields.fullName.split(' ')[0]!;
      counts.set(family, (counts.get(family) ?? 0) + 1);
    }
    for (const name of ['Nguyễn', 'Trần', 'Lê', 'Phạm']) {
      const share = (counts.get(name) ?? 0) / people.length;
      expect(share).toBeGreaterThan(expected.get(name)! * 0.8);
      expect(share).toBeLessThan(expected.get(name)! * 1.2);
    }
  });

  it('follows the census age pyramid within a few points per band', () => {
    const shares = pyramidShares();
    const bands = new Map<number, number>();
    for (const p of people) {
      const band = Math.min(95, Math.floor(ageOn(p.fields.birthDate, DEFAULT_TODAY) / 5) * 5);
      bands.set(band, (bands.get(band) ?? 0) + 1);
    }
    for (const [band, share] of shares) expect(Math.abs((bands.get(band) ?? 0) / people.length - share)).toBeLessThan(0.025);
  });

  it('uses the mountain groups for --ethnic-mix mountain', () => {
    const { world: m } = planWorld({ persons: 3000, seed: 'plan', today: DEFAULT_TODAY, ethnicMix: 'mountain', visitYears: 2 });
    const kinh = m.persons.filter((p) => p.fields.ethnicityCode === '01').length / m.persons.length;
    expect(kinh).toBeLessThan(0.3);
    expect(new Set(m.persons.map((p) => p.fields.ethnicityCode))).toEqual(new Set(['01', '02', '03', '07', '08', '09']));
  });
});
