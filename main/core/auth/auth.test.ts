import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, setUpStation, signInAs, TEST_ADMIN, type TestStation } from '../testing/station.js';

const START = new Date('2026-03-15T08:00:00Z');
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);

let t: TestStation;
let admin: string;
beforeEach(async () => {
  t = createTestStation(START);
  admin = await setUpStation(t);
});
afterEach(() => t.cleanup());

const login = (username: string, password: string) => t.call('auth.login', { username, password });
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('signing in', () => {
  it('the right username and password start a session', async () => {
    const r = await t.ok('auth.login', { username: ' Admin ', password: TEST_ADMIN.password });
    expect(r.token).toBeTruthy();
    expect(r.session).toMatchObject({ locked: false, user: { username: 'admin', fullName: TEST_ADMIN.fullName, role: 'admin' } });
    expect(r.session.expiresAt).toBe(minutes(12 * 60).toISOString());
    expect((await t.ok('auth.session', {}, { token: r.token })).session?.user.username).toBe('admin');
    expect(await t.ok('auth.session', {})).toEqual({ session: null });
  });

  it('a wrong password or unknown username is refused with the same Vietnamese message', async () => {
    for (const r of [await login('admin', 'sai-mat-khau'), await login('khong.co', TEST_ADMIN.password)]) {
      expect(r).toEqual({ ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
    }
  });

  it('five wrong passwords lock the account for 15 minutes, even against the right password', async () => {
    for (let i = 0; i < 4; i++) expect(code(await login('admin', `sai-${i}`))).toBe('AUTH_INVALID_CREDENTIALS');
    const fifth = await login('admin', 'sai-5');
    expect(code(fifth)).toBe('AUTH_LOCKED_OUT');
    const right = await login('admin', TEST_ADMIN.password);
    expect(right).toEqual({
      ok: false,
      error: { code: 'AUTH_LOCKED_OUT', message: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau 15 phút.' },
    });
    t.setClock(minutes(14));
    expect(code(await login('admin', TEST_ADMIN.password))).toBe('AUTH_LOCKED_OUT');
    t.setClock(minutes(15.1));
    expect(code(await login('admin', TEST_ADMIN.password))).toBe('ok');
  });

  it('a successful sign-in clears the count of wrong passwords', async () => {
    for (let i = 0; i < 4; i++) await login('admin', `sai-${i}`);
    expect(code(await login('admin', TEST_ADMIN.password))).toBe('ok');
    for (let i = 0; i < 4; i++) expect(code(await login('admin', `sai-${i}`))).toBe('AUTH_INVALID_CREDENTIALS');
  });
});

describe('sessions', () => {
  it('a session ends after the configured number of hours', async () => {
    await t.ok('settings.update', { sessionHours: 1, idleLockMinutes: 240 }, { token: admin });
    const { token, session } = await t.ok('auth.login', { username: 'admin', password: TEST_ADMIN.password });
    expect(session.expiresAt).toBe(minutes(60).toISOString());
    t.setClock(minutes(50));
    expect(code(await t.call('users.list', {}, { token }))).toBe('ok');
    t.setClock(minutes(61));
    expect(await t.call('users.list', {}, { token })).toEqual({
      ok: false,
      error: { code: 'SESSION_EXPIRED', message: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.' },
    });
    expect(await t.ok('auth.session', {}, { token })).toEqual({ session: null });
  });

  it('a session left idle is locked on the server and unlocks only with the right password', async () => {
    t.setClock(minutes(11));
    expect(code(await t.call('users.list', {}, { token: admin }))).toBe('SESSION_LOCKED');
    const info = await t.ok('auth.session', {}, { token: admin });
    expect(info.session).toMatchObject({ locked: true, idleLockMinutes: 10, user: { username: 'admin' } });

    const wrong = await t.call('auth.unlock', { password: 'khong-phai' }, { token: admin });
    expect(wrong.ok ? null : [wrong.error.code, wrong.error.message]).toEqual(['AUTH_WRONG_PASSWORD', 'Mật khẩu không đúng.']);
    expect(code(await t.call('users.list', {}, { token: admin }))).toBe('SESSION_LOCKED');

    const unlocked = await t.ok('auth.unlock', { password: TEST_ADMIN.password }, { token: admin });
    expect(unlocked.session.locked).toBe(false);
    expect(code(await t.call('users.list', {}, { token: admin }))).toBe('ok');
  });

  it('regular use keeps a session from locking', async () => {
    t.setClock(minutes(9));
    expect(code(await t.call('hamlets.list', {}, { token: admin }))).toBe('ok');
    t.setClock(minutes(18));
    expect(code(await t.call('hamlets.list', {}, { token: admin }))).toBe('ok');
  });

  it('locking the screen stops every call except unlock, session and sign-out', async () => {
    await t.ok('auth.lock', {}, { token: admin });
    expect(code(await t.call('hamlets.list', {}, { token: admin }))).toBe('SESSION_LOCKED');
    expect((await t.ok('auth.session', {}, { token: admin })).session?.locked).toBe(true);
    await t.ok('auth.logout', {}, { token: admin });
    expect(code(await t.call('hamlets.list', {}, { token: admin }))).toBe('UNAUTHENTICATED');
  });

  it('too many wrong passwords at the lock screen end the session', async () => {
    await t.ok('auth.lock', {}, { token: admin });
    for (let i = 0; i < 4; i++) expect(code(await t.call('auth.unlock', { password: `sai-${i}` }, { token: admin }))).toBe('AUTH_WRONG_PASSWORD');
    expect(code(await t.call('auth.unlock', { password: 'sai-5' }, { token: admin }))).toBe('AUTH_LOCKED_OUT');
    expect(await t.ok('auth.session', {}, { token: admin })).toEqual({ session: null });
  });
});

describe('managing users', () => {
  it('disabling a user ends their sessions and stops them signing in', async () => {
    const nurse = await signInAs(t, admin, 'nurse', 'dd.hoa');
    const id = (await t.ok('auth.session', {}, { token: nurse })).session!.user.id;
    await t.ok('users.update', { id, active: false }, { token: admin });
    expect(code(await t.call('hamlets.list', {}, { token: nurse }))).toBe('UNAUTHENTICATED');
    expect(code(await login('dd.hoa', 'mat-khau-123'))).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('the last administrator cannot be disabled or given another role', async () => {
    const me = (await t.ok('auth.session', {}, { token: admin })).session!.user.id;
    const message = 'Không thể khóa hoặc đổi vai trò của quản trị viên cuối cùng.';
    expect(await t.call('users.update', { id: me, active: false }, { token: admin })).toEqual({ ok: false, error: { code: 'LAST_ADMIN', message } });
    expect(code(await t.call('users.update', { id: me, role: 'nurse' }, { token: admin }))).toBe('LAST_ADMIN');
    // With a second administrator the first one may step down.
    await signInAs(t, admin, 'admin', 'admin2');
    expect((await t.ok('users.update', { id: me, role: 'physician' }, { token: admin })).user.role).toBe('physician');
  });

  it('a username already in use is refused', async () => {
    const r = await t.call('users.create', { username: 'ADMIN', fullName: 'Người Khác', role: 'nurse', password: 'mat-khau-123' }, { token: admin });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('USERNAME_TAKEN');
    expect(r.error.message).toBe('Tên đăng nhập "admin" đã có người dùng.');
    expect(r.error.details?.fields?.map((f) => f.path)).toEqual(['username']);
  });

  it('passwords are kept only as scrypt hashes, never as typed', async () => {
    await signInAs(t, admin, 'clerk', 'nv.lan');
    const hashes = t.station.sqlite.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[];
    expect(hashes).toHaveLength(2);
    for (const { h } of hashes) expect(h).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const everything = ['users', 'change_log', 'audit_log', 'sessions', 'login_attempts', 'meta']
      .map((table) => JSON.stringify(t.station.sqlite.prepare(`SELECT * FROM ${table}`).all()))
      .join('\n');
    expect(everything).not.toContain(TEST_ADMIN.password);
    expect(everything).not.toContain('mat-khau-123');
    expect(everything).not.toContain(admin); // session tokens are stored hashed too
  });

  it('changing your password needs the current one', async () => {
    const wrong = await t.call('auth.changePassword', { currentPassword: 'doan-bua', newPassword: 'mat-khau-moi-1' }, { token: admin });
    expect(wrong.ok ? null : [wrong.error.code, wrong.error.details?.fields?.map((f) => f.path)]).toEqual(['AUTH_WRONG_PASSWORD', ['currentPassword']]);
    expect(code(await login('admin', TEST_ADMIN.password))).toBe('ok');

    await t.ok('auth.changePassword', { currentPassword: TEST_ADMIN.password, newPassword: 'mat-khau-moi-1' }, { token: admin });
    expect(code(await login('admin', TEST_ADMIN.password))).toBe('AUTH_INVALID_CREDENTIALS');
    expect(code(await login('admin', 'mat-khau-moi-1'))).toBe('ok');
  });
});

describe('the audit log', () => {
  it('records sign-ins and failed sign-ins', async () => {
    await login('admin', 'sai-mat-khau');
    const rows = t.station.sqlite.prepare("SELECT kind, action, username, details FROM audit_log WHERE kind = 'auth' ORDER BY at, id").all() as {
      kind: string;
      action: string;
      username: string | null;
      details: string | null;
    }[];
    expect(rows.map((r) => r.action)).toEqual(['login', 'login.failed']);
    expect(rows[0]!.username).toBe('admin');
    expect(JSON.parse(rows[1]!.details!)).toEqual({ username: 'admin' });
  });

  it('cannot be changed or deleted, even with raw SQL', () => {
    const { sqlite } = t.station;
    const before = sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(before.length).toBeGreaterThan(0);
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'nothing happened'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(before);
  });

  it('can be filtered by kind and by user', async () => {
    const nurse = await signInAs(t, admin, 'nurse', 'dd.mai');
    const nurseId = (await t.ok('auth.session', {}, { token: nurse })).session!.user.id;
    await login('dd.mai', 'sai-mat-khau');
    await t.ok('hamlets.add', { name: 'Thôn Mới' }, { token: admin });

    const auth = await t.ok('audit.list', { kind: 'auth' }, { token: admin });
    expect(auth.entries.length).toBeGreaterThanOrEqual(3);
    expect(auth.total).toBe(auth.entries.length);
    expect(auth.entries.every((e) => e.kind === 'auth')).toBe(true);
    expect(auth.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'login.failed']));

    const changes = await t.ok('audit.list', { kind: 'change' }, { token: admin });
    expect(changes.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['setup.complete', 'users.create', 'hamlets.add']));
    expect(changes.entries.every((e) => e.kind === 'change')).toBe(true);

    const byNurse = await t.ok('audit.list', { userId: nurseId }, { token: admin });
    expect(byNurse.entries.map((e) => [e.action, e.username])).toEqual([['login', 'dd.mai']]);
    expect(code(await t.call('audit.list', {}, { token: nurse }))).toBe('FORBIDDEN');
  });
});
