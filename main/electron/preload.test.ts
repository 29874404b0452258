/**
 * The preload runs in Chromium's sandbox, where `require` knows only 'electron' (and a few Node shims). These
 * tests read its source, bundle it as scripts/build.mjs does (esbuild, CJS, 'electron' external), and run the
 * bundle in a bare VM context with a fake 'electron' to check what it exposes. No Electron binary is needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { contract, eventContract } from '../../shared/contract/index.js';

const PRELOAD = path.resolve(__dirname, '../preload/preload.ts');
const source = fs.readFileSync(PRELOAD, 'utf8');

describe('preload source', () => {
  it("imports nothing but 'electron'", () => {
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    const bare = [...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect([...specifiers, ...bare]).toEqual(['electron']);
    expect(source).not.toMatch(/\brequire\s*\(/);
    expect(source).not.toMatch(/\bimport\s*\(/);
  });

  it('uses only contextBridge and ipcRenderer from electron', () => {
    const m = source.match(/import\s*\{([^}]*)\}\s*from\s*'electron'/);
    expect(m).not.toBeNull();
    const names = m![1]!.split(',').map((s) => s.trim()).filter(Boolean).sort();
    expect(names).toEqual(['contextBridge', 'ipcRenderer']);
    expect(source).not.toMatch(/import\s+\w+\s+from\s*'electron'/);
    expect(source).not.toMatch(/\*\s+as\s+\w+\s+from\s*'electron'/);
  });

  it("allows exactly the contract's events", () => {
    const m = source.match(/const EVENT_NAMES[^=]*=\s*\[([^\]]*)\]/);
    expect(m).not.toBeNull();
    const names = [...m![1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]).sort();
    expect(names).toEqual(Object.keys(eventContract).sort());
  });

  it('never exposes ipcRenderer or its event object itself', () => {
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});

interface FakeIpc {
  invoked: unknown[][];
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
  emit(channel: string, ...args: unknown[]): void;
}

describe('preload bundle', () => {
  let code = '';
  let api: { invoke: (name: unknown, input?: unknown) => Promise<unknown>; on: (e: unknown, l: unknown) => () => void };
  let ipc: FakeIpc;
  let exposed: [string, unknown][];

  beforeAll(async () => {
    const out = await build({
      entryPoints: [PRELOAD],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'chrome120',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    code = out.outputFiles[0]!.text;

    const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    ipc = {
      invoked: [],
      listeners,
      emit: (channel, ...args) => listeners.get(channel)?.forEach((l) => l({ sender: 'IPC_RENDERER_EVENT' }, ...args)),
    };
    exposed = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.push([key, value]) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          ipc.invoked.push(args);
          return Promise.resolve({ ok: true, value: 'from-main' });
        },
        on: (channel: string, l: (...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)!.add(l);
        },
        removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
      },
    };
    const required: string[] = [];
    const mod = { exports: {} };
    // A bare context: no process, no Buffer, no Node require other than the sandbox's 'electron'.
    const context = vm.createContext({
      module: mod,
      exports: mod.exports,
      require: (id: string) => {
        required.push(id);
        if (id !== 'electron') throw new Error(`module not found in the sandbox: ${id}`);
        return electron;
      },
    });
    vm.runInContext(code, context, { filename: 'preload.cjs' });
    expect(required).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    api = exposed[0]![1] as typeof api;
  });

  it("requires only 'electron' and stays tiny", () => {
    const requires = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code.length).toBeLessThan(4000);
  });

  it('exposes exactly window.api = { invoke, on }', () => {
    expect(exposed[0]![0]).toBe('api');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('forwards every contract procedure name over api:invoke', async () => {
    const names = Object.keys(contract);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      ipc.invoked.length = 0;
      const input = { probe: name };
      await expect(api.invoke(name, input)).resolves.toEqual({ ok: true, value: 'from-main' });
      expect(ipc.invoked).toEqual([['api:invoke', name, input]]);
    }
  });

  it.each([
    ['a future name', 'immunization.recordDose'],
    ['a nested name', 'reports.monthly.export_csv'],
  ])('forwards %s', async (_label, name) => {
    ipc.invoked.length = 0;
    await api.invoke(name, {});
    expect(ipc.invoked).toHaveLength(1);
  });

  it.each([
    '',
    'auth',
    'Auth.login',
    '.login',
    'auth.',
    'auth.login;rm',
    'auth/login',
    'auth.login ',
    ' auth.login',
    '__proto__.x',
    'constructor',
    'a.' + 'b'.repeat(200),
    'auth.lo-gin',
    'ipc:api:invoke',
    42,
    null,
    undefined,
    { name: 'auth.login' },
  ])('refuses %s without reaching the main process', async (name) => {
    ipc.invoked.length = 0;
    const result = (await api.invoke(name, {})) as { ok: boolean; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(ipc.invoked).toHaveLength(0);
  });

  it('lets the renderer listen to exactly the contract events', () => {
    for (const name of Object.keys(eventContract)) {
      const got: unknown[] = [];
      const off = api.on(name, (payload: unknown) => got.push(payload));
      ipc.emit('api:event', name, { n: 1 });
      ipc.emit('api:event', 'some.other', { n: 2 });
      off();
      ipc.emit('api:event', name, { n: 3 });
      // Payload only: never the IpcRendererEvent (which carries `sender`).
      expect(got).toEqual([{ n: 1 }]);
    }
    expect(ipc.listeners.get('api:event')?.size ?? 0).toBe(0);
  });

  it('ignores other event names and non-function listeners', () => {
    for (const name of ['api:invoke', 'data.changed.x', 'sync', '', 'auth.login', 42]) {
      const off = api.on(name, () => undefined);
      expect(typeof off).toBe('function');
      off();
    }
    const off = api.on('data.changed', 'not a function');
    off();
    expect(ipc.listeners.get('api:event')?.size ?? 0).toBe(0);
  });

  it('keeps each subscription separate', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('data.changed', (p: unknown) => a.push(p));
    const offB = api.on('data.changed', (p: unknown) => b.push(p));
    ipc.emit('api:event', 'data.changed', 1);
    offA();
    ipc.emit('api:event', 'data.changed', 2);
    offB();
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
  });
});
