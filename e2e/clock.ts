import type { RunningStation } from './server.js';

/**
 * Moves the clock of a station started with `test.use({ testClock: true })` (serve --test-clock) so that it reads
 * `iso` now; time keeps running from there. Sessions are checked against this clock too: a jump past the session
 * lifetime signs the browser out, so sign in again after a long jump.
 */
export async function setStationClock(station: Pick<RunningStation, 'url'>, iso: string): Promise<void> {
  const res = await fetch(`${station.url}/api/_test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iso }) });
  if (!res.ok) throw new Error(`could not move the station clock (${res.status}): start the station with test.use({ testClock: true })`);
}

/**
 * Moves both clocks: the station's (server dates: overdue days, appointments) and the browser's (the dates the
 * screens propose, e.g. the report period and "today"), as when a day passes at a real station. The page's clock
 * must have been installed (`page.clock.install()`) before the page was opened.
 */
export async function moveClocks(page: import('@playwright/test').Page, station: Pick<RunningStation, 'url'>, iso: string): Promise<void> {
  await setStationClock(station, iso);
  await page.clock.setSystemTime(new Date(iso));
}
