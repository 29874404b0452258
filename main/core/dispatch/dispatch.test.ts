import { afterEach, beforeEach, describe, expect, it, vi as vitest } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { handlers } from '../handlers.js';
import { hamlets } from '../setup/schema.js';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { createDispatcher } from './dispatch.js';

let t: TestStation;
beforeEach(() => {
  t = createTestStation();
});
afterEach(() => t.cleanup());

const count = (table: string) => (t.station.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const caller = (token: string | null, locale: 'vi' | 'en' = 'vi') => ({ token, workstation: 'test', locale });

describe('calling the backend', () => {
  it('an unknown function is refused with UNKNOWN_PROCEDURE', async () => {
    const r = await t.dispatch('persons.teleport', {}, caller(null));
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: 'Chức năng không tồn tại: persons.teleport' } });
  });

  it('invalid input is refused with a Vietnamese message for each field, and nothing is written', async () => {
    const token = await setUpStation(t);
    const [logBefore, usersBefore] = [count('change_log'), count('users')];
    const r = await t.call('users.create', { username: 'Bà Lan', fullName: '   ', role: 'doctor' as never, password: '123' }, { token });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.message).toBe('Dữ liệu nhập chưa đúng, vui lòng kiểm tra các ô được đánh dấu.');
    const fields = Object.fromEntries((r.error.details?.fields ?? []).map((f) => [f.path, f.message]));
    expect(Object.keys(fields).sort()).toEqual(['fullName', 'password', 'role', 'username']);
    expect(fields.username).toBe('Tên đăng nhập 3–32 ký tự: chữ không dấu, số, dấu chấm, gạch dưới');
    expect(fields.fullName).toBe('Không được để trống');
    expect(fields.password).toBe('Mật khẩu cần ít nhất 8 ký tự');
    expect(fields.role).toBeTruthy();
    expect(count('change_log')).toBe(logBefore);
    expect(count('users')).toBe(usersBefore);
  });

  it('the same invalid input gets English messages for an English-speaking user', async () => {
    const token = await setUpStation(t);
    const input = { username: 'Bà Lan', fullName: '   ', role: 'doctor' as never, password: '123' };
    const [viR, enR] = [await t.call('users.create', input, { token }), await t.call('users.create', input, { token, locale: 'en' })];
    expect(enR.ok || viR.ok).toBe(false);
    if (enR.ok || viR.ok) return;
    expect(enR.error.message).toBe('Some fields are not valid; please check the marked fields.');
    const fields = Object.fromEntries((enR.error.details?.fields ?? []).map((f) => [f.path, f.message]));
    expect(fields.username).toBe('Username: 3–32 characters, unaccented letters, digits, dot, underscore');
    expect(fields.fullName).toBe('Required');
    expect(fields.password).toBe('The password needs at least 8 characters');
    // Zod's own messages (an unknown role) follow the caller's language too.
    const viRole = viR.error.details?.fields?.find((f) => f.path === 'role')?.message;
    expect(fields.role).toBeTruthy();
    expect(fields.role).not.toBe(viRole);
  });

  it('input that is not an object at all is a validation error, not a crash', async () => {
    await setUpStation(t);
    const r = await t.dispatch('auth.login', 'admin:matkhau', caller(null));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION_FAILED');
  });

  it('a signed-out caller is asked to sign in', async () => {
    await setUpStation(t);
    for (const token of [null, 'not-a-real-token']) {
      const r = await t.call('hamlets.list', {}, { token });
      expect(r).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để tiếp tục.' } });
    }
  });

  it('before setup, everything except the public functions answers SETUP_REQUIRED', async () => {
    for (const name of ['users.list', 'settings.get', 'hamlets.list', 'audit.list'] as const) {
      const r = await t.dispatch(name, {}, caller('some-token'));
      expect(r.ok ? null : r.error.code, name).toBe('SETUP_REQUIRED');
    }
    expect(await t.ok('setup.status', {})).toEqual({ configured: false, facility: null });
    expect((await t.ok('reference.provinces', {})).provinces.length).toBeGreaterThan(0);
  });
});

describe('roles', () => {
  it('a data clerk cannot list or create users, and each refusal is audited', async () => {
    const admin = await setUpStation(t);
    const clerk = await signInAs(t, admin, 'clerk', 'nv.nhaplieu');
    const usersBefore = count('users');
    for (const r of [
      await t.call('users.list', {}, { token: clerk }),
      await t.call('users.create', { username: 'moi', fullName: 'Người Mới', role: 'admin', password: '12345678' }, { token: clerk }),
    ]) {
      expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Vai trò của bạn không được phép thực hiện thao tác này.' } });
    }
    expect(count('users')).toBe(usersBefore);
    const audit = t.station.sqlite
      .prepare("SELECT username, kind, details FROM audit_log WHERE action = 'forbidden' ORDER BY at, id")
      .all() as { username: string; kind: string; details: string }[];
    expect(audit.map((a) => [a.username, a.kind, JSON.parse(a.details).procedure])).toEqual([
      ['nv.nhaplieu', 'auth', 'users.list'],
      ['nv.nhaplieu', 'auth', 'users.create'],
    ]);
    // Functions open to every role still work for the clerk.
    expect((await t.ok('hamlets.list', {}, { token: clerk })).hamlets).toHaveLength(3);
  });
});

describe('errors inside the backend', () => {
  it('an unexpected failure returns INTERNAL without a stack trace or file path', async () => {
    const token = await setUpStation(t);
    const logError = vitest.fn();
    const dispatch = createDispatcher(
      t.station,
      {
        ...handlers,
        'settings.get': () => {
          throw new Error('boom at /secret/path.ts:1');
        },
      },
      { logError },
    );
    const r = await dispatch('settings.get', {}, caller(token));
    expect(r).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Đã có lỗi trong hệ thống. Dữ liệu chưa được lưu. Vui lòng thử lại hoặc báo quản trị viên.' },
    });
    const text = JSON.stringify(r);
    for (const leak of ['boom', '/secret', '.ts', 'Error', '    at ']) expect(text).not.toContain(leak);
    // The details stay inside the process, for the log.
    expect(logError).toHaveBeenCalledWith('settings.get', expect.objectContaining({ message: 'boom at /secret/path.ts:1' }));
  });

  it('a write that fails halfway leaves nothing behind and sends no change event', async () => {
    const token = await setUpStation(t);
    const events: unknown[] = [];
    t.station.events.subscribe((name, payload) => events.push({ name, payload }));
    const dispatch = createDispatcher(
      t.station,
      {
        ...handlers,
        'hamlets.add': (input, ctx) => {
          ctx.write.insert(hamlets, { name: input.name, sort: 4 });
          throw new Error('disk full');
        },
      },
      { logError: () => undefined },
    );
    const [logBefore, hamletsBefore] = [count('change_log'), count('hamlets')];
    const r = await dispatch('hamlets.add', { name: 'Thôn Dở Dang' }, caller(token));
    expect(r.ok ? null : r.error.code).toBe('INTERNAL');
    expect([count('change_log'), count('hamlets')]).toEqual([logBefore, hamletsBefore]);
    expect(events).toEqual([]);
  });
});

describe('writes', () => {
  it('run one at a time: 20 users created at once all succeed, each with its own row and log entry in order', async () => {
    const token = await setUpStation(t);
    const maxSeq = (t.station.sqlite.prepare('SELECT max(seq) AS m FROM change_log').get() as { m: number }).m;
    const names = Array.from({ length: 20 }, (_, i) => `nv${String(i).padStart(2, '0')}`);
    const results = await Promise.all(
      names.map((username) => t.call('users.create', { username, fullName: `Nhân viên ${username}`, role: 'nurse', password: 'mat-khau-123' }, { token })),
    );
    const created = results.map((r) => (r.ok ? r.value.user : null));
    expect(created.every(Boolean)).toBe(true);
    expect(new Set(created.map((u) => u!.id)).size).toBe(20);
    const log = t.station.sqlite.prepare('SELECT seq, table_name, row_id FROM change_log WHERE seq > ? ORDER BY seq').all(maxSeq) as {
      seq: number;
      table_name: string;
      row_id: string;
    }[];
    expect(log.map((e) => e.seq)).toEqual(names.map((_, i) => maxSeq + 1 + i));
    expect(log.map((e) => e.row_id)).toEqual(created.map((u) => u!.id));
    expect(log.every((e) => e.table_name === 'users')).toBe(true);
  });

  it('a failed write in a burst does not stop the writes queued after it', async () => {
    const token = await setUpStation(t);
    const add = (name: string) => t.call('hamlets.add', { name }, { token });
    const results = await Promise.all([add('Thôn 4'), add('Thôn 1'), add('Thôn 5'), add('Thôn 4'), add('Thôn 6')]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'VALIDATION_FAILED', 'ok', 'VALIDATION_FAILED', 'ok']);
    expect((await t.ok('hamlets.list', {}, { token })).hamlets.map((h) => h.name)).toEqual([
      'Thôn 1', 'Thôn 2', 'Bản Mường', 'Thôn 4', 'Thôn 5', 'Thôn 6',
    ]);
  });

  it('a committed write announces the tables it touched; a refused one and a read announce nothing', async () => {
    const token = await setUpStation(t);
    const events: { name: string; payload: unknown }[] = [];
    const unsubscribe = t.station.events.subscribe((name, payload) => events.push({ name, payload }));
    await t.ok('hamlets.add', { name: 'Thôn Mới' }, { token });
    expect(events).toEqual([{ name: 'data.changed', payload: { tables: ['hamlets'], procedure: 'hamlets.add' } }]);

    events.length = 0;
    const dup = await t.call('hamlets.add', { name: 'thôn mới' }, { token });
    expect(dup.ok).toBe(false);
    await t.ok('hamlets.list', {}, { token });
    expect(events).toEqual([]);

    await t.ok('settings.update', { idleLockMinutes: 5 }, { token });
    expect(events).toEqual([{ name: 'data.changed', payload: { tables: ['settings'], procedure: 'settings.update' } }]);
    unsubscribe();
  });

  it('an expected refusal inside a write rolls back what the handler had written', async () => {
    const token = await setUpStation(t);
    const dispatch = createDispatcher(t.station, {
      ...handlers,
      'hamlets.add': (input, ctx) => {
        ctx.write.insert(hamlets, { name: input.name, sort: 4 });
        throw new AppError('BAD_REQUEST');
      },
    });
    const before = count('change_log');
    const r = await dispatch('hamlets.add', { name: 'Thôn Tạm' }, caller(token));
    expect(r.ok ? null : r.error.code).toBe('BAD_REQUEST');
    expect(count('change_log')).toBe(before);
    expect((await t.ok('hamlets.list', {}, { token })).hamlets.map((h) => h.name)).not.toContain('Thôn Tạm');
  });
});
