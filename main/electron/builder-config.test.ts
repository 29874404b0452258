/**
 * electron-builder.yml is checked against electron-builder's own schema (what `npm run dist` would reject) and
 * against the paths main.ts reads when packaged. Building an installer needs the Electron binary; this does not.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const req = createRequire(path.join(REPO, 'node_modules/app-builder-lib/package.json'));
const yaml = req('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = req('./out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = req('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = yaml.load(fs.readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as any;

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the product and ships only the build', () => {
    expect(config.appId).toBe('vn.tramyteso.station');
    expect(config.productName).toBe('Trạm Y tế số');
    expect(config.directories.output).toBe('dist');
    expect(config.files).toEqual(['out/**', 'package.json']);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/electron.cjs');
  });

  it('unpacks and rebuilds better-sqlite3 for Electron', () => {
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('puts migrations and reference data where main.ts looks when packaged', () => {
    const byTo = Object.fromEntries(config.extraResources.map((r: { from: string; to: string }) => [r.to, r.from]));
    expect(byTo).toEqual({ migrations: 'main/core/db/migrations', data: 'resources/data', schedules: 'resources/schedules', fonts: 'resources/fonts' });
    expect(fs.existsSync(path.join(REPO, 'main/core/db/migrations/meta/_journal.json'))).toBe(true);
    expect(fs.existsSync(path.join(REPO, 'resources/data/admin_units_2025.csv'))).toBe(true);
    const main = fs.readFileSync(path.join(REPO, 'main/electron/main.ts'), 'utf8');
    expect(main).toContain("path.join(process.resourcesPath, 'migrations')");
    expect(main).toContain('resourcesDir: process.resourcesPath');
  });

  it('builds an assisted per-user Windows installer in Vietnamese that keeps the data on uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      perMachine: false,
      language: '1066',
      installerLanguages: ['vi_VN', 'en_US'],
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds AppImage and deb for Linux with a maintainer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('MedicalSoftware');
    expect(config.deb.maintainer).toMatch(/<[^@>]+@[^>]+>/);
  });

  it('has 256 and 512 px PNG icons', () => {
    for (const size of [256, 512]) {
      const png = fs.readFileSync(path.join(REPO, `resources/icons/${size}x${size}.png`));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
    expect(fs.existsSync(path.join(REPO, config.win.icon))).toBe(true);
  });
});
