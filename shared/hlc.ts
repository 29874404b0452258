/**
 * Hybrid logical clock (Kulkarni et al. 2014). A stamp is `<wall ms, 15 hex>-<counter, 4 hex>-<node>`,
 * fixed width so that string order equals clock order. It never goes backwards even when the PC's wall
 * clock does (a common case on station PCs with a flat CMOS battery).
 */
export interface Hlc {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

const MAX_COUNTER = 0xffff;

export function formatHlc(h: Hlc): string {
  return `${h.wallMs.toString(16).padStart(15, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

export function parseHlc(s: string): Hlc | null {
  const m = /^([0-9a-f]{15})-([0-9a-f]{4})-([A-Za-z0-9_.:]+)$/.exec(s);
  if (!m) return null;
  return { wallMs: parseInt(m[1]!, 16), counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** The next stamp for a local event. */
export function tickHlc(prev: Hlc, wallMs: number): Hlc {
  if (wallMs > prev.wallMs) return { wallMs, counter: 0, node: prev.node };
  if (prev.counter >= MAX_COUNTER) return { wallMs: prev.wallMs + 1, counter: 0, node: prev.node };
  return { wallMs: prev.wallMs, counter: prev.counter + 1, node: prev.node };
}

/** Advance the local clock past a stamp received from another replica. */
export function receiveHlc(local: Hlc, remote: Hlc, wallMs: number): Hlc {
  const maxWall = Math.max(local.wallMs, remote.wallMs, wallMs);
  let counter: number;
  if (maxWall === local.wallMs && maxWall === remote.wallMs) counter = Math.max(local.counter, remote.counter) + 1;
  else if (maxWall === local.wallMs) counter = local.counter + 1;
  else if (maxWall === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wallMs: maxWall + 1, counter: 0, node: local.node };
  return { wallMs: maxWall, counter, node: local.node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
