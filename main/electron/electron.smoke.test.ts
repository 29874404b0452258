/**
 * Smoke test of the real Electron host (Playwright's `_electron`), on a machine that has the Electron binary, a
 * build (`npm run build`) and a display (on Linux: run under `xvfb-run`). Elsewhere it is skipped and says why.
 * It never asks for the binary through require('electron'): that would try to download it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PreloadApi } from '../preload/api-types.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

const REPO = path.resolve(__dirname, '../..');

function findElectronBinary(): string | null {
  const pkgDir = path.join(REPO, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const full = path.join(dist, relative);
  return fs.existsSync(full) ? full : null;
}

const electronPath = findElectronBinary();
const built = ['out/main/electron.cjs', 'out/preload/preload.cjs', 'out/renderer/index.html'].every((f) =>
  fs.existsSync(path.join(REPO, f)),
);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !electronPath
  ? 'no Electron binary in node_modules/electron/dist'
  : !built
    ? 'no build in out/ (run npm run build first)'
    : noDisplay
      ? 'no display (run under xvfb-run)'
      : null;
if (skipReason) console.warn(`[electron smoke test] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`Electron host smoke test${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('opens one sandboxed window on app://station with window.api only, and the backend answers', async () => {
    const { _electron } = await import('playwright-core');
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-electron-smoke-'));
    const app = await _electron.launch({
      executablePath: electronPath!,
      args: [REPO, `--user-data-dir=${userData}`],
      cwd: REPO,
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://station/index.html');
      expect(await page.title()).toBeDefined();

      const probe = await page.evaluate(async () => {
        const g = globalThis as unknown as { api: PreloadApi; require?: unknown; process?: unknown };
        const response = await fetch('app://station/index.html');
        return {
          apiKeys: Object.keys(g.api).sort(),
          require: typeof g.require,
          process: typeof g.process,
          csp: response.headers.get('content-security-policy'),
          status: await g.api.invoke('setup.status', {}),
          refused: await g.api.invoke('not a name', {}),
        };
      });
      expect(probe.apiKeys).toEqual(['invoke', 'on']);
      expect(probe.require).toBe('undefined');
      expect(probe.process).toBe('undefined');
      expect(probe.csp).toBe(CONTENT_SECURITY_POLICY);
      expect(probe.status).toMatchObject({ ok: true });
      expect(probe.refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

      // The settings themselves are asserted in security.test.ts; here: one window, and no Node in the page (above).
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

      expect(fs.existsSync(path.join(userData, 'data', 'station.sqlite'))).toBe(true);
    } finally {
      await app.close();
      fs.rmSync(userData, { recursive: true, force: true });
    }
  }, 120_000);
});
