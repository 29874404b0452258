import net from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A loopback TCP proxy that injects link faults between a station and a hub (tests and benchmarks only):
 * drop connections, cut the request or the response after N bytes, delay, or emulate a poor rural link
 * (bandwidth, round-trip time, TCP handshake) while counting bytes, connections and request/answer turns.
 * It listens on 127.0.0.1 and forwards only to a loopback address.
 */
export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'cut-request'; afterBytes: number }
  | { kind: 'cut-response'; afterBytes: number }
  | { kind: 'delay'; ms: number };

export interface LinkShape {
  /** Bytes per second each way (0: unlimited), e.g. 8000 for 64 kbit/s. */
  bytesPerSecond: number;
  /** Propagation delay each way: half the round trip. */
  oneWayMs: number;
}

export interface LinkStats {
  connections: number;
  bytesUp: number;
  bytesDown: number;
  /**
   * Request/answer turns: times the hub started sending after the client had sent (an HTTP exchange is one; a TLS
   * handshake adds its own). With `connections` (a TCP handshake each), the round trips a link pays.
   */
  turns: number;
}

export interface FaultProxy {
  port: number;
  url: string;
  /** Faults for the next `count` connections (then back to pass). */
  inject(mode: FaultMode, count?: number): void;
  /** Emulates a link (bandwidth, latency, TCP handshake) on new and open connections; null: loopback speed. */
  shape(link: LinkShape | null): void;
  stats: LinkStats;
  /** Zeroes the counters (between measured runs). */
  resetStats(): void;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/**
 * One direction of a shaped link: a chunk is serialised at the link's rate after the ones before it (the link is
 * busy until then), then arrives `oneWayMs` later; later chunks do not wait for an earlier one's propagation.
 * Arrivals are delivered in order by one timer per direction.
 */
class Lane {
  private busyUntil = 0;
  private queue: { at: number; data: Buffer; after?: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deliver: (data: Buffer) => void) {}

  /** The first byte may not leave before `t` (a TCP handshake: the client waits a round trip before sending). */
  holdUntil(t: number): void {
    this.busyUntil = Math.max(this.busyUntil, t);
  }

  push(data: Buffer, link: LinkShape, after?: () => void): void {
    const now = performance.now();
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + (link.bytesPerSecond > 0 ? (data.length * 1000) / link.bytesPerSecond : 0);
    this.queue.push({ at: this.busyUntil + link.oneWayMs, data, after });
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = performance.now();
      while (this.queue.length > 0 && this.queue[0]!.at <= now + 0.5) {
        const item = this.queue.shift()!;
        this.deliver(item.data);
        item.after?.();
      }
      this.arm();
    }, Math.max(0, this.queue[0]!.at - performance.now()));
  }

  /** Runs `fn` once everything queued has been delivered. */
  drained(fn: () => void): void {
    if (this.queue.length === 0) return fn();
    const last = this.queue[this.queue.length - 1]!;
    const prev = last.after;
    last.after = () => {
      prev?.();
      fn();
    };
  }
}

export async function startFaultProxy(targetHost: string, targetPort: number, port = 0): Promise<FaultProxy> {
  if (!LOOPBACK.test(targetHost)) throw new Error(`fault proxy forwards to loopback only, not ${targetHost}`);
  const queue: FaultMode[] = [];
  let link: LinkShape | null = null;
  const stats: LinkStats = { connections: 0, bytesUp: 0, bytesDown: 0, turns: 0 };
  const sockets = new Set<net.Socket>();

  const pipe = (from: net.Socket, to: net.Socket, dir: 'up' | 'down', cutAfter: number | null, delayMs: number, conn: { last: 'up' | 'down' | null }, lane: Lane) => {
    let seen = 0;
    let chain = Promise.resolve();
    const count = (data: Buffer) => {
      if (dir === 'up') stats.bytesUp += data.length;
      else {
        stats.bytesDown += data.length;
        if (conn.last === 'up' && data.length > 0) stats.turns++;
      }
      if (data.length > 0) conn.last = dir;
    };
    from.on('data', (chunk: Buffer) => {
      let data = chunk;
      if (cutAfter !== null && seen + data.length > cutAfter) data = data.subarray(0, Math.max(0, cutAfter - seen));
      seen += data.length;
      const cut = cutAfter !== null && seen >= cutAfter;
      count(data);
      if (link && delayMs === 0) {
        // Shaped: the sender is not held back (its bytes wait in the link), the receiver gets them on time.
        lane.push(data, link, cut ? () => (from.destroy(), to.destroy()) : undefined);
        return;
      }
      from.pause();
      chain = chain.then(async () => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        if (data.length > 0 && !to.destroyed) to.write(data);
        if (cut) {
          from.destroy();
          to.destroy();
          return;
        }
        from.resume();
      });
    });
    from.on('end', () => void chain.then(() => lane.drained(() => to.end())));
    from.on('error', () => to.destroy());
    from.on('close', () => void chain.then(() => lane.drained(() => to.destroy())));
  };

  const server = net.createServer((client) => {
    stats.connections++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const mode = queue.shift() ?? { kind: 'pass' };
    if (mode.kind === 'drop') return client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    const delay = mode.kind === 'delay' ? mode.ms : 0;
    const conn = { last: null as 'up' | 'down' | null };
    const up = new Lane((d) => !upstream.destroyed && upstream.write(d));
    const down = new Lane((d) => !client.destroyed && client.write(d));
    // TCP handshake on the emulated link: the client's first byte leaves one round trip after it connected.
    if (link) up.holdUntil(performance.now() + 2 * link.oneWayMs);
    pipe(client, upstream, 'up', mode.kind === 'cut-request' ? mode.afterBytes : null, delay, conn, up);
    pipe(upstream, client, 'down', mode.kind === 'cut-response' ? mode.afterBytes : null, delay, conn, down);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as net.AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    stats,
    inject: (mode, count = 1) => {
      for (let i = 0; i < count; i++) queue.push(mode);
    },
    shape: (l) => {
      link = l;
    },
    resetStats: () => {
      stats.connections = 0;
      stats.bytesUp = 0;
      stats.bytesDown = 0;
      stats.turns = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * As a process (tests of other layers): `tsx hub/testing/fault-proxy.ts <target port>` prints `{"port":N}` and
 * takes one JSON command per line on stdin: {"inject":{"kind":"cut-response","afterBytes":10},"count":1}.
 */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const proxy = await startFaultProxy('127.0.0.1', Number(process.argv[2]));
  process.stdout.write(`${JSON.stringify({ port: proxy.port })}\n`);
  let buffer = '';
  process.stdin.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const cmd = JSON.parse(line) as { inject?: FaultMode; count?: number; shape?: LinkShape | null; stats?: boolean };
      if (cmd.inject) proxy.inject(cmd.inject, cmd.count);
      if (cmd.shape !== undefined) proxy.shape(cmd.shape);
      process.stdout.write(`${JSON.stringify({ ok: true, stats: proxy.stats })}\n`);
    }
  });
  process.stdin.on('end', () => void proxy.close().then(() => process.exit(0)));
}
