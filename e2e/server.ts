import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningStation {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const SERVE_ENTRY = path.resolve(import.meta.dirname, '..', 'out', 'main', 'serve.cjs');

export interface StationStartOptions {
  /** Starts the server with `--test-clock`, so a test can move its clock (e2e/clock.ts `setStationClock`). */
  testClock?: boolean;
}

/** Starts the built station server (`npm run serve`) on a fresh temporary data dir and a free port. */
export async function startStation(options: StationStartOptions = {}): Promise<RunningStation> {
  if (!fs.existsSync(SERVE_ENTRY)) throw new Error('out/main/serve.cjs is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-e2e-'));
  const args = [SERVE_ENTRY, '--data-dir', dataDir, '--port', '0', ...(options.testClock ? ['--test-clock'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the station API like a tool would (bearer token). */
export async function apiCall(url: string, name: string, input: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
}

export const ADMIN = { username: 'quantri', password: 'Tram-y-te-2026', fullName: 'Nguyễn Thị Hồng Nhung' };
export const CLERK = { username: 'nhaplieu', password: 'Nhap-lieu-2026', fullName: 'Trần Văn Đức' };

export const FACILITY = {
  name: 'Trạm Y tế xã Bảo Thắng',
  code: '15123',
  governingBody: 'UBND xã Bảo Thắng',
  provinceCode: '15',
  provinceName: 'Tỉnh Lào Cai',
  communeCode: '02686',
  communeName: 'Xã Bảo Thắng',
};

/** Sets the station up through the API and adds a data clerk; returns the admin's bearer token. */
export async function configureStation(url: string): Promise<string> {
  const setup = await apiCall(url, 'setup.complete', {
    facility: FACILITY,
    hamlets: ['Thôn Phú Hà', 'Thôn Đông Cuông', 'Bản Mường Bát', 'Tổ dân phố 1'],
    admin: ADMIN,
  });
  if (!setup.body.ok) throw new Error(JSON.stringify(setup.body));
  const login = await apiCall(url, 'auth.login', { username: ADMIN.username, password: ADMIN.password, bearer: true });
  const token = login.body.value.token as string;
  const clerk = await apiCall(url, 'users.create', { ...CLERK, role: 'clerk' }, token);
  if (!clerk.body.ok) throw new Error(JSON.stringify(clerk.body));
  return token;
}
