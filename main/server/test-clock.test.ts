import { afterEach, describe, expect, it } from 'vitest';
import { createTestStation, type TestStation } from '../core/testing/station.js';
import { buildServer } from './app.js';
import { parseServeArgs } from './args.js';
import { createTestClock, TEST_CLOCK_ROUTE } from './test-clock.js';

describe('test clock (serve --test-clock)', () => {
  let station: TestStation | null = null;
  afterEach(() => {
    station?.cleanup();
    station = null;
  });

  it('is off unless the flag is given', () => {
    const plain = parseServeArgs(['--port', '0']);
    const flagged = parseServeArgs(['--port', '0', '--test-clock']);
    expect(plain.ok && plain.args.testClock).toBe(false);
    expect(flagged.ok && flagged.args.testClock).toBe(true);
  });

  it('a server started without the flag has no route to move the clock', async () => {
    station = createTestStation();
    const app = await buildServer({ backend: station });
    const res = await app.inject({ method: 'POST', url: TEST_CLOCK_ROUTE, payload: { iso: '2030-01-01T00:00:00Z' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    await app.close();
  });

  it('with the flag, the route moves the clock the station runs on, and time keeps running from there', async () => {
    station = createTestStation();
    const clock = createTestClock();
    const app = await buildServer({ backend: station, testClock: clock });
    const res = await app.inject({ method: 'POST', url: TEST_CLOCK_ROUTE, payload: { iso: '2030-01-01T00:00:00Z' } });
    expect(res.statusCode).toBe(200);
    const moved = clock.now().getTime() - Date.parse('2030-01-01T00:00:00Z');
    expect(moved).toBeGreaterThanOrEqual(0);
    expect(moved).toBeLessThan(5_000);
    const bad = await app.inject({ method: 'POST', url: TEST_CLOCK_ROUTE, payload: { iso: 'ngày mai' } });
    expect(bad.statusCode).toBe(400);
    expect(clock.now().getUTCFullYear()).toBe(2030);
    await app.close();
  });
});
