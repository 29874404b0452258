import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract/index.js';
import { startStationBackend, type StationBackend } from '../../main/core/backend.js';
import type { Caller } from '../../main/core/dispatch/types.js';
import { locateAppPaths } from '../../main/core/paths.js';
import { DB_FILE_NAME, openStation } from '../../main/core/station.js';
import { DEFAULT_TODAY, generateStation, MANIFEST_FILE, readManifest, SHAPES, type SeedManifest } from '../seed/generate.js';
import type { MeasureOptions } from './measure.js';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const CACHE_ROOT = path.join(REPO_ROOT, '.cache', 'bench');
export const SERVE_ENTRY = path.join(REPO_ROOT, 'out', 'main', 'serve.cjs');

/** What a benchmark gets: the station (a working copy of the cached one), a signed-in caller, run counts. */
export interface BenchContext {
  persons: number;
  seed: string;
  quick: boolean;
  manifest: SeedManifest;
  /** The cached, untouched station (for the size on disk). */
  cacheDir: string;
  /** A copy the benchmarks may write to (sessions, audit entries of views). */
  workDir: string;
  backend: StationBackend;
  caller: Caller;
  /** Calls through dispatch as the administrator; throws on an error envelope. */
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>;
  runs(full: MeasureOptions, quick: MeasureOptions): MeasureOptions;
}

export function cacheDirFor(persons: number, seed: string): string {
  return path.join(CACHE_ROOT, `${persons}-${seed}`);
}

/** The cached station for (persons, seed), generated first when missing or made with other options. */
export async function ensureStation(persons: number, seed: string): Promise<{ dir: string; manifest: SeedManifest; cached: boolean }> {
  const dir = cacheDirFor(persons, seed);
  const manifest = readManifest(dir);
  const o = manifest?.options;
  if (manifest && o && o.persons === persons && o.seed === seed && o.today === DEFAULT_TODAY && o.ethnicMix === 'plains' && o.visitYears === 2 && hasEveryShape(manifest) && fs.existsSync(path.join(dir, DB_FILE_NAME))) {
    upgradeCache(dir);
    return { dir, manifest, cached: true };
  }
  console.error(`Generating the ${persons.toLocaleString('en-US')}-person station (seed ${seed}) into ${path.relative(REPO_ROOT, dir)} — cached for later runs.`);
  const generated = await generateStation({ persons, seed, dataDir: dir, force: true });
  return { dir, manifest: generated, cached: false };
}

/** A station generated before a shape was added (e.g. chronic patients, vaccination histories) is generated again. */
function hasEveryShape(manifest: SeedManifest): boolean {
  return SHAPES.every((shape) => manifest.shapes.some((s) => s.name === shape.name && !s.skipped));
}

/**
 * Applies migrations added since the station was generated (opening a station migrates it), so start-up and size
 * are measured on the current schema; the pre-migration backup the core writes is not kept in the cache.
 */
function upgradeCache(dir: string): void {
  const paths = locateAppPaths(REPO_ROOT);
  const station = openStation({ dataDir: dir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir });
  const migrated = station.backupPath !== null;
  station.close();
  if (migrated) {
    console.error(`Migrated the cached station ${path.relative(REPO_ROOT, dir)} to the current schema.`);
    fs.rmSync(path.join(dir, 'backups'), { recursive: true, force: true });
  }
}

/** A fresh working copy of a cached station (the benchmarks' sessions and audit entries stay out of the cache). */
export function workCopy(cacheDir: string, persons: number, seed: string): string {
  const work = path.join(CACHE_ROOT, `work-${persons}-${seed}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const f of fs.readdirSync(cacheDir)) {
    if (f.startsWith(DB_FILE_NAME) || f === MANIFEST_FILE) fs.copyFileSync(path.join(cacheDir, f), path.join(work, f));
  }
  return work;
}

export async function openContext(opts: { persons: number; seed: string; quick: boolean; cacheDir: string; manifest: SeedManifest }): Promise<BenchContext> {
  const workDir = workCopy(opts.cacheDir, opts.persons, opts.seed);
  const paths = locateAppPaths(REPO_ROOT);
  const backend = startStationBackend({ dataDir: workDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir }, { logError: (n, e) => console.error(`[bench] ${n}:`, e) });
  const anonymous: Caller = { token: null, workstation: 'bench', locale: 'vi' };
  const login = await backend.dispatch('auth.login', { username: opts.manifest.credentials.admin.username, password: opts.manifest.credentials.admin.password }, anonymous);
  if (!login.ok) throw new Error(`cannot sign in to the benchmark station: ${login.error.message}`);
  const caller: Caller = { token: (login.value as { token: string }).token, workstation: 'bench', locale: 'vi' };
  return {
    ...opts,
    workDir,
    backend,
    caller,
    async call(name, input) {
      const r = await backend.dispatch(name, input, caller);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    runs: (full, quick) => (opts.quick ? quick : full),
  };
}

/** A running `node out/main/serve.cjs` on a station folder. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts the built server on port 0 and resolves once it printed its address. */
export function startServer(dataDir: string): Promise<ServerProcess> {
  if (!fs.existsSync(SERVE_ENTRY)) throw new Error(`${SERVE_ENTRY} is missing: run \`npm run build\` first (npm run bench does)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVE_ENTRY, '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO_ROOT });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 60 s: ${out}${err}`));
    }, 60_000);
    child.stderr!.on('data', (d) => (err += String(d)));
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({
          child,
          pid: child.pid!,
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}${err}`));
    });
  });
}

/** POST /api/<name> with JSON; returns the parsed envelope. */
export async function apiCall(baseUrl: string, name: string, input: unknown, token?: string): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const res = await fetch(`${baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input ?? {}),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** Resident and peak memory of a process from /proc (Linux), in MB. */
export function processMemoryMB(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
