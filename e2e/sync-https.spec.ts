import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, snap, test } from './fixtures.js';
import { HubFolder, setUpStationAs } from './hub.js';
import { LoginPage } from './pages/LoginPage.js';
import { SyncPage } from './pages/SyncPage.js';
import { startStation } from './server.js';

/**
 * A district hub serving HTTPS with a certificate from a private CA (docs/sync.md, "HTTPS"). On the Đồng bộ screen
 * the station refuses it with a plain Vietnamese explanation and sends nothing; once the CA certificate is in the
 * station's data folder (sync-ca.pem) the same "Đồng bộ ngay" succeeds.
 */
const ADMIN = { username: 'quantri', password: 'Tram-y-te-2026', fullName: 'Nguyễn Thị Hồng Nhung' };
const A = { code: '15123', name: 'Trạm Y tế xã Bảo Thắng', communeName: 'Xã Bảo Thắng' };
const ROOT = path.resolve(import.meta.dirname, '..');

test('an HTTPS hub with an untrusted certificate is explained on the Đồng bộ screen; trusting its CA fixes it', async ({ page }) => {
  test.setTimeout(90_000);
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-e2e-tls-'));
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'hub/testing/tls.ts', certDir], { cwd: ROOT, encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  const certs = JSON.parse(made.stdout) as { caFile: string; certFile: string; keyFile: string };
  const district = new HubFolder({ code: '40100', name: 'Trung tâm Y tế huyện Bảo Thắng', level: 'district', parent: '40000' });
  const credential = await district.enroll(A.code, A.name, 'station');
  const hub = await district.serve(undefined, { cert: certs.certFile, key: certs.keyFile });
  const station = await startStation();
  try {
    expect(hub.url).toMatch(/^https:/);
    await setUpStationAs(station.url, A, ADMIN);
    await page.goto(station.url);
    const login = new LoginPage(page);
    await login.waitUntilShown();
    await login.signIn(ADMIN.username, ADMIN.password);
    const sync = new SyncPage(page);
    await sync.open();
    await sync.connect(hub.url, credential);

    await page.getByTestId('sync-now').click();
    const error = page.getByTestId('sync-error');
    await expect(error).toContainText('Không xác minh được chứng chỉ bảo mật (HTTPS) của máy chủ đồng bộ');
    await expect(error).toContainText('sync-ca.pem');
    await expect(page.getByTestId('sync-pending')).not.toHaveText('0');
    await snap(page, 'sync-https-untrusted');

    fs.copyFileSync(certs.caFile, path.join(station.dataDir, 'sync-ca.pem'));
    await sync.syncNow();
    await expect(error).toHaveCount(0);
    await snap(page, 'sync-https-trusted');
  } finally {
    await station.stop();
    await hub.stop();
    district.remove();
    fs.rmSync(certDir, { recursive: true, force: true });
  }
});
