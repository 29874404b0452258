import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/contract/index.js';
import type { Result } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { startStationBackend, type StationBackend } from '../backend.js';
import { locateAppPaths } from '../paths.js';

/** A station backend on a fresh temporary folder, built by the real migrations. */
export interface TestStation extends StationBackend {
  dataDir: string;
  /** Shifts the station's wall clock (ms); simulates time passing or the PC clock jumping. */
  setClock(date: Date): void;
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>, opts?: { token?: string | null; locale?: Locale }): Promise<Result<ProcedureOutput<N>>>;
  /** Calls and asserts success. */
  ok<N extends ProcedureName>(name: N, input: ProcedureInput<N>, opts?: { token?: string | null; locale?: Locale }): Promise<ProcedureOutput<N>>;
  cleanup(): void;
}

export const TEST_ADMIN = { username: 'admin', password: 'matkhau-quan-tri', fullName: 'Nguyễn Thị Quản Trị' };

export function createTestStation(start = new Date('2026-03-15T08:00:00Z')): TestStation {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-test-'));
  const paths = locateAppPaths(path.dirname(new URL(import.meta.url).pathname));
  let clock = start;
  const backend = startStationBackend(
    { dataDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir, now: () => clock },
    { logError: process.env.TEST_LOG_ERRORS ? undefined : () => undefined },
  );
  const call: TestStation['call'] = (name, input, opts = {}) =>
    backend.dispatch(name, input, { token: opts.token ?? null, workstation: 'test', locale: opts.locale ?? 'vi' }) as never;
  return {
    ...backend,
    dataDir,
    setClock: (d) => {
      clock = d;
    },
    call,
    ok: async (name, input, opts) => {
      const r = await call(name, input, opts);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? {})}`);
      return r.value;
    },
    cleanup: () => {
      backend.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs first-time setup and signs the administrator in; returns the admin's token. */
export async function setUpStation(t: TestStation): Promise<string> {
  await t.ok('setup.complete', {
    facility: {
      name: 'Trạm Y tế xã Hòa Bình',
      code: '01234',
      governingBody: 'UBND xã Hòa Bình',
      provinceCode: '15',
      provinceName: 'Tỉnh Lào Cai',
      communeCode: '04000',
      communeName: 'Xã Hòa Bình',
    },
    hamlets: ['Thôn 1', 'Thôn 2', 'Bản Mường'],
    admin: { fullName: TEST_ADMIN.fullName, username: TEST_ADMIN.username, password: TEST_ADMIN.password },
  });
  const login = await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  return login.token!;
}

/** Creates a user with a role and returns a signed-in token for them. */
export async function signInAs(t: TestStation, adminToken: string, role: 'physician' | 'nurse' | 'clerk' | 'supervisor' | 'admin', username = `u_${role}`): Promise<string> {
  const password = 'mat-khau-123';
  await t.ok('users.create', { username, fullName: `Người dùng ${role}`, role, password }, { token: adminToken });
  const login = await t.ok('auth.login', { username, password });
  return login.token!;
}
