import { defineConfig } from '@playwright/test';

/**
 * E2E against `npm run serve`'s built server (out/main/serve.cjs), each test on its own temporary data
 * directory, driven in Debian's Chromium (Playwright's own browser download does not work here).
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-output/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  reporter: [['list']],
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
  },
});
