import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScheduleJson } from '../../../shared/immunization/schedule-json.js';
import { TT10_2024_CHILDREN } from '../../../shared/immunization/schedules/index.js';
import type { TestStation } from '../testing/station.js';
import { freshImmStation, seedImmFamily } from './testing.js';

let t: TestStation;
let admin: string;
let nurse: string;

beforeEach(async () => ({ t, admin, nurse } = await freshImmStation()));
afterEach(() => t.cleanup());

const names = async (input: { date: string; hamletIds: string[] }) =>
  (await t.ok('imm.dueList', input, { token: nurse })).groups.flatMap((g) => g.rows.map((r) => `${r.person.fullName}: ${r.doses.map((d) => d.label).join(', ')}`));

describe('due list (cached pending doses)', () => {
  it('follows doses recorded here, doses arriving by sync, a move to another hamlet and a new schedule version', async () => {
    const f = await seedImmFamily(t, admin, { children: [{ name: 'Bé An', birthDate: '2026-01-10' }, { name: 'Bé Bình', birthDate: '2025-06-20' }] });
    const { hamlets } = await t.ok('hamlets.list', {}, { token: nurse });
    const all = { date: '2026-03-15', hamletIds: hamlets.map((h) => h.id) };
    const an = f.children[0]!;
    const binh = f.children[1]!;
    await t.ok('imm.recordDose', { personId: binh.id, vaccineCode: 'BCG', givenOn: '2025-06-21', givenElsewhere: true, place: 'BV' }, { token: nurse });
    for (const [code, date] of [['DPT-VGB-Hib', '2025-08-20'], ['DPT-VGB-Hib', '2025-09-20'], ['DPT-VGB-Hib', '2025-10-20'], ['bOPV', '2025-08-20'], ['bOPV', '2025-09-20'], ['bOPV', '2025-10-20'], ['Rota', '2025-08-20'], ['Rota', '2025-09-20'], ['IPV', '2025-11-20']] as const)
      await t.ok('imm.recordDose', { personId: binh.id, vaccineCode: code, givenOn: date, givenElsewhere: true, place: 'BV' }, { token: nurse });
    expect(await names(all)).toEqual(['Bé An: BCG, DPT-VGB-Hib 1, bOPV 1, Rota 1']);
    // On 20/03 Bình is 9 months old: measles and IPV 2 become due (a later date, same cache).
    expect(await names({ ...all, date: '2026-03-20' })).toEqual(['Bé An: BCG, DPT-VGB-Hib 1, bOPV 1, Rota 1', 'Bé Bình: IPV 2, Sởi (9 tháng)']);

    await t.ok('imm.recordDose', { personId: an.id, vaccineCode: 'BCG', givenOn: '2026-03-14', givenElsewhere: true, place: 'BV' }, { token: nurse });
    expect(await names(all)).toEqual(['Bé An: DPT-VGB-Hib 1, bOPV 1, Rota 1']);

    // A dose written by sync (straight into the table, not through the handlers): the trigger makes the cache stale.
    t.station.sqlite
      .prepare(
        `INSERT INTO imm_doses (id, owner_facility, hlc, deleted, person_id, vaccine_code, series_key, given_on, given_elsewhere, valid_when_recorded, created_at)
         VALUES (?, 'HUYEN', 'x', 0, ?, 'Rota', 'rota', '2026-03-12', 1, 1, '2026-03-12T00:00:00Z')`,
      )
      .run(uuidv7(), an.id);
    expect(await names(all)).toEqual(['Bé An: DPT-VGB-Hib 1, bOPV 1']);

    // The household moves to Thôn 2: a due list for Thôn 1 no longer has them.
    await t.ok('households.update', { id: f.householdId, hamletId: hamlets[1]!.id }, { token: admin });
    expect(await names({ date: '2026-03-15', hamletIds: [hamlets[0]!.id] })).toEqual([]);
    expect(await names({ date: '2026-03-15', hamletIds: [hamlets[1]!.id] })).toEqual(['Bé An: DPT-VGB-Hib 1, bOPV 1']);

    // A new version in force from 01/03/2026 moves DPT-VGB-Hib 1 to 3 months: An (2 months) is no longer due for it,
    // and Bình's first dose, given at 2 months, no longer counts (so dose 3 is due again).
    const v2 = structuredClone(TT10_2024_CHILDREN) as { -readonly [K in keyof typeof TT10_2024_CHILDREN]: unknown } & typeof TT10_2024_CHILDREN;
    Object.assign(v2, { id: 'test-2026-children', effectiveFrom: '2026-03-01' });
    const dpt = v2.series.find((s) => s.key === 'dpt')!.doses[0]! as { minimumAge: unknown; recommendedAge: unknown; overdueAge: unknown };
    Object.assign(dpt, { minimumAge: { months: 3 }, recommendedAge: { months: 3 }, overdueAge: { months: 4 } });
    await t.ok('imm.loadSchedule', { json: formatScheduleJson(v2) }, { token: admin });
    const due = await t.ok('imm.dueList', all, { token: nurse });
    expect(due.scheduleIds[0]).toBe('test-2026-children');
    expect(due.groups.flatMap((g) => g.rows.map((r) => r.doses.map((d) => d.label).join(', ')))).toEqual(['bOPV 1', 'DPT-VGB-Hib 3']);
    const versions = await t.ok('imm.schedules', {}, { token: nurse });
    expect(versions.versions.filter((v) => v.inForce).map((v) => v.id).sort()).toEqual(['test-2026-children', 'tetanus-women-2024']);
  });

  it('lists pregnant women due for tetanus, and women 15–35 only when asked', async () => {
    const f = await seedImmFamily(t, admin);
    const { hamlets } = await t.ok('hamlets.list', {}, { token: nurse });
    const all = { date: '2026-03-15', hamletIds: hamlets.map((h) => h.id) };
    expect(await names(all)).toEqual([]);
    const women = await t.ok('imm.dueList', { ...all, includeWomen: true }, { token: nurse });
    expect(women.groups.flatMap((g) => g.rows.map((r) => [r.person.fullName, r.group]))).toEqual([['Trần Thị Mẹ Nguyễn', 'woman']]);
    await t.ok('imm.recordPregnancy', { personId: f.motherId, expectedDelivery: '2026-06-01' }, { token: nurse });
    const pregnant = await t.ok('imm.dueList', all, { token: nurse });
    expect(pregnant.groups.flatMap((g) => g.rows.map((r) => [r.group, r.doses[0]!.label, r.doses[0]!.state]))).toEqual([['pregnant', 'UV1', 'due']]); // overdue 2 months before delivery (01/04)
  });

  it('lists women 15–35 from the cache: doses recorded here or arriving by sync, a list before a dose, a pregnancy on record, a status change', async () => {
    const f = await seedImmFamily(t, admin);
    // Lists go by hamlet: Thôn 1 (Nguyễn) before Thôn 2 (Lê).
    const other = await seedImmFamily(t, admin, { surname: 'Lê', hamletIndex: 1 });
    const { hamlets } = await t.ok('hamlets.list', {}, { token: nurse });
    const list = (date: string) => t.ok('imm.dueList', { date, hamletIds: hamlets.map((h) => h.id), includeWomen: true }, { token: nurse });
    const women = async (date: string) => (await list(date)).groups.flatMap((g) => g.rows.map((r) => `${r.person.fullName} (${r.group}): ${r.doses.map((d) => `${d.label} ${d.state}`).join(', ')}`));
    expect(await women('2026-03-15')).toEqual(['Trần Thị Mẹ Nguyễn (woman): UV1 due', 'Trần Thị Mẹ Lê (woman): UV1 due']);
    // The cached contact is the registry's: her own phone, then the household head's.
    const mother = (await list('2026-03-15')).groups.flatMap((g) => g.rows).find((r) => r.person.id === f.motherId)!;
    expect(mother.person).toMatchObject({ fullName: 'Trần Thị Mẹ Nguyễn', phones: ['0987000111', '0912345678'], hamletName: 'Thôn 1' });

    // UV1 recorded: nothing due until a month later, then UV2; a list for a day before the dose still has UV1.
    await t.ok('imm.recordDose', { personId: f.motherId, vaccineCode: 'UV', givenOn: '2026-03-10', givenElsewhere: true, place: 'BV huyện' }, { token: nurse });
    expect(await women('2026-03-15')).toEqual(['Trần Thị Mẹ Lê (woman): UV1 due']);
    expect(await women('2026-04-20')).toEqual(['Trần Thị Mẹ Nguyễn (woman): UV2 due', 'Trần Thị Mẹ Lê (woman): UV1 due']);
    expect(await women('2026-03-05')).toEqual(['Trần Thị Mẹ Nguyễn (woman): UV1 due', 'Trần Thị Mẹ Lê (woman): UV1 due']);

    // UV2 arrives by sync (straight into the table): UV3 only 6 months later.
    t.station.sqlite
      .prepare(
        `INSERT INTO imm_doses (id, owner_facility, hlc, deleted, person_id, vaccine_code, series_key, given_on, given_elsewhere, valid_when_recorded, created_at)
         VALUES (?, 'HUYEN', 'x', 0, ?, 'UV', 'uv', '2026-04-10', 1, 1, '2026-04-10T00:00:00Z')`,
      )
      .run(uuidv7(), f.motherId);
    expect(await women('2026-04-20')).toEqual(['Trần Thị Mẹ Lê (woman): UV1 due']);
    expect(await women('2026-10-20')).toEqual(['Trần Thị Mẹ Nguyễn (woman): UV3 due', 'Trần Thị Mẹ Lê (woman): UV1 due']);

    // A pregnancy on record (ended last year): she is evaluated directly, still a woman due for the next dose.
    await t.ok('imm.recordPregnancy', { personId: f.motherId, expectedDelivery: '2025-06-01' }, { token: nurse });
    expect(await women('2026-10-20')).toEqual(['Trần Thị Mẹ Nguyễn (woman): UV3 due', 'Trần Thị Mẹ Lê (woman): UV1 due']);

    // The other mother moved away (written by sync): no longer listed.
    t.station.sqlite.prepare(`UPDATE persons SET status = 'moved_away', hlc = 'y' WHERE id = ?`).run(other.motherId);
    expect(await women('2026-10-20')).toEqual(['Trần Thị Mẹ Nguyễn (woman): UV3 due']);
  });

  it('refuses a malformed schedule file with the Vietnamese errors, and only administrators load one', async () => {
    const bad = await t.call('imm.loadSchedule', { json: '{"format": 1, "id": "x"}' }, { token: admin });
    expect(bad.ok ? null : bad.error.code).toBe('IMM_SCHEDULE_INVALID');
    expect(bad.ok ? '' : bad.error.message).toContain('Tệp lịch tiêm chủng không hợp lệ');
    const nurseLoad = await t.call('imm.loadSchedule', { json: formatScheduleJson(TT10_2024_CHILDREN) }, { token: nurse });
    expect(nurseLoad.ok ? null : nurseLoad.error.code).toBe('FORBIDDEN');
    const dup = await t.call('imm.loadSchedule', { json: formatScheduleJson(TT10_2024_CHILDREN) }, { token: admin });
    expect(dup.ok ? null : dup.error.code).toBe('IMM_SCHEDULE_INVALID');
  });
});
