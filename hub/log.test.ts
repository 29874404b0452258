import { describe, expect, it } from 'vitest';
import { jsonLogger } from './log.js';

describe('hub log', () => {
  it('writes the lines at or above the configured level only', () => {
    const lines: string[] = [];
    const log = jsonLogger((l) => lines.push(l), { service: 'hub' }, 'warn');
    log.info({ event: 'push' });
    log.warn({ event: 'security' });
    log.error({ event: 'error' });
    expect(lines.map((l) => JSON.parse(l) as { event: string; level: number }).map((o) => [o.event, o.level])).toEqual([
      ['security', 40],
      ['error', 50],
    ]);
    const all: string[] = [];
    jsonLogger((l) => all.push(l)).info({ event: 'push' });
    expect(all).toHaveLength(1);
  });
});
