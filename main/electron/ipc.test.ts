import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors.js';
import type { Caller } from '../core/dispatch/types.js';
import { TEST_ADMIN, createTestStation, setUpStation } from '../core/testing/station.js';
import { createIpcInvokeHandler } from './ipc.js';

const APP = 'app://station/index.html';
const WS = 'electron:PC-01';

interface Call {
  name: string;
  input: unknown;
  caller: Caller;
}

/** A stand-in for dispatch(): records calls and answers from a script (unit test of the adapter only). */
function fakeDispatch(answer: (name: string, input: unknown, caller: Caller) => Result<unknown> = () => ({ ok: true, value: { ok: true } })) {
  const calls: Call[] = [];
  let n = 0;
  const dispatch = async (name: string, input: unknown, caller: Caller): Promise<Result<unknown>> => {
    calls.push({ name, input, caller: { ...caller } });
    return answer(name, input, caller);
  };
  const nextToken = () => `tok-${++n}`;
  return { dispatch, calls, nextToken };
}

/** A backend that issues a token on login and answers auth.session with the caller's token. */
function sessionBackend() {
  const f = fakeDispatch((name, input, caller) => {
    if (name === 'auth.login') {
      const username = (input as { username: string }).username;
      return {
        ok: true,
        value: {
          session: {
            user: { id: `u-${username}`, username, fullName: username, role: 'doctor', locale: username === 'anna' ? 'en' : 'vi' },
            locked: false,
            idleLockMinutes: 15,
            expiresAt: '2030-01-01T00:00:00.000Z',
          },
          token: f.nextToken(),
        },
      };
    }
    if (name === 'auth.whoami') return { ok: true, value: { token: caller.token } };
    return { ok: true, value: { ok: true } };
  });
  return f;
}

describe('createIpcInvokeHandler: sender check', () => {
  it.each([
    undefined,
    '',
    'file:///opt/app/out/renderer/index.html',
    'http://localhost:5173/',
    'https://evil.example/',
    'app://evil/index.html',
    'app://user:pass@station/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
  ])('refuses a call from %s without calling dispatch', async (senderUrl) => {
    const f = fakeDispatch();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    const result = await handler(senderUrl, 1, 'auth.session', {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng.' } });
    expect(f.calls).toHaveLength(0);
  });

  it('refuses a name that is not a string without calling dispatch', async () => {
    const f = fakeDispatch();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    for (const name of [undefined, null, 42, { toString: () => 'auth.session' }, ['auth.session']]) {
      const result = await handler(APP, 1, name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('BAD_REQUEST');
        expect(result.error.message).toBe('Yêu cầu không hợp lệ.');
      }
    }
    expect(f.calls).toHaveLength(0);
  });

  it('passes name, input and the caller to dispatch, and returns its envelope as is', async () => {
    const f = fakeDispatch(() => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'x', details: { fields: [] } } }));
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    const input = { q: 'Nguyễn' };
    const result = await handler('app://station/persons/1', 3, 'persons.search', input);
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'x', details: { fields: [] } } });
    expect(f.calls).toEqual([{ name: 'persons.search', input, caller: { token: null, workstation: WS, locale: 'vi' } }]);
  });

  it('turns a throwing dispatch into an INTERNAL envelope with no stack', async () => {
    const handler = createIpcInvokeHandler({
      dispatch: async () => {
        throw new Error('SQLITE_CORRUPT at /home/secret/path');
      },
      workstation: WS,
    });
    const result = await handler(APP, 1, 'auth.session', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(JSON.stringify(result)).not.toMatch(/SQLITE|secret|Error/);
    }
  });
});

describe('createIpcInvokeHandler: sessions per webContents', () => {
  it('keeps the login token in the main process and strips it from the result', async () => {
    const f = sessionBackend();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    const login = await handler(APP, 7, 'auth.login', { username: 'lan', password: 'pw' });
    expect(login.ok).toBe(true);
    if (login.ok) {
      expect(login.value).not.toHaveProperty('token');
      expect(JSON.stringify(login.value)).not.toContain('tok-1');
      expect(login.value).toMatchObject({ session: { user: { username: 'lan' } } });
    }
    expect(f.calls[0]!.caller.token).toBeNull();

    await handler(APP, 7, 'auth.whoami', {});
    expect(f.calls[1]!.caller).toEqual({ token: 'tok-1', workstation: WS, locale: 'vi' });
    expect(handler.sessionCount()).toBe(1);
  });

  it('clears the token on a successful logout', async () => {
    const f = sessionBackend();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 7, 'auth.login', { username: 'lan', password: 'pw' });
    await handler(APP, 7, 'auth.logout', {});
    expect(f.calls[1]!.caller.token).toBe('tok-1');
    await handler(APP, 7, 'auth.whoami', {});
    expect(f.calls[2]!.caller.token).toBeNull();
    expect(handler.sessionCount()).toBe(0);
  });

  it('keeps the token when logout fails for another reason', async () => {
    let failLogout = true;
    const f = fakeDispatch((name) => {
      if (name === 'auth.login') return { ok: true, value: { session: { user: { locale: 'vi' } }, token: 'tok-x' } };
      if (name === 'auth.logout' && failLogout) return { ok: false, error: { code: 'INTERNAL', message: 'x' } };
      return { ok: true, value: { ok: true } };
    });
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.login', { username: 'a', password: 'b' });
    await handler(APP, 1, 'auth.logout', {});
    failLogout = false;
    await handler(APP, 1, 'auth.logout', {});
    expect(f.calls.map((c) => c.caller.token)).toEqual([null, 'tok-x', 'tok-x']);
  });

  it('gives two webContents separate sessions', async () => {
    const f = sessionBackend();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.login', { username: 'lan', password: 'pw' });
    await handler(APP, 2, 'auth.whoami', {});
    expect(f.calls[1]!.caller.token).toBeNull();

    await handler(APP, 2, 'auth.login', { username: 'anna', password: 'pw' });
    await handler(APP, 1, 'auth.whoami', {});
    await handler(APP, 2, 'auth.whoami', {});
    expect(f.calls[3]!.caller).toEqual({ token: 'tok-1', workstation: WS, locale: 'vi' });
    expect(f.calls[4]!.caller).toEqual({ token: 'tok-2', workstation: WS, locale: 'en' });

    await handler(APP, 1, 'auth.logout', {});
    await handler(APP, 2, 'auth.whoami', {});
    expect(f.calls[6]!.caller.token).toBe('tok-2');
  });

  it('does not let a refused call from an untrusted frame use or change a session', async () => {
    const f = sessionBackend();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.login', { username: 'lan', password: 'pw' });
    const evil = await handler('https://evil.example/', 1, 'auth.logout', {});
    expect(evil.ok).toBe(false);
    await handler(APP, 1, 'auth.whoami', {});
    expect(f.calls).toHaveLength(2);
    expect(f.calls[1]!.caller.token).toBe('tok-1');
  });

  it('does not keep a token from a failed login', async () => {
    const f = fakeDispatch((name) =>
      name === 'auth.login'
        ? { ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'sai' } }
        : { ok: true, value: { ok: true } },
    );
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    const r = await handler(APP, 1, 'auth.login', { username: 'a', password: 'b' });
    expect(r).toEqual({ ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'sai' } });
    await handler(APP, 1, 'auth.session', {});
    expect(f.calls[1]!.caller.token).toBeNull();
    expect(handler.sessionCount()).toBe(0);
  });

  it.each(['UNAUTHENTICATED', 'SESSION_EXPIRED'] as const)('drops the token when the backend answers %s', async (code) => {
    let expired = false;
    const f = fakeDispatch((name) => {
      if (name === 'auth.login') return { ok: true, value: { session: { user: { locale: 'vi' } }, token: 'tok-e' } };
      if (expired) return { ok: false, error: { code, message: 'x' } };
      return { ok: true, value: { ok: true } };
    });
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.login', { username: 'a', password: 'b' });
    expired = true;
    await handler(APP, 1, 'users.list', {});
    expect(f.calls[1]!.caller.token).toBe('tok-e');
    await handler(APP, 1, 'users.list', {});
    expect(f.calls[2]!.caller.token).toBeNull();
  });

  it('drops the token when too many wrong unlock passwords end the session', async () => {
    const f = fakeDispatch((name) => {
      if (name === 'auth.login') return { ok: true, value: { session: { user: { locale: 'vi' } }, token: 'tok-u' } };
      if (name === 'auth.unlock') return { ok: false, error: { code: 'AUTH_LOCKED_OUT', message: 'x' } };
      return { ok: true, value: { ok: true } };
    });
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.login', { username: 'a', password: 'b' });
    await handler(APP, 1, 'auth.unlock', { password: 'wrong' });
    await handler(APP, 1, 'auth.session', {});
    expect(f.calls[2]!.caller.token).toBeNull();
  });

  it('forgets a destroyed window', async () => {
    const f = sessionBackend();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 9, 'auth.login', { username: 'anna', password: 'pw' });
    expect(handler.sessionCount()).toBe(1);
    handler.forget(9);
    expect(handler.sessionCount()).toBe(0);
    await handler(APP, 9, 'auth.whoami', {});
    expect(f.calls[1]!.caller).toEqual({ token: null, workstation: WS, locale: 'vi' });
  });
});

describe('createIpcInvokeHandler: locale per webContents', () => {
  it("defaults to 'vi', or to getLocale()", async () => {
    const f = fakeDispatch();
    await createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS })(APP, 1, 'auth.session', {});
    await createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS, getLocale: () => 'en' })(APP, 1, 'auth.session', {});
    expect(f.calls.map((c) => c.caller.locale)).toEqual(['vi', 'en']);
  });

  it("takes the signed-in user's locale from login, then follows auth.setLocale", async () => {
    const f = sessionBackend();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.login', { username: 'anna', password: 'pw' });
    await handler(APP, 1, 'auth.whoami', {});
    expect(f.calls[1]!.caller.locale).toBe('en');

    await handler(APP, 1, 'auth.setLocale', { locale: 'vi' });
    await handler(APP, 1, 'auth.whoami', {});
    expect(f.calls[3]!.caller.locale).toBe('vi');

    // Another window keeps its own language.
    await handler(APP, 2, 'auth.whoami', {});
    expect(f.calls[4]!.caller.locale).toBe('vi');
  });

  it('ignores a failed auth.setLocale and odd locale values', async () => {
    const f = fakeDispatch((name) =>
      name === 'auth.setLocale' ? { ok: false, error: { code: 'UNAUTHENTICATED', message: 'x' } } : { ok: true, value: { ok: true } },
    );
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.setLocale', { locale: 'en' });
    await handler(APP, 1, 'auth.session', {});
    expect(f.calls[1]!.caller.locale).toBe('vi');

    const ok = fakeDispatch();
    const h2 = createIpcInvokeHandler({ dispatch: ok.dispatch, workstation: WS });
    await h2(APP, 1, 'auth.setLocale', { locale: 'fr' });
    await h2(APP, 1, 'auth.session', {});
    expect(ok.calls[1]!.caller.locale).toBe('vi');
  });

  it('answers an untrusted sender in the window language', async () => {
    const f = sessionBackend();
    const handler = createIpcInvokeHandler({ dispatch: f.dispatch, workstation: WS });
    await handler(APP, 1, 'auth.login', { username: 'anna', password: 'pw' });
    const r = await handler('https://evil.example/', 1, 'auth.session', {});
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: "The request did not come from the application's window." } });
  });
});

describe('createIpcInvokeHandler over the real backend (temp database, real migrations)', () => {
  it('signs a window in and out without the renderer ever holding the token', async () => {
    const t = createTestStation();
    try {
      await setUpStation(t);
      const handler = createIpcInvokeHandler({ dispatch: t.dispatch, workstation: WS });

      const login = await handler(APP, 1, 'auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
      expect(login.ok).toBe(true);
      if (login.ok) expect(Object.keys(login.value as object)).toEqual(['session']);

      const mine = await handler(APP, 1, 'auth.session', {});
      expect(mine).toMatchObject({ ok: true, value: { session: { user: { username: TEST_ADMIN.username } } } });
      const other = await handler(APP, 2, 'auth.session', {});
      expect(other).toEqual({ ok: true, value: { session: null } });
      const refused = await handler(APP, 2, 'users.list', {});
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('UNAUTHENTICATED');

      // The session is recorded against this PC's workstation label (the setup's own login is 'test').
      const count = t.station.sqlite.prepare('SELECT count(*) AS n FROM sessions WHERE workstation = ?').get(WS) as { n: number };
      expect(count.n).toBe(1);

      expect(await handler(APP, 1, 'auth.logout', {})).toEqual({ ok: true, value: { ok: true } });
      expect(await handler(APP, 1, 'auth.session', {})).toEqual({ ok: true, value: { session: null } });
    } finally {
      t.cleanup();
    }
  });
});
