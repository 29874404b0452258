import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/immunization/dates.js';
import { DEFAULT_TODAY, generateStation, SHAPES } from './generate.js';
import { immunizationShape } from './immunization.js';

/**
 * The immunization shape (bench/seed/immunization.ts): deterministic, and its data looks like a commune's EPI —
 * schedule followed mostly on time, birth doses at the hospital, sessions every month at each point, a stock ledger
 * that agrees with the doses given.
 */

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-imm-seed-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const shapes = [...SHAPES.filter((s) => s.name === 'households' || s.name === 'life-events'), immunizationShape];
const open = (dir: string) => new Database(path.join(dir, 'station.sqlite'), { readonly: true });

function snapshot(db: Database.Database) {
  return {
    doses: db
      .prepare(
        `SELECT p.full_name, d.vaccine_code, d.series_key, d.given_on, d.given_elsewhere, d.place, d.lot_number, d.within_24h, d.valid_when_recorded, d.invalid_reason
         FROM imm_doses d JOIN persons p ON p.id = d.person_id ORDER BY p.full_name, p.birth_date, d.given_on, d.series_key`,
      )
      .all(),
    movements: db.prepare('SELECT l.lot_number, m.kind, m.delta, m.occurred_on FROM imm_movements m JOIN imm_lots l ON l.id = m.lot_id ORDER BY m.occurred_on, l.lot_number, m.kind, m.delta').all(),
    sessions: db.prepare('SELECT session_date, place, status FROM imm_sessions ORDER BY session_date, place').all(),
    pregnancies: db.prepare('SELECT p.full_name, g.lmp, g.expected_delivery, g.ended_on, g.outcome FROM imm_pregnancies g JOIN persons p ON p.id = g.person_id ORDER BY p.full_name, g.expected_delivery').all(),
  };
}

describe('immunization shape', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = tempDir();
    b = tempDir();
    await generateStation({ persons: 1500, dataDir: a, seed: 'imm-1', progress: false, shapes });
    await generateStation({ persons: 1500, dataDir: b, seed: 'imm-1', progress: false, shapes });
  }, 600_000);

  it('gives identical doses, stock movements, sessions and pregnancies for the same seed', () => {
    const [da, db] = [open(a), open(b)];
    const [sa, sb] = [snapshot(da), snapshot(db)];
    da.close();
    db.close();
    expect(sa.doses.length).toBeGreaterThan(1000);
    expect(sb).toEqual(sa);
  });

  it('follows the schedule: most one-year-olds have 3 doses of DPT-VGB-Hib and measles; birth doses mostly at the hospital, within 24 h', () => {
    const db = open(a);
    const children = db
      .prepare(
        `SELECT p.id, p.birth_date AS birthDate,
           (SELECT count(*) FROM imm_doses d WHERE d.person_id = p.id AND d.series_key = 'dpt' AND d.valid_when_recorded = 1 AND d.voided_at IS NULL) AS dpt,
           (SELECT count(*) FROM imm_doses d WHERE d.person_id = p.id AND d.series_key = 'measles' AND d.valid_when_recorded = 1) AS measles,
           (SELECT count(*) FROM imm_doses d WHERE d.person_id = p.id AND d.series_key = 'hepb-birth') AS hepb,
           (SELECT count(*) FROM imm_doses d WHERE d.person_id = p.id AND d.series_key = 'hepb-birth' AND d.within_24h = 1) AS hepb24,
           (SELECT count(*) FROM imm_doses d WHERE d.person_id = p.id AND d.series_key = 'hepb-birth' AND d.given_elsewhere = 1) AS hepbHospital
         FROM persons p WHERE p.status = 'active' AND length(p.birth_date) = 10 AND p.birth_date > ? AND p.birth_date <= ?`,
      )
      .all(addMonths(DEFAULT_TODAY, -24), addMonths(DEFAULT_TODAY, -13)) as { dpt: number; measles: number; hepb: number; hepb24: number; hepbHospital: number }[];
    db.close();
    expect(children.length).toBeGreaterThan(10);
    const share = (f: (c: (typeof children)[number]) => boolean) => children.filter(f).length / children.length;
    expect(share((c) => c.dpt >= 3)).toBeGreaterThan(0.75);
    expect(share((c) => c.dpt >= 3)).toBeLessThan(1);
    expect(share((c) => c.measles >= 1)).toBeGreaterThan(0.7);
    expect(share((c) => c.hepb24 > 0)).toBeGreaterThan(0.7);
    expect(share((c) => c.hepbHospital > 0)).toBeGreaterThan(0.6);
  });

  it('keeps a few invalid early doses, flagged by the engine, and no dose before birth or after today', () => {
    const db = open(a);
    const invalid = db.prepare('SELECT invalid_reason AS reason, vaccine_code AS code, given_elsewhere AS elsewhere FROM imm_doses WHERE valid_when_recorded = 0').all() as { reason: string; code: string; elsewhere: number }[];
    const total = db.prepare('SELECT count(*) FROM imm_doses').pluck().get() as number;
    const outside = db.prepare('SELECT count(*) FROM imm_doses d JOIN persons p ON p.id = d.person_id WHERE d.given_on < p.birth_date OR d.given_on > ?').pluck().get(DEFAULT_TODAY) as number;
    db.close();
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeLessThan(total * 0.01);
    for (const d of invalid) {
      expect(['too-early-age', 'interval-too-short']).toContain(d.reason);
      expect(d.elsewhere).toBe(1);
    }
    expect(outside).toBe(0);
  });

  it('holds a session every month at every point, closed, with check-ins, screenings and vaccinations; next month planned', () => {
    const db = open(a);
    const months = db.prepare("SELECT count(DISTINCT substr(session_date, 1, 7)) FROM imm_sessions WHERE status = 'closed'").pluck().get() as number;
    const planned = db.prepare("SELECT count(*) FROM imm_sessions WHERE status = 'planned' AND session_date > ?").pluck().get(DEFAULT_TODAY) as number;
    const attendance = db.prepare('SELECT count(*) AS n, sum(injected_at IS NOT NULL) AS vaccinated, sum(left_at IS NOT NULL) AS left FROM imm_attendance').get() as { n: number; vaccinated: number; left: number };
    const postponed = db.prepare("SELECT count(*) FROM imm_screenings WHERE outcome = 'postpone'").pluck().get() as number;
    const unlinked = db.prepare('SELECT count(*) FROM imm_doses WHERE attendance_id IS NOT NULL AND session_id IS NULL').pluck().get() as number;
    db.close();
    expect(months).toBeGreaterThanOrEqual(23);
    expect(planned).toBeGreaterThan(0);
    expect(attendance.n).toBeGreaterThan(100);
    expect(attendance.vaccinated / attendance.n).toBeGreaterThan(0.9);
    expect(attendance.left).toBe(attendance.vaccinated);
    expect(postponed).toBeGreaterThan(0);
    expect(unlinked).toBe(0);
  });

  it('keeps a stock ledger that agrees with the doses given: no lot below zero, one administered movement per dose from a lot', () => {
    const db = open(a);
    const negative = db.prepare('SELECT count(*) FROM (SELECT lot_id, sum(delta) AS s FROM imm_movements WHERE deleted = 0 GROUP BY lot_id HAVING s < 0)').pluck().get() as number;
    const administered = db.prepare("SELECT count(*) FROM imm_movements WHERE kind = 'administered'").pluck().get() as number;
    const fromLots = db.prepare('SELECT count(*) FROM imm_doses WHERE lot_id IS NOT NULL AND given_elsewhere = 0').pluck().get() as number;
    const kinds = new Map((db.prepare('SELECT kind, count(*) AS n FROM imm_movements GROUP BY kind').all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]));
    const expiredUsed = db.prepare('SELECT count(*) FROM imm_doses d JOIN imm_lots l ON l.id = d.lot_id WHERE l.expiry < d.given_on').pluck().get() as number;
    db.close();
    expect(negative).toBe(0);
    expect(administered).toBe(fromLots);
    expect(kinds.get('received')).toBeGreaterThan(20);
    expect(kinds.get('issued')).toBeGreaterThan(20);
    expect(kinds.get('wasted')).toBeGreaterThan(0);
    expect(expiredUsed).toBe(0);
  });

  it('records pregnancies with expected delivery dates and tetanus doses in pregnancy', () => {
    const db = open(a);
    const g = db.prepare("SELECT count(*) AS n, sum(outcome = 'live_birth') AS born, sum(ended_on IS NULL) AS ongoing FROM imm_pregnancies").get() as { n: number; born: number; ongoing: number };
    const uvInPregnancy = db
      .prepare(
        `SELECT count(*) FROM imm_doses d JOIN imm_pregnancies g ON g.person_id = d.person_id
         WHERE d.series_key = 'uv' AND d.given_on >= date(g.expected_delivery, '-280 days') AND d.given_on <= g.expected_delivery`,
      )
      .pluck()
      .get() as number;
    db.close();
    expect(g.n).toBeGreaterThan(10);
    expect(g.born).toBeGreaterThan(0);
    expect(g.ongoing).toBeGreaterThan(0);
    expect(uvInPregnancy).toBeGreaterThan(g.n * 0.5);
  });
});
