import { test as base, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { configureStation, startStation, type RunningStation } from './server.js';

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', 'test-output', 'screenshots');

/** Saves a full-page screenshot of the screen under test-output/screenshots/ for people to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

interface Options {
  /** `test.use({ testClock: true })`: the station fixtures start with `--test-clock` (see e2e/clock.ts). */
  testClock: boolean;
}

interface Fixtures {
  /** A station server on an empty data directory (setup not done). */
  freshStation: RunningStation;
  /** A station already set up, with an administrator and a data clerk. */
  station: RunningStation & { adminToken: string };
}

export const test = base.extend<Options & Fixtures>({
  testClock: [false, { option: true }],
  freshStation: async ({ testClock }, use) => {
    const s = await startStation({ testClock });
    await use(s);
    await s.stop();
  },
  station: async ({ testClock }, use) => {
    const s = await startStation({ testClock });
    const adminToken = await configureStation(s.url);
    await use({ ...s, adminToken });
    await s.stop();
  },
});

export { expect } from '@playwright/test';
