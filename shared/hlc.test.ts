import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from './hlc.js';

const MAX_COUNTER = 0xffff;
// Wall times up to the year ~10,000 fit comfortably in 15 hex digits.
const wallArb = fc.integer({ min: 0, max: 253_402_300_799_999 });
const counterArb = fc.integer({ min: 0, max: MAX_COUNTER });
const nodeArb = fc.stringMatching(/^[A-Za-z0-9_.:]{1,16}$/);
const hlcArb = fc.record({ wallMs: wallArb, counter: counterArb, node: nodeArb });

/** The clock order: wall time, then counter, then node id (the tie-break between replicas). */
function clockOrder(a: Hlc, b: Hlc): number {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

describe('hybrid logical clock stamps', () => {
  it('a stamp written out and read back is the same stamp', () => {
    const h: Hlc = { wallMs: Date.UTC(2026, 2, 15, 8), counter: 42, node: 'a1b2c3d4e5f60718' };
    const s = formatHlc(h);
    expect(s).toBe(`${h.wallMs.toString(16).padStart(15, '0')}-002a-a1b2c3d4e5f60718`);
    expect(parseHlc(s)).toEqual(h);
  });

  it('every valid stamp survives a round trip through text', () => {
    fc.assert(
      fc.property(hlcArb, (h) => {
        expect(parseHlc(formatHlc(h))).toEqual(h);
      }),
    );
  });

  it('sorting stamps as text sorts them in clock order', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(clockOrder(a, b));
      }),
    );
  });

  it('a later wall time sorts after an earlier one even when the earlier one has a big counter', () => {
    const early = formatHlc({ wallMs: 9, counter: MAX_COUNTER, node: 'z' });
    const late = formatHlc({ wallMs: 16, counter: 0, node: 'a' });
    expect(compareHlc(early, late)).toBe(-1);
    expect(compareHlc(late, early)).toBe(1);
    expect(compareHlc(late, late)).toBe(0);
  });

  it('text that is not a stamp is read as null, not as a wrong stamp', () => {
    expect(parseHlc('')).toBeNull();
    expect(parseHlc('hello')).toBeNull();
    expect(parseHlc('00000000000000a-0001')).toBeNull();
    expect(parseHlc('00000000000000A-0001-node')).toBeNull();
    expect(parseHlc('00000000000000a-0001-no de')).toBeNull();
    expect(parseHlc('0000000000000a-0001-node')).toBeNull();
  });

  it('reading any text at all never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(() => parseHlc(s)).not.toThrow();
      }),
    );
  });
});

describe('ticking the clock for a local change', () => {
  const start: Hlc = { wallMs: 1_000_000, counter: 0, node: 'station' };

  it('takes the wall time when the wall clock has moved forward', () => {
    expect(tickHlc({ ...start, counter: 7 }, 2_000_000)).toEqual({ wallMs: 2_000_000, counter: 0, node: 'station' });
  });

  it('still moves forward when the PC clock goes back a day', () => {
    const next = tickHlc(start, start.wallMs - 86_400_000);
    expect(next).toEqual({ wallMs: start.wallMs, counter: 1, node: 'station' });
    expect(compareHlc(formatHlc(next), formatHlc(start))).toBe(1);
  });

  it('moves forward when the wall clock has not changed', () => {
    const next = tickHlc(start, start.wallMs);
    expect(compareHlc(formatHlc(next), formatHlc(start))).toBe(1);
  });

  it('carries into the wall time when the counter is full, so the stamp keeps its fixed width', () => {
    const full: Hlc = { wallMs: 5000, counter: MAX_COUNTER, node: 'n' };
    const next = tickHlc(full, 100);
    expect(next).toEqual({ wallMs: 5001, counter: 0, node: 'n' });
    expect(formatHlc(next)).toHaveLength(formatHlc(full).length);
    expect(compareHlc(formatHlc(next), formatHlc(full))).toBe(1);
  });

  it('a run of ticks with random wall times (jumps back included) is strictly increasing', () => {
    fc.assert(
      fc.property(hlcArb, fc.array(fc.oneof(wallArb, fc.integer({ min: 0, max: 5_000 })), { minLength: 1, maxLength: 200 }), (first, walls) => {
        let prev = first;
        for (const wall of walls) {
          const next = tickHlc(prev, wall);
          expect(compareHlc(formatHlc(next), formatHlc(prev))).toBe(1);
          expect(next.wallMs).toBeGreaterThanOrEqual(wall);
          expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER);
          prev = next;
        }
      }),
    );
  });

  it('a long run of ticks within one millisecond stays strictly increasing through the counter overflow', () => {
    let prev: Hlc = { wallMs: 1, counter: MAX_COUNTER - 3, node: 'n' };
    for (let i = 0; i < 10; i++) {
      const next = tickHlc(prev, 1);
      expect(compareHlc(formatHlc(next), formatHlc(prev))).toBe(1);
      prev = next;
    }
    expect(prev.wallMs).toBe(2);
  });
});

describe('receiving a stamp from another replica', () => {
  it('gives a stamp greater than both the local and the received one', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, wallArb, (local, remote, wall) => {
        const next = receiveHlc(local, remote, wall);
        expect(next.node).toBe(local.node);
        expect(compareHlc(formatHlc(next), formatHlc(local))).toBe(1);
        expect(compareHlc(formatHlc({ ...next, node: remote.node }), formatHlc(remote))).toBe(1);
        expect(next.wallMs).toBeGreaterThanOrEqual(wall);
        expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER);
      }),
    );
  });

  it('jumps ahead to a remote clock that runs in the future', () => {
    const local: Hlc = { wallMs: 100, counter: 3, node: 'local' };
    const remote: Hlc = { wallMs: 900, counter: 5, node: 'remote' };
    expect(receiveHlc(local, remote, 50)).toEqual({ wallMs: 900, counter: 6, node: 'local' });
  });

  it('uses the wall time and a zero counter when the wall clock is ahead of both', () => {
    const local: Hlc = { wallMs: 100, counter: 3, node: 'local' };
    const remote: Hlc = { wallMs: 200, counter: 5, node: 'remote' };
    expect(receiveHlc(local, remote, 300)).toEqual({ wallMs: 300, counter: 0, node: 'local' });
  });

  it('carries into the wall time when the counter would overflow', () => {
    const local: Hlc = { wallMs: 100, counter: 1, node: 'local' };
    const remote: Hlc = { wallMs: 100, counter: MAX_COUNTER, node: 'remote' };
    expect(receiveHlc(local, remote, 10)).toEqual({ wallMs: 101, counter: 0, node: 'local' });
  });
});
