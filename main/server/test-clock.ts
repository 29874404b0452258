import type { FastifyInstance } from 'fastify';

/**
 * A movable wall clock for end-to-end tests (`serve --test-clock`): the station runs on `now()`, and a test moves it
 * with `POST /api/_test/clock {"iso": "..."}` to make a patient overdue or a dose due without waiting. Time keeps
 * running from the new point. Never enabled without the flag: a station in use must not have its clock moved over HTTP.
 */
export interface TestClock {
  now(): Date;
  /** Moves the clock so that it reads `iso` now. */
  set(iso: string): void;
}

export function createTestClock(): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (iso) => {
      offsetMs = Date.parse(iso) - Date.now();
    },
  };
}

export const TEST_CLOCK_ROUTE = '/api/_test/clock';

export function registerTestClockRoute(app: FastifyInstance, clock: TestClock): void {
  app.post<{ Body: { iso?: unknown } }>(TEST_CLOCK_ROUTE, async (req, reply) => {
    const iso = req.body?.iso;
    if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return reply.code(400).send({ ok: false, error: 'iso: an ISO date-time is required' });
    clock.set(iso);
    return reply.header('cache-control', 'no-store').send({ ok: true, now: clock.now().toISOString() });
  });
}
