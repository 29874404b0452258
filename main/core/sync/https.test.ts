import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as viMessages } from '../../../shared/i18n/vi.js';
import { createHousehold } from '../persons/testing.js';
import { createTestStation, TEST_ADMIN, type TestStation } from '../testing/station.js';
import { pgReachable, startHubProcess, type HubProcess } from './testing-hub.js';
import { HUB_CA_FILE } from './transport.js';

/**
 * HTTPS end to end (docs/sync.md, "HTTPS"): a real hub process started with --tls-cert/--tls-key (a certificate
 * from a private CA made here with openssl), stations syncing to its https:// address. A station that trusts the
 * CA (sync-ca.pem in its data folder) syncs; one that does not is refused with a plain Vietnamese explanation and
 * sends nothing; once given the CA it syncs. Plain HTTP is covered by sync.test.ts and hub/tls.test.ts.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl && process.env.CI) throw new Error('openssl is needed for the HTTPS tests (Debian: openssl, installed with postgresql)');
if (!hasOpenssl) console.warn('[https tests] openssl not found: skipped');
const usePg = hasOpenssl && (await pgReachable());
if (hasOpenssl && !usePg && process.env.CI) throw new Error('PostgreSQL must be reachable in CI (HUB_TEST_DATABASE_URL); see .ci/run');

interface CertFiles {
  dir: string;
  caFile: string;
  otherCaFile: string;
  certFile: string;
  keyFile: string;
}

async function setUpAs(t: TestStation, code: string): Promise<string> {
  await t.ok('setup.complete', {
    facility: { name: `Trạm Y tế ${code}`, code, governingBody: 'UBND xã', provinceCode: '15', provinceName: 'Tỉnh Lào Cai', communeCode: '04000', communeName: 'Xã Hòa Bình' },
    hamlets: ['Thôn 1'],
    admin: { fullName: TEST_ADMIN.fullName, username: TEST_ADMIN.username, password: TEST_ADMIN.password },
  });
  return (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
}

describe.runIf(hasOpenssl)('station ↔ hub over HTTPS', () => {
  let certs: CertFiles;
  let hub: HubProcess;
  const stations: TestStation[] = [];

  beforeAll(async () => {
    // The certificates are made by the hub's test helper, run as a process (the layers stay apart).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-https-'));
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'hub/testing/tls.ts', dir], { cwd: ROOT, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`certificates: ${made.stderr}`);
    certs = JSON.parse(made.stdout) as CertFiles;
    hub = await startHubProcess({
      code: '40100',
      level: 'district',
      parent: '40000',
      usePg,
      tls: { cert: certs.certFile, key: certs.keyFile, ca: fs.readFileSync(certs.caFile, 'utf8') },
    });
  }, 180_000);
  afterAll(async () => {
    for (const t of stations) t.cleanup();
    await hub?.stop();
    if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
  });

  it('a station that trusts the hub’s CA syncs over https:// in one round trip', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const a = createTestStation();
    stations.push(a);
    const token = await setUpAs(a, '01234');
    fs.copyFileSync(certs.caFile, path.join(a.dataDir, HUB_CA_FILE));
    await a.ok('sync.configure', { hubUrl: hub.url, credential: await hub.enroll('01234') }, { token });
    const { headId } = await createHousehold(a, token, { fullName: 'Giàng Thị Say' });
    const run = await a.ok('sync.now', {}, { token });
    expect(run.run).toMatchObject({ ok: true, roundTrips: 1, rejected: 0, error: null });
    expect((await a.ok('sync.status', {}, { token })).status).toMatchObject({ pending: 0, lastError: null, hubFacility: '40100' });
    const atHub = await hub.admin<{ owner: string; vals: { full_name: string } }>('GET', `/rows/persons/${headId}`);
    expect(atHub.json).toMatchObject({ owner: '01234', vals: { full_name: 'Giàng Thị Say' } });
  });

  it('an untrusted certificate is refused with a Vietnamese explanation and nothing is sent; trusting the CA fixes it', async () => {
    const b = createTestStation();
    stations.push(b);
    const token = await setUpAs(b, '05678');
    await b.ok('sync.configure', { hubUrl: hub.url, credential: await hub.enroll('05678') }, { token });
    const { headId } = await createHousehold(b, token, { fullName: 'Sùng A Páo' });
    const waiting = (await b.ok('sync.status', {}, { token })).status.pending;
    expect(waiting).toBeGreaterThan(0);

    // No CA file, then a CA that did not sign the hub's certificate: both refused before anything is sent.
    for (const trust of [null, certs.otherCaFile]) {
      if (trust) fs.copyFileSync(trust, path.join(b.dataDir, HUB_CA_FILE));
      const refused = await b.ok('sync.now', {}, { token });
      expect(refused.run).toMatchObject({ ok: false, roundTrips: 0, bytesUp: 0, error: { code: 'CERTIFICATE' } });
      expect(refused.run.error!.detail).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    }
    const status = (await b.ok('sync.status', {}, { token })).status;
    expect(status).toMatchObject({ pending: waiting, lastOkAt: null, lastError: { code: 'CERTIFICATE' } });
    // What the Đồng bộ screen shows for that code.
    const shown = viMessages[`sync.err.${status.lastError!.code}` as keyof typeof viMessages];
    expect(shown).toMatch(/chứng chỉ bảo mật \(HTTPS\)/);
    expect(shown).toMatch(/sync-ca\.pem/);
    expect((await hub.admin('GET', `/rows/persons/${headId}`)).status).toBe(404);

    fs.copyFileSync(certs.caFile, path.join(b.dataDir, HUB_CA_FILE));
    const fixed = await b.ok('sync.now', {}, { token });
    expect(fixed.run).toMatchObject({ ok: true, pushed: waiting, roundTrips: 1 });
    expect((await hub.admin('GET', `/rows/persons/${headId}`)).status).toBe(200);
  });

  it('an http:// address for the HTTPS hub fails visibly instead of talking in clear', async () => {
    const c = createTestStation();
    stations.push(c);
    const token = await setUpAs(c, '07777');
    await c.ok('sync.configure', { hubUrl: hub.url.replace('https:', 'http:'), credential: await hub.enroll('07777') }, { token });
    const r = await c.ok('sync.now', {}, { token });
    expect(r.run).toMatchObject({ ok: false, roundTrips: 0, error: { code: 'UNREACHABLE' } });
  });
});
