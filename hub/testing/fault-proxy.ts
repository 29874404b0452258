import net from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A loopback TCP proxy that injects link faults between a station and a hub (tests and benchmarks only):
 * drop connections, cut the request or the response after N bytes, delay, or throttle to a poor rural link.
 * It listens on 127.0.0.1 and forwards only to a loopback address.
 */
export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'cut-request'; afterBytes: number }
  | { kind: 'cut-response'; afterBytes: number }
  | { kind: 'delay'; ms: number };

export interface LinkShape {
  /** Bytes per second each way (0: unlimited). */
  bytesPerSecond: number;
  /** Added to each direction's first byte of every write burst: half the round trip. */
  oneWayMs: number;
}

export interface FaultProxy {
  port: number;
  url: string;
  /** Faults for the next `count` connections (then back to pass). */
  inject(mode: FaultMode, count?: number): void;
  shape(link: LinkShape | null): void;
  stats: { connections: number; bytesUp: number; bytesDown: number };
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

export async function startFaultProxy(targetHost: string, targetPort: number, port = 0): Promise<FaultProxy> {
  if (!LOOPBACK.test(targetHost)) throw new Error(`fault proxy forwards to loopback only, not ${targetHost}`);
  const queue: FaultMode[] = [];
  let link: LinkShape | null = null;
  const stats = { connections: 0, bytesUp: 0, bytesDown: 0 };
  const sockets = new Set<net.Socket>();

  const pipe = (from: net.Socket, to: net.Socket, dir: 'up' | 'down', cutAfter: number | null, delayMs: number) => {
    let seen = 0;
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      from.pause();
      chain = chain.then(async () => {
        let data = chunk;
        if (cutAfter !== null && seen + data.length > cutAfter) data = data.subarray(0, Math.max(0, cutAfter - seen));
        seen += data.length;
        if (dir === 'up') stats.bytesUp += data.length;
        else stats.bytesDown += data.length;
        const wait = delayMs + (link ? link.oneWayMs + (link.bytesPerSecond > 0 ? (data.length * 1000) / link.bytesPerSecond : 0) : 0);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (data.length > 0 && !to.destroyed) to.write(data);
        if (cutAfter !== null && seen >= cutAfter) {
          from.destroy();
          to.destroy();
          return;
        }
        from.resume();
      });
    });
    from.on('end', () => void chain.then(() => to.end()));
    from.on('error', () => to.destroy());
    from.on('close', () => void chain.then(() => to.destroy()));
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
    pipe(client, upstream, 'up', mode.kind === 'cut-request' ? mode.afterBytes : null, delay);
    pipe(upstream, client, 'down', mode.kind === 'cut-response' ? mode.afterBytes : null, delay);
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
