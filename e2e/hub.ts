import { spawn, execFile, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { apiCall } from './server.js';

/**
 * Sync hubs for e2e tests: the real hub CLI (`tsx hub/main.ts`, what `npm run hub` runs) on PGlite in a temporary
 * folder, bound to 127.0.0.1 on a free port. Facilities are enrolled with the CLI before the hub serves (a PGlite
 * database has one process at a time), as an administrator would.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

export interface HubIdentity {
  code: string;
  name: string;
  level: 'province' | 'district';
  parent?: string;
}

export interface RunningHub {
  url: string;
  code: string;
  /** GET/POST on the hub's /admin routes with its administrator token. */
  admin<T = any>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; json: T }>;
  stop(): Promise<void>;
}

export class HubFolder {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-e2e-hub-'));
  readonly adminToken = crypto.randomBytes(12).toString('hex');
  constructor(readonly identity: HubIdentity) {}

  private identityArgs(): string[] {
    const i = this.identity;
    return ['--data-dir', this.dataDir, '--hub-code', i.code, '--hub-name', i.name, '--hub-level', i.level, ...(i.parent ? ['--hub-parent', i.parent] : [])];
  }

  /** `npm run hub -- enroll …`: registers a facility below this hub and returns its credential (printed once). */
  async enroll(code: string, name: string, level: 'station' | 'district'): Promise<string> {
    const { stdout } = await run(TSX, ['hub/main.ts', 'enroll', ...this.identityArgs(), '--code', code, '--name', name, '--level', level], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '' },
    });
    const line = stdout.trim().split('\n').at(-1)!;
    return (JSON.parse(line) as { credential: string }).credential;
  }

  /** `npm run hub -- serve` on a free loopback port (HTTPS with `tls`: PEM files); resolves when it listens. */
  async serve(upstream?: { url: string; credential: string }, tls?: { cert: string; key: string }): Promise<RunningHub> {
    const args = ['hub/main.ts', 'serve', ...this.identityArgs(), '--port', '0', '--host', '127.0.0.1', '--admin-token', this.adminToken, '--log-level', 'warn'];
    if (upstream) args.push('--upstream-url', upstream.url, '--upstream-credential', upstream.credential, '--upstream-interval', '1');
    if (tls) args.push('--tls-cert', tls.cert, '--tls-key', tls.key);
    // `node --import tsx` (one process, so stopping it stops the hub), as `npm run hub` would run it.
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hub ${this.identity.code} did not start:\n${stderr}`)), 45_000);
      child.once('exit', (code) => reject(new Error(`hub ${this.identity.code} exited (${code}):\n${stderr}`)));
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const o = JSON.parse(line) as { event?: string; port?: number };
          if (o.event === 'listening') {
            clearTimeout(timer);
            resolve(Number(o.port));
          }
        } catch {
          // not a JSON line
        }
      });
    });
    const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return {
      url,
      code: this.identity.code,
      admin: async (method, route, body) => {
        const res = await fetch(`${url}/admin${route}`, {
          method,
          headers: { authorization: `Bearer ${this.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: res.status, json: (await res.json()) as never };
      },
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
      },
    };
  }

  remove(): void {
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** First-time setup of a station as facility `code` through the API; returns the admin's bearer token. */
export async function setUpStationAs(url: string, facility: { code: string; name: string; communeName: string }, admin: { username: string; password: string; fullName: string }): Promise<string> {
  const setup = await apiCall(url, 'setup.complete', {
    facility: { ...facility, governingBody: `UBND ${facility.communeName}`, provinceCode: '15', provinceName: 'Tỉnh Lào Cai', communeCode: '02686' },
    hamlets: ['Thôn Phú Hà', 'Thôn Đông Cuông'],
    admin,
  });
  if (!setup.body.ok) throw new Error(JSON.stringify(setup.body));
  const login = await apiCall(url, 'auth.login', { username: admin.username, password: admin.password, bearer: true });
  return login.body.value.token as string;
}
