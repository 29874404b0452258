import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStation } from '../testing/station.js';
import { freshImmStation, seedImmFamily } from './testing.js';
import { warmImmunizationCaches } from './warm-caches.js';

let t: TestStation;
let admin: string;
let nurse: string;

beforeEach(async () => ({ t, admin, nurse } = await freshImmStation()));
afterEach(() => t.cleanup());

const stale = (table: 'imm_due_cache' | 'imm_coverage_cache') => (t.station.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE stale = 1`).get() as { n: number }).n;

describe('background refresh of the immunization caches', () => {
  it('refreshes every stale row in slices, letting other work run between them, with the same lists after', async () => {
    await seedImmFamily(t, admin, { children: [{ name: 'Bé An', birthDate: '2026-01-10' }, { name: 'Bé Bình', birthDate: '2025-06-20' }, { name: 'Bé Cúc', birthDate: '2024-11-02', sex: 'F' }] });
    const { hamlets } = await t.ok('hamlets.list', {}, { token: nurse });
    const list = async () => (await t.ok('imm.dueList', { date: '2026-03-15', hamletIds: hamlets.map((h) => h.id) }, { token: nurse })).groups.flatMap((g) => g.rows.map((r) => `${r.person.fullName}: ${r.doses.map((d) => d.label).join(', ')}`));
    const before = await list();
    const coverage = (await t.ok('imm.coverage', { month: '2026-02' }, { token: nurse })) as unknown;
    // As after a migration or a new schedule version: every row stale.
    t.station.sqlite.exec('UPDATE imm_due_cache SET stale = 1; UPDATE imm_coverage_cache SET stale = 1');
    const rows = stale('imm_due_cache') + stale('imm_coverage_cache');
    expect(rows).toBeGreaterThanOrEqual(8); // 5 family members in each cache at least

    const between: number[] = [];
    let done = false;
    const poll = (): void => void setImmediate(() => done || (between.push(stale('imm_due_cache') + stale('imm_coverage_cache')), poll()));
    poll();
    const refreshed = await warmImmunizationCaches(t.station, 2);
    done = true;
    expect(refreshed).toBe(rows);
    expect([stale('imm_due_cache'), stale('imm_coverage_cache')]).toEqual([0, 0]);
    // Other callbacks ran while rows were still stale, and saw the count fall slice by slice.
    const midway = between.filter((n) => n > 0 && n < rows);
    expect(midway.length).toBeGreaterThan(2);
    expect(await list()).toEqual(before);
    expect(await t.ok('imm.coverage', { month: '2026-02' }, { token: nurse })).toEqual(coverage);
    // Nothing stale: one cheap pass.
    expect(await warmImmunizationCaches(t.station, 2)).toBe(0);
  });

  it('stops quietly when the station closes meanwhile', async () => {
    await seedImmFamily(t, admin, { children: [{ name: 'Bé An', birthDate: '2026-01-10' }] });
    t.station.sqlite.exec('UPDATE imm_due_cache SET stale = 1; UPDATE imm_coverage_cache SET stale = 1');
    const warming = warmImmunizationCaches(t.station, 1);
    t.station.close();
    await expect(warming).resolves.toBe(0);
  });
});
