/**
 * Smoke test of the Electron entry without Electron: main.ts is bundled the way scripts/build.mjs bundles it
 * (esbuild, CJS, 'electron' and 'better-sqlite3' external) and run under Node with a fake 'electron' module that
 * records what the entry asks of it. The backend underneath is real (temp folder, real migrations).
 * What this cannot show (real Chromium, sandbox, the app:// scheme in a browser) needs a machine with Electron.
 */
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../core/testing/station.js';
import { CONTENT_SECURITY_POLICY, windowOptions } from './security.js';

const REPO = path.resolve(__dirname, '../..');
const ENTRY = path.join(REPO, 'main/electron/main.ts');

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  listeners = new Map<string, Listener[]>();
  on(name: string, l: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
    return this;
  }
  once(name: string, l: Listener) {
    return this.on(name, l);
  }
  fire(name: string, ...args: unknown[]) {
    return (this.listeners.get(name) ?? []).map((l) => l(...args));
  }
}

function fakeElectron(tmp: string) {
  const windows: FakeWindow[] = [];
  const contentsCreated: FakeContents[] = [];
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    sandboxEnabled: false,
    quitCalled: false,
    enableSandbox() {
      app.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? path.join(tmp, 'userData') : path.join(tmp, name)),
    getAppPath: () => REPO,
    setAppUserModelId() {},
    quit() {
      app.quitCalled = true;
    },
    exit(code: number) {
      throw new Error(`app.exit(${code})`);
    },
  });
  let nextId = 1;
  class FakeContents extends Emitter {
    id = nextId++;
    sent: unknown[][] = [];
    url = '';
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isDestroyed() {
      return false;
    }
    getURL() {
      return this.url;
    }
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.windowOpenHandler = h;
    }
  }
  class FakeWindow extends Emitter {
    webContents = new FakeContents();
    loaded: string[] = [];
    title = '';
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
      contentsCreated.push(this.webContents);
      app.fire('web-contents-created', {}, this.webContents);
    }
    static getAllWindows() {
      return windows;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      this.webContents.url = url;
      return Promise.resolve();
    }
    setTitle(t: string) {
      this.title = t;
    }
    isDestroyed() {
      return false;
    }
  }
  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const ipcHandlers = new Map<string, Listener>();
  const opened: string[] = [];
  const permission = { request: null as Listener | null, check: null as Listener | null };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Menu: { setApplicationMenu() {} },
    dialog: {
      showErrorBox(title: string, text: string) {
        throw new Error(`${title}: ${text}`);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => privileged.push(...s),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => protocolHandlers.set(scheme, h),
    },
    ipcMain: { handle: (channel: string, h: Listener) => ipcHandlers.set(channel, h) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (permission.request = h),
        setPermissionCheckHandler: (h: Listener) => (permission.check = h),
      },
    },
    shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
  };
  return { electron, app, windows, privileged, protocolHandlers, ipcHandlers, opened, permission };
}

describe('main.ts (bundled, with a fake electron module)', () => {
  let tmp: string;
  let fake: ReturnType<typeof fakeElectron>;
  let bundle: string;
  let requires: string[];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-electron-'));
    const out = await build({
      entryPoints: [ENTRY],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['electron', 'better-sqlite3'],
      write: false,
      logLevel: 'silent',
    });
    bundle = out.outputFiles[0]!.text;

    // The layout of a build: out/main/electron.cjs, out/renderer/index.html, out/preload/preload.cjs.
    const outDir = path.join(tmp, 'out');
    fs.mkdirSync(path.join(outDir, 'main'), { recursive: true });
    fs.mkdirSync(path.join(outDir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Trạm Y tế số</title>');
    fs.writeFileSync(path.join(outDir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');

    fake = fakeElectron(tmp);
    requires = [];
    const realRequire = createRequire(path.join(REPO, 'package.json'));
    const mod = { exports: {} };
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${bundle}\n})`);
    wrapper(
      mod.exports,
      (id: string) => {
        requires.push(id);
        return id === 'electron' ? fake.electron : realRequire(id);
      },
      mod,
      path.join(outDir, 'main', 'electron.cjs'),
      path.join(outDir, 'main'),
    );
    for (let i = 0; i < 50 && fake.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  });

  afterAll(() => {
    fake?.app.fire('will-quit');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('requires only electron, better-sqlite3 and Node built-ins', () => {
    const allowed = new Set(['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(requires.filter((r) => !allowed.has(r))).toEqual([]);
    expect(requires).toContain('better-sqlite3');
    expect(bundle).not.toMatch(/import\.meta/);
  });

  it('registers app:// as a privileged standard, secure scheme and enables the sandbox before ready', () => {
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.app.listeners.has('second-instance')).toBe(true);
  });

  it('opens the database under userData/data (migrated) before opening one window on app://station', () => {
    expect(fs.existsSync(path.join(tmp, 'userData', 'data', 'station.sqlite'))).toBe(true);
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options).toEqual(windowOptions(path.join(tmp, 'out', 'preload', 'preload.cjs'), { devTools: true }));
    expect(win.loaded).toEqual(['app://station/index.html']);
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handle = fake.protocolHandlers.get('app')!;
    const index = await handle(new Request('app://station/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('Trạm Y tế số');

    const js = await handle(new Request('app://station/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    const route = await handle(new Request('app://station/persons/123'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<!doctype html>');

    expect((await handle(new Request('app://station/assets/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://station/%2e%2e/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://station/..%2f..%2fsecret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://station/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers api:invoke from the app frame only, and keeps the session token in the main process', async () => {
    const invoke = fake.ipcHandlers.get('api:invoke')!;
    const wc = fake.windows[0]!.webContents;
    const ev = (url: string | undefined) => ({ senderFrame: url === undefined ? null : { url }, sender: wc });

    const refused = (await invoke(ev('https://evil.example/'), 'setup.status', {})) as { ok: boolean; error: { code: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(ev(undefined), 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const status = await invoke(ev('app://station/index.html'), 'setup.status', {});
    expect(status).toMatchObject({ ok: true });

    wc.sent.length = 0;
    const setup = await invoke(ev('app://station/setup'), 'setup.complete', {
      facility: {
        name: 'Trạm Y tế xã Hòa Bình',
        code: '01234',
        governingBody: 'UBND xã Hòa Bình',
        provinceCode: '15',
        provinceName: 'Tỉnh Lào Cai',
        communeCode: '04000',
        communeName: 'Xã Hòa Bình',
      },
      hamlets: ['Thôn 1'],
      admin: { fullName: TEST_ADMIN.fullName, username: TEST_ADMIN.username, password: TEST_ADMIN.password },
    });
    expect(setup).toMatchObject({ ok: true });
    // The write's data.changed event reached the window over api:event.
    expect(wc.sent.some(([channel, name]) => channel === 'api:event' && name === 'data.changed')).toBe(true);

    const login = (await invoke(ev('app://station/'), 'auth.login', {
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    })) as { ok: boolean; value: Record<string, unknown> };
    expect(login.ok).toBe(true);
    expect(login.value).not.toHaveProperty('token');
    expect(await invoke(ev('app://station/'), 'auth.session', {})).toMatchObject({
      ok: true,
      value: { session: { user: { username: TEST_ADMIN.username } } },
    });

    // Closing the window forgets its session.
    wc.fire('destroyed');
    expect(await invoke(ev('app://station/'), 'auth.session', {})).toEqual({ ok: true, value: { session: null } });
  });

  it('denies new windows and foreign navigation, opening only safe https links outside', () => {
    const wc = fake.windows[0]!.webContents;
    expect(wc.windowOpenHandler!({ url: 'https://moh.gov.vn/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'http://moh.gov.vn/' })).toEqual({ action: 'deny' });

    const navigate = (url: string) => {
      let prevented = false;
      wc.fire('will-navigate', { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('app://station/persons')).toBe(false);
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://evil/')).toBe(true);

    let webviewPrevented = false;
    wc.fire('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);

    expect(fake.opened).toEqual(['https://moh.gov.vn/', 'https://evil.example/']);
  });

  it('grants only the camera (card scanning) and clipboard writes, and only to the app itself', () => {
    const wc = fake.windows[0]!.webContents;
    const ask = (permission: string, url: string, mediaTypes?: string[]) => {
      let granted: boolean | undefined;
      fake.permission.request!({ getURL: () => url }, permission, (g: boolean) => (granted = g), { mediaTypes });
      return granted;
    };
    expect(ask('media', wc.getURL())).toBe(false);
    expect(ask('media', wc.getURL(), ['video'])).toBe(true);
    expect(ask('media', wc.getURL(), ['video', 'audio'])).toBe(false);
    expect(ask('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(ask('geolocation', wc.getURL())).toBe(false);
    expect(ask('notifications', wc.getURL())).toBe(false);
    expect(ask('clipboard-sanitized-write', wc.getURL())).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(fake.permission.check!(wc, 'media', 'https://evil.example')).toBe(false);
  });
});
