import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStation } from '../testing/station.js';
import { freshImmStation, seedImmFamily } from './testing.js';

/**
 * The session board lists, for each check-in, the doses given at that check-in (looked up through the session's
 * index, not a scan of every dose): a child vaccinated at two sessions shows each dose on its own session's board.
 */

let t: TestStation;
let nurse: string;

beforeEach(async () => ({ t, nurse } = await freshImmStation()));
afterEach(() => t.cleanup());

async function vaccinateAt(sessionId: string, personId: string, lotId: string) {
  const entry = (await t.ok('imm.checkIn', { sessionId, personId }, { token: nurse })).entry;
  await t.ok('imm.screen', { attendanceId: entry.attendanceId, answers: {}, temperature: 36.7 }, { token: nurse });
  return t.ok('imm.vaccinate', { attendanceId: entry.attendanceId, doses: [{ seriesKey: 'dpt', lotId }] }, { token: nurse });
}

describe('session board: doses given at each check-in', () => {
  it("shows each session's dose on its own board only", async () => {
    const family = await seedImmFamily(t, nurse, { children: [{ name: 'Nguyễn Văn Bé', birthDate: '2026-01-10' }] });
    const child = family.children[0]!.id;
    const lot = (await t.ok('imm.receiveStock', { vaccineCode: 'DPT-VGB-Hib', lotNumber: 'QV-1', expiry: '2027-06-30', vialSize: 1, vials: 10 }, { token: nurse })).lot;
    const march = (await t.ok('imm.createSession', { date: '2026-03-15', place: 'Trạm Y tế', hamletIds: [family.hamletId] }, { token: nurse })).session;
    const first = await vaccinateAt(march.id, child, lot.id);
    expect(first.doses.map((d) => d.doseNumber)).toEqual([1]);

    t.setClock(new Date('2026-04-15T02:00:00Z'));
    nurse = (await t.ok('auth.login', { username: 'u_nurse', password: 'mat-khau-123' })).token!;
    const april = (await t.ok('imm.createSession', { date: '2026-04-15', place: 'Trạm Y tế', hamletIds: [family.hamletId] }, { token: nurse })).session;
    const second = await vaccinateAt(april.id, child, lot.id);
    expect(second.doses.map((d) => d.doseNumber)).toEqual([2]);

    const boardOf = async (sessionId: string) => (await t.ok('imm.sessionBoard', { sessionId }, { token: nurse })).entries;
    const [m] = await boardOf(march.id);
    const [a] = await boardOf(april.id);
    expect(m!.given.map((d) => [d.givenOn, d.sessionId])).toEqual([['2026-03-15', march.id]]);
    expect(a!.given.map((d) => [d.givenOn, d.sessionId])).toEqual([['2026-04-15', april.id]]);
    expect(a!.state).toBe('observing');
  });
});
