import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Test helper: a real hub process (`hub/main.ts`) and a fault proxy process in front of it, driven over HTTP and
 * stdin, so station tests exercise the real protocol without importing the hub (the layers stay apart).
 * PostgreSQL (HUB_TEST_DATABASE_URL) is used when reachable — always in CI, where it must be — else PGlite.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * `node --import tsx`, not the tsx CLI: the CLI runs the script in a second process, which a SIGKILL of the CLI
 * would leave running (a "killed" hub would go on serving).
 */
const TSX_NODE = [process.execPath, '--import', 'tsx'] as const;
export const PG_URL = process.env.HUB_TEST_DATABASE_URL ?? 'postgres://hub:hub@127.0.0.1:5432/hub_test';

export async function pgReachable(url = PG_URL): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function waitForLine(child: ChildProcess, match: (o: Record<string, unknown>) => boolean, what: string, timeoutMs = 90_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code})`)));
    rl.on('line', (line) => {
      try {
        const o = JSON.parse(line) as Record<string, unknown>;
        if (match(o)) {
          clearTimeout(timer);
          resolve(o);
        }
      } catch {
        // not a JSON line
      }
    });
  });
}

export interface HubProcess {
  url: string;
  /** Process id of the running hub (CPU accounting in benchmarks). */
  readonly pid: number;
  adminToken: string;
  /** PostgreSQL schema of the hub's tables (null on PGlite). */
  schema: string | null;
  admin<T = unknown>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; json: T }>;
  enroll(code: string, level?: string): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HubProcessOptions {
  code: string;
  level: string;
  parent?: string;
  usePg: boolean;
  /** PostgreSQL server when usePg (default HUB_TEST_DATABASE_URL); the hub gets a fresh schema, dropped by stop(). */
  databaseUrl?: string;
  port?: number;
  upstream?: { url: string; credential: string; ca?: string };
  /** Serve HTTPS with these PEM files; `ca` (PEM text) is trusted by the admin calls of this helper. */
  tls?: { cert: string; key: string; ca: string };
  /** Extra `hub/main.ts serve` flags. */
  args?: string[];
}

export async function startHubProcess(opts: HubProcessOptions): Promise<HubProcess> {
  const adminToken = crypto.randomBytes(12).toString('hex');
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-hub-'));
  const databaseUrl = opts.databaseUrl ?? PG_URL;
  let port = opts.port ?? 0;
  let child: ChildProcess;
  const launch = async () => {
    const args = ['hub/main.ts', 'serve', '--port', String(port), '--admin-token', adminToken, '--hub-code', opts.code, '--hub-name', `Hub ${opts.code}`, '--hub-level', opts.level, '--log-level', 'warn'];
    if (opts.parent) args.push('--hub-parent', opts.parent);
    if (opts.upstream) args.push('--upstream-url', opts.upstream.url, '--upstream-credential', opts.upstream.credential, '--upstream-interval', '1');
    if (opts.upstream?.ca) args.push('--upstream-ca', opts.upstream.ca);
    if (opts.tls) args.push('--tls-cert', opts.tls.cert, '--tls-key', opts.tls.key);
    args.push(...(opts.args ?? []));
    args.push(...(opts.usePg ? ['--database-url', databaseUrl, '--database-schema', schema] : ['--data-dir', dataDir]));
    // HUB_NODE_ARGS: extra Node flags for the hub process when profiling (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
    const nodeArgs = process.env.HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    child = spawn(TSX_NODE[0], [...nodeArgs, ...TSX_NODE.slice(1), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } });
    const line = await waitForLine(child, (o) => o.event === 'listening', 'hub');
    port = Number(line.port);
  };
  await launch();
  const url = () => `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const admin: HubProcess['admin'] = async (method, route, body) => {
    const headers = { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) };
    if (opts.tls) return httpsJson(`${url()}/admin${route}`, method, headers, body, opts.tls.ca) as never;
    const res = await fetch(`${url()}/admin${route}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: (await res.json()) as never };
  };
  const stopChild = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    get url() {
      return url();
    },
    get pid() {
      return child.pid!;
    },
    adminToken,
    schema: opts.usePg ? schema : null,
    admin,
    async enroll(code, level = 'station') {
      const r = await admin<{ credential: string }>('POST', '/facilities', { code, name: `Trạm ${code}`, level });
      if (r.status !== 200) throw new Error(`enroll failed: ${JSON.stringify(r.json)}`);
      return r.json.credential;
    },
    kill: (signal = 'SIGKILL') => stopChild(signal),
    restart: launch,
    async stop() {
      await stopChild('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (opts.usePg) {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    },
  };
}

/** fetch() cannot be given a CA: admin calls to an HTTPS hub go through node:https, trusting `ca`. */
function httpsJson(url: string, method: string, headers: Record<string, string>, body: unknown, ca: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

export interface ProxyProcess {
  url: string;
  inject(mode: Record<string, unknown>, count?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startProxyProcess(targetPort: number): Promise<ProxyProcess> {
  const child = spawn(TSX_NODE[0], [...TSX_NODE.slice(1), 'hub/testing/fault-proxy.ts', String(targetPort)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: child.stdout! });
  const lines: ((o: Record<string, unknown>) => void)[] = [];
  const first = new Promise<Record<string, unknown>>((resolve) => lines.push(resolve));
  rl.on('line', (l) => lines.shift()?.(JSON.parse(l) as Record<string, unknown>));
  const { port } = await first;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    inject: async (mode, count = 1) => {
      const answered = new Promise((resolve) => lines.push(resolve));
      child.stdin!.write(`${JSON.stringify({ inject: mode, count })}\n`);
      await answered;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
