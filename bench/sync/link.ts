import { startFaultProxy, type FaultProxy, type LinkShape } from '../../hub/testing/fault-proxy.js';
import type { OpenStation } from './station.js';

/**
 * The poor rural link of issue 6 §6, emulated by the loopback proxy (hub/testing/fault-proxy.ts): 64 kbit/s each
 * way and a 600 ms round trip (300 ms each way), plus one round trip for every TCP connection opened.
 */
export const RURAL_LINK: LinkShape = { bytesPerSecond: 64_000 / 8, oneWayMs: 300 };
export const RURAL_LINK_TEXT = '64 kbit/s each way, 600 ms round trip';

export interface LinkFigures {
  seconds: number;
  pushed: number;
  pulled: number;
  /** Bytes on the wire (HTTP headers and bodies, both ways) counted by the proxy. */
  bytesUp: number;
  bytesDown: number;
  /** HTTP exchanges the client made (runSync's round trips) and what the proxy saw. */
  roundTrips: number;
  turns: number;
  connections: number;
  ok: boolean;
  error: string | null;
}

export async function linkProxy(targetPort: number): Promise<FaultProxy> {
  const proxy = await startFaultProxy('127.0.0.1', targetPort);
  proxy.shape(RURAL_LINK);
  return proxy;
}

/** One `sync.now` of the station through the shaped proxy (the station is configured with the proxy's address). */
export async function syncOverLink(s: OpenStation, proxy: FaultProxy): Promise<LinkFigures> {
  proxy.resetStats();
  const t0 = performance.now();
  const { run } = await s.call('sync.now', {});
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    pushed: run.pushed,
    pulled: run.pulled,
    bytesUp: proxy.stats.bytesUp,
    bytesDown: proxy.stats.bytesDown,
    roundTrips: run.roundTrips,
    turns: proxy.stats.turns,
    connections: proxy.stats.connections,
    ok: run.ok,
    error: run.error ? `${run.error.code}: ${run.error.detail}` : null,
  };
}
