import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../shared/contract/index.js';
import { createTestStation, setUpStation, TEST_ADMIN, type TestStation } from '../testing/station.js';

let t: TestStation;
beforeEach(() => {
  t = createTestStation();
});
afterEach(() => t.cleanup());

const count = (table: string) => (t.station.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function setupInput(overrides: Partial<ProcedureInput<'setup.complete'>> = {}): ProcedureInput<'setup.complete'> {
  return {
    facility: {
      name: 'Trạm Y tế xã Bảo Thắng',
      code: '15001',
      governingBody: 'UBND xã Bảo Thắng',
      provinceCode: '15',
      provinceName: 'Tỉnh Lào Cai',
      communeCode: '02680',
      communeName: 'Xã Hợp Thành',
    },
    hamlets: ['Thôn Cốc', 'Bản Phìn'],
    admin: { fullName: 'Lò Văn Thắng', username: 'thang.lv', password: 'mat-khau-tram' },
    ...overrides,
  };
}

function fieldsOf(r: { ok: boolean; error?: { code: string; details?: { fields?: { path: string; message: string }[] } } }) {
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe('VALIDATION_FAILED');
  return (r.error?.details?.fields ?? []).map((f) => [f.path, f.message]);
}

describe('first-time setup', () => {
  it('the station reports itself as not set up until setup is completed', async () => {
    expect(await t.ok('setup.status', {})).toEqual({ configured: false, facility: null });
    const done = await t.ok('setup.complete', setupInput());
    const facility = {
      code: '15001',
      name: 'Trạm Y tế xã Bảo Thắng',
      governingBody: 'UBND xã Bảo Thắng',
      provinceCode: '15',
      provinceName: 'Tỉnh Lào Cai',
      communeCode: '02680',
      communeName: 'Xã Hợp Thành',
    };
    expect(done.facility).toEqual(facility);
    expect(await t.ok('setup.status', {})).toEqual({ configured: true, facility });
  });

  it('after setup the administrator can sign in and sees the hamlets in the order typed', async () => {
    await t.ok('setup.complete', setupInput({ locale: 'en' }));
    const { token, session } = await t.ok('auth.login', { username: 'thang.lv', password: 'mat-khau-tram' });
    expect(session.user).toMatchObject({ fullName: 'Lò Văn Thắng', role: 'admin', locale: 'en' });
    expect((await t.ok('hamlets.list', {}, { token })).hamlets.map((h) => [h.name, h.sort])).toEqual([
      ['Thôn Cốc', 1],
      ['Bản Phìn', 2],
    ]);
  });

  it('names typed with odd spacing or decomposed accents are stored cleanly, and the code in capitals', async () => {
    const input = setupInput();
    input.facility = { ...input.facility, name: '  Trạm   Y tế  xã Bảo Thắng '.normalize('NFD'), code: ' ab12c ' };
    input.hamlets = ['  Thôn   Cốc '.normalize('NFD')];
    const done = await t.ok('setup.complete', input);
    expect(done.facility.name).toBe('Trạm Y tế xã Bảo Thắng'.normalize('NFC'));
    expect(done.facility.code).toBe('AB12C');
    expect(t.station.sqlite.prepare('SELECT name FROM hamlets').all()).toEqual([{ name: 'Thôn Cốc'.normalize('NFC') }]);
  });

  it('setup cannot be run a second time', async () => {
    await setUpStation(t);
    const [usersBefore, logBefore] = [count('users'), count('change_log')];
    const again = await t.call('setup.complete', setupInput());
    expect(again).toEqual({ ok: false, error: { code: 'SETUP_ALREADY_DONE', message: 'Trạm đã được thiết lập trước đó.' } });
    expect([count('users'), count('change_log')]).toEqual([usersBefore, logBefore]);
    expect((await t.ok('setup.status', {})).facility?.code).toBe('01234');
    expect(await t.call('auth.login', { username: 'thang.lv', password: 'mat-khau-tram' })).toMatchObject({ ok: false });
    expect((await t.call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).ok).toBe(true);
  });

  it('a facility code that is not 5 letters or digits is refused at its field, and nothing is saved', async () => {
    const input = setupInput();
    input.facility = { ...input.facility, code: '12' };
    expect(fieldsOf(await t.call('setup.complete', input))).toEqual([['facility.code', 'Mã cơ sở gồm đúng 5 chữ số hoặc chữ cái']]);
    expect(await t.ok('setup.status', {})).toEqual({ configured: false, facility: null });
    expect(count('change_log')).toBe(0);
    expect(count('users')).toBe(0);
  });

  it('the same hamlet typed twice (in any case) is refused with its name', async () => {
    const r = await t.call('setup.complete', setupInput({ hamlets: ['Thôn Cốc', 'Bản Phìn', 'thôn  cốc'] }));
    expect(fieldsOf(r)).toEqual([['hamlets', 'Tên thôn bị trùng: thôn cốc']]);
    expect((await t.ok('setup.status', {})).configured).toBe(false);
  });

  it('missing or malformed fields are each reported at their own path', async () => {
    const input = setupInput({ hamlets: [] });
    input.facility = { ...input.facility, name: '   ', communeCode: '2680' };
    input.admin = { fullName: 'Lò Văn Thắng', username: 'Thắng', password: 'ngan' };
    const fields = fieldsOf(await t.call('setup.complete', input));
    expect(fields.map(([p]) => p).sort()).toEqual(['admin.password', 'admin.username', 'facility.communeCode', 'facility.name', 'hamlets']);
    expect(fields).toContainEqual(['hamlets', 'Cần ít nhất một thôn, bản, ấp hoặc tổ dân phố']);
    expect(fields).toContainEqual(['facility.name', 'Không được để trống']);
  });

  it('a refused hamlet added later in settings is also reported at its field', async () => {
    const token = await setUpStation(t);
    const r = await t.call('hamlets.add', { name: 'bản mường' }, { token });
    expect(fieldsOf(r)).toEqual([['name', 'Tên thôn bị trùng: bản mường']]);
  });
});

describe('reference lists for choosing the station area', () => {
  it('lists the 34 provinces of the 2025 reform', async () => {
    const { provinces } = await t.ok('reference.provinces', {});
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    for (const p of provinces) expect(p.code).toMatch(/^\d{2}$/);
    expect(provinces).toContainEqual({ code: '01', name: 'Thành phố Hà Nội' });
    expect(provinces).toContainEqual({ code: '15', name: 'Tỉnh Lào Cai' });
  });

  it('lists the communes of a province with 5-digit codes and Vietnamese names', async () => {
    const { communes } = await t.ok('reference.communes', { provinceCode: '15' });
    expect(communes.length).toBeGreaterThan(50);
    for (const c of communes) {
      expect(c.code).toMatch(/^\d{5}$/);
      expect(c.name.normalize('NFC')).toBe(c.name);
      expect(c.name.startsWith(`${c.type} `)).toBe(true);
    }
    expect(communes).toContainEqual({ code: '02680', name: 'Xã Hợp Thành', type: 'Xã' });
    expect(communes).toContainEqual({ code: '02647', name: 'Phường Lào Cai', type: 'Phường' });
    expect(new Set(communes.map((c) => c.code)).size).toBe(communes.length);
  });

  it('an unknown province has no communes, and a malformed code is refused', async () => {
    expect(await t.ok('reference.communes', { provinceCode: '99' })).toEqual({ communes: [] });
    expect(fieldsOf(await t.call('reference.communes', { provinceCode: '1' })).map(([p]) => p)).toEqual(['provinceCode']);
  });
});
