import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { createHousehold, personFields } from './testing.js';

let t: TestStation;
let token: string;
beforeEach(async () => {
  t = createTestStation(new Date('2026-03-15T08:00:00Z'));
  token = await setUpStation(t);
});
afterEach(() => t.cleanup());

const count = (table: string) => (t.station.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('households and persons', () => {
  it('creates a household of four with the head, spouse and two children', async () => {
    const h = await createHousehold(t, token, { fullName: 'Nguyễn Văn Đức', cccd: '015080001234', phone: '0912345678' });
    await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'spouse', person: personFields({ fullName: 'Trần Thị Mai', sex: 'F', birthDate: '1983-02-01' }) }, { token });
    await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'child', person: personFields({ fullName: 'Nguyễn Minh Khôi', birthDate: '2010-09-09' }) }, { token });
    await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'child', person: personFields({ fullName: 'Nguyễn Thị Lan', sex: 'F', birthDate: '2015' }) }, { token });
    const got = await t.ok('households.get', { id: h.householdId }, { token });
    expect(got.household.memberCount).toBe(4);
    expect(got.household.headName).toBe('Nguyễn Văn Đức');
    expect(got.members.map((m) => m.relationToHead)).toEqual(['head', 'spouse', 'child', 'child']);
    expect(got.household.code).toMatch(/^H\d{5}$/);
  });

  it('finds a person by an unaccented or partial name, CCCD, phone, BHYT card and household code', async () => {
    const h = await createHousehold(t, token, { fullName: 'Nguyễn Văn Đức', cccd: '015080001234', phone: '0912345678', bhytCardCode: 'GD4151234567890', bhxhNumber: '1234567890' });
    await createHousehold(t, token, { fullName: 'Đặng Thị Đào', sex: 'F', birthDate: '1990-01-01' });
    const names = async (q: string) => (await t.ok('persons.search', { q }, { token })).hits.map((x) => `${x.fullName}:${x.matchedBy}`);
    expect(await names('nguyen van duc')).toEqual(['Nguyễn Văn Đức:name']);
    expect(await names('van du')).toEqual(['Nguyễn Văn Đức:name']);
    expect(await names('dang dao')).toEqual(['Đặng Thị Đào:name']);
    expect(await names('Đào')).toEqual(['Đặng Thị Đào:name']);
    expect(await names('015080001234')).toEqual(['Nguyễn Văn Đức:cccd']);
    expect(await names('0912 345 678')).toEqual(['Nguyễn Văn Đức:phone']);
    expect(await names('1234567890')).toEqual(['Nguyễn Văn Đức:bhxh']);
    expect(await names('gd415')).toEqual(['Nguyễn Văn Đức:bhyt']);
    expect(await names(h.code)).toEqual(['Nguyễn Văn Đức:household']);
    expect(await names('nguyen 1990')).toEqual([]);
    expect(await names('dao 1990')).toEqual(['Đặng Thị Đào:name']);
    expect(await names('"; DROP TABLE persons; --')).toEqual([]);
    const hit = (await t.ok('persons.search', { q: 'duc' }, { token })).hits[0]!;
    expect(hit.hamletName).toBe('Thôn 1');
    expect(hit.headName).toBe('Nguyễn Văn Đức');
  });

  it('refuses a CCCD that is already registered and names the existing record', async () => {
    const h = await createHousehold(t, token, { fullName: 'Nguyễn Văn Đức', cccd: '015080001234' });
    const before = count('persons');
    const r = await t.call('persons.register', { householdId: h.householdId, relationToHead: 'child', person: personFields({ fullName: 'Người Khác', cccd: '015080001234' }) }, { token });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PERSON_CCCD_DUPLICATE');
    expect(r.error.message).toContain('Nguyễn Văn Đức');
    expect(r.error.details?.existingId).toBe(h.headId);
    expect(count('persons')).toBe(before);
  });

  it('warns when the CCCD does not match sex or birth year, and saves once confirmed', async () => {
    const h = await createHousehold(t, token, { fullName: 'Nguyễn Văn Đức' });
    // 015 = Lào Cai, G=1 → female born 19xx; YY=85; recorded as male born 1980.
    const person = personFields({ fullName: 'Lê Văn Tâm', cccd: '015185001111', birthDate: '1980-01-01' });
    const r = await t.call('persons.register', { householdId: h.householdId, relationToHead: 'sibling', person }, { token });
    expect(r.ok ? null : r.error.code).toBe('PERSON_CCCD_MISMATCH');
    if (!r.ok) expect(r.error.details?.warnings).toEqual(expect.arrayContaining(['sex_mismatch', 'birth_year_mismatch']));
    const saved = await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'sibling', person, confirmCccdWarnings: true }, { token });
    expect(saved.person.cccd).toBe('015185001111');
  });

  it('lists possible duplicates (same folded name and birth year) before saving', async () => {
    const h = await createHousehold(t, token, { fullName: 'Phạm Thị Hoa', sex: 'F', birthDate: '1975-03-03', motherName: 'Bùi Thị Lý' });
    const person = personFields({ fullName: 'Pham Thi Hoa', sex: 'F', birthDate: '1975', motherName: 'Bùi Thị Lý' });
    const r = await t.call('persons.register', { householdId: h.householdId, relationToHead: 'other', person }, { token });
    expect(r.ok ? null : r.error.code).toBe('PERSON_POSSIBLE_DUPLICATE');
    if (!r.ok) expect((r.error.details?.candidates as { id: string; reason: string }[])[0]).toMatchObject({ id: h.headId, reason: 'name_birth_year_hamlet' });
    await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'other', person, confirmNotDuplicate: true }, { token });
  });

  it('refuses impossible dates with a field message and accepts a year-only birth date', async () => {
    const h = await createHousehold(t, token, { fullName: 'Hoàng Văn Bảy', birthDate: '1942' });
    const future = await t.call('persons.register', { householdId: h.householdId, relationToHead: 'child', person: personFields({ fullName: 'Hoàng Văn Tám', birthDate: '2027-01-01' }) }, { token });
    expect(future.ok ? null : future.error.details?.fields).toEqual([{ path: 'person.birthDate', message: 'Ngày sinh phải từ năm 1900 đến hôm nay' }]);
    const bad = await t.call('persons.register', { householdId: h.householdId, relationToHead: 'child', person: personFields({ fullName: 'Hoàng Văn Tám', birthDate: '2020-02-30' }) }, { token });
    expect(bad.ok).toBe(false);
    const head = await t.ok('persons.get', { id: h.headId }, { token });
    expect(head.person.birthDate).toBe('1942');
  });

  it('adds a newborn from the mother with one action', async () => {
    const h = await createHousehold(t, token, { fullName: 'Vũ Văn Hải', phone: '0987654321' });
    const mother = await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'spouse', person: personFields({ fullName: 'Đỗ Thị Hằng', sex: 'F', birthDate: '1995-07-07', ethnicityCode: '06' }) }, { token });
    const baby = await t.ok('households.addNewborn', { motherId: mother.person.id, fullName: 'Vũ Gia Bảo', sex: 'M', birthDate: '2026-03-10' }, { token });
    expect(baby.person).toMatchObject({ relationToHead: 'child', motherName: 'Đỗ Thị Hằng', fatherName: 'Vũ Văn Hải', ethnicityCode: '06', householdId: h.householdId });
  });

  it('splits a household and records the history for each member', async () => {
    const h = await createHousehold(t, token, { fullName: 'Lý Văn Cường', birthDate: '1950' });
    const son = await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'child', person: personFields({ fullName: 'Lý Văn Dũng', birthDate: '1978-04-04' }) }, { token });
    const dil = await t.ok('persons.register', { householdId: h.householdId, relationToHead: 'child_in_law', person: personFields({ fullName: 'Mai Thị Nga', sex: 'F', birthDate: '1980-04-04' }) }, { token });
    const split = await t.ok('households.split', { householdId: h.householdId, memberIds: [son.person.id, dil.person.id], newHeadId: son.person.id, date: '2026-03-01' }, { token });
    const got = await t.ok('households.get', { id: split.household.id }, { token });
    expect(got.members.map((m) => `${m.fullName}:${m.relationToHead}`)).toEqual(['Lý Văn Dũng:head', 'Mai Thị Nga:spouse']);
    const events = (await t.ok('persons.get', { id: son.person.id }, { token })).events.map((e) => e.kind);
    expect(events).toContain('household_split');
    expect((await t.ok('households.get', { id: h.householdId }, { token })).household.memberCount).toBe(1);
  });

  it('marks a person died, clears the head of household and keeps the event', async () => {
    const h = await createHousehold(t, token, { fullName: 'Ngô Văn Sáu', birthDate: '1930' });
    const r = await t.ok('persons.recordLifeEvent', { personId: h.headId, kind: 'died', date: '2026-03-01' }, { token });
    expect(r.person).toMatchObject({ status: 'died', diedOn: '2026-03-01' });
    const household = await t.ok('households.get', { id: h.householdId }, { token });
    expect(household.household.headPersonId).toBeNull();
    expect(household.household.dissolved).toBe(true);
    const again = await t.call('persons.recordLifeEvent', { personId: h.headId, kind: 'moved_away', date: '2026-03-02' }, { token });
    expect(again.ok ? null : again.error.code).toBe('PERSON_NOT_ACTIVE');
  });

  it('merges two persons: linked records move, the merged id resolves to the survivor, the merge is reviewable', async () => {
    const a = await createHousehold(t, token, { fullName: 'Dương Văn Lực', birthDate: '1966-06-06', cccd: '015066001999' });
    const b = await t.ok('persons.register', { householdId: a.householdId, relationToHead: 'other', person: personFields({ fullName: 'Duong Van Luc', birthDate: '1966', phone: '0900000001' }), confirmNotDuplicate: true }, { token });
    await t.ok('healthRecord.updateSection', { personId: b.person.id, section: 'allergies', value: { drugs: 'Penicillin' } }, { token });
    const clerk = await signInAs(t, token, 'clerk');
    const refused = await t.call('persons.merge', { survivorId: a.headId, mergedId: b.person.id, reason: 'Trùng hồ sơ' }, { token: clerk });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const merged = await t.ok('persons.merge', { survivorId: a.headId, mergedId: b.person.id, reason: 'Trùng hồ sơ' }, { token });
    expect(merged.person).toMatchObject({ id: a.headId, phone: '0900000001' });
    const viaOld = await t.ok('persons.get', { id: b.person.id }, { token });
    expect(viaOld.person.id).toBe(a.headId);
    expect(viaOld.resolvedFrom).toBe(b.person.id);
    expect(viaOld.summary.allergyAlert).toBe(true);
    const record = await t.ok('healthRecord.get', { personId: a.headId }, { token });
    expect(record.record.allergies).toEqual({ drugs: 'Penicillin' });
    expect(record.history).toHaveLength(1);
    const events = t.station.sqlite.prepare('SELECT count(*) AS n FROM person_events WHERE person_id = ?').get(b.person.id) as { n: number };
    expect(events.n).toBe(0);
    const review = await t.ok('persons.merges', { limit: 10 }, { token });
    expect(review.merges[0]).toMatchObject({ survivorName: 'Dương Văn Lực', mergedName: 'Duong Van Luc', reason: 'Trùng hồ sơ' });
    expect(review.merges[0]!.moved.person_events).toBeGreaterThan(0);
    const logged = t.station.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'persons.merge'").get() as { n: number };
    expect(logged.n).toBe(1);
    expect((await t.ok('persons.search', { q: 'luc' }, { token })).hits.map((h) => h.id)).toEqual([a.headId]);
    const changes = t.station.sqlite.prepare("SELECT count(*) AS n FROM change_log WHERE table_name = 'person_events' AND fields LIKE ?").get(`%${a.headId}%`) as { n: number };
    expect(changes.n).toBeGreaterThan(0);
  });

  it('keeps the history of health-record changes with who changed what', async () => {
    const h = await createHousehold(t, token, { fullName: 'Bùi Văn An' });
    await t.ok('healthRecord.updateSection', { personId: h.headId, section: 'riskFactors', value: { tobacco: 'regular' } }, { token });
    await t.ok('healthRecord.updateSection', { personId: h.headId, section: 'riskFactors', value: { tobacco: 'quit' } }, { token });
    const r = await t.ok('healthRecord.get', { personId: h.headId }, { token });
    expect(r.record.riskFactors).toEqual({ tobacco: 'quit' });
    expect(r.history.map((x) => (x.value as { tobacco: string }).tobacco)).toEqual(['quit', 'regular']);
    expect(r.history[0]!.changedBy).toBe('Nguyễn Thị Quản Trị');
    const views = t.station.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE kind = 'view' AND person_id = ?").get(h.headId) as { n: number };
    expect(views.n).toBe(1);
  });
});
