import fs from 'node:fs';
import path from 'node:path';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract/index.js';
import { startStationBackend, type StationBackend } from '../../main/core/backend.js';
import type { Caller } from '../../main/core/dispatch/types.js';
import { locateAppPaths } from '../../main/core/paths.js';
import { DB_FILE_NAME, openStation } from '../../main/core/station.js';
import { syncServiceFor } from '../../main/core/sync/service.js';

/**
 * The generated benchmark stations, opened for the sync benchmarks. The cache (.cache/bench/<persons>-<seed>) is
 * used as it is — a station generated before a newer generator shape is still a station of that size with visits
 * and records — so these benchmarks never trigger a regeneration (`npm run bench` does that, through ensureStation).
 */
export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const CACHE_ROOT = path.join(REPO_ROOT, '.cache', 'bench');

export interface CachedStation {
  persons: number;
  seed: string;
  dir: string;
  facility: { code: string; name: string };
  admin: { username: string; password: string };
  counts: Record<string, number>;
}

export function cachedStation(persons: number, seed: string, dir = path.join(CACHE_ROOT, `${persons}-${seed}`)): CachedStation | null {
  const manifestFile = path.join(dir, 'seed.json');
  if (!fs.existsSync(manifestFile) || !fs.existsSync(path.join(dir, DB_FILE_NAME))) return null;
  const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { facility: CachedStation['facility']; credentials: { admin: CachedStation['admin'] }; counts: Record<string, number> };
  return { persons, seed, dir, facility: m.facility, admin: m.credentials.admin, counts: m.counts };
}

/** Brings the cached station to the current schema once (as ensureStation does), without keeping the backup. */
export function migrateCache(dir: string): void {
  const paths = locateAppPaths(REPO_ROOT);
  const station = openStation({ dataDir: dir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir });
  const migrated = station.backupPath !== null;
  station.close();
  if (migrated) fs.rmSync(path.join(dir, 'backups'), { recursive: true, force: true });
}

/** A working copy the sync benchmarks may change (acknowledgements, cursor, the day's work). */
export function syncCopy(cache: CachedStation, name: string): string {
  const work = path.join(CACHE_ROOT, `sync-${name}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const f of fs.readdirSync(cache.dir)) if (f.startsWith(DB_FILE_NAME) || f === 'seed.json') fs.copyFileSync(path.join(cache.dir, f), path.join(work, f));
  return work;
}

export interface OpenStation {
  dir: string;
  backend: StationBackend;
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>;
  close(): void;
}

/** Opens a station folder through the real backend, signed in as its administrator. */
export async function openStationAt(dir: string, admin: { username: string; password: string }): Promise<OpenStation> {
  const paths = locateAppPaths(REPO_ROOT);
  const backend = startStationBackend({ dataDir: dir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir }, { logError: (n, e) => console.error(`[bench:sync] ${n}:`, e) });
  const anonymous: Caller = { token: null, workstation: 'bench-sync', locale: 'vi' };
  const login = await backend.dispatch('auth.login', admin, anonymous);
  if (!login.ok) throw new Error(`cannot sign in to ${dir}: ${login.error.message}`);
  const caller: Caller = { token: (login.value as { token: string }).token, workstation: 'bench-sync', locale: 'vi' };
  return {
    dir,
    backend,
    async call(name, input) {
      const r = await backend.dispatch(name, input, caller);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? {})}`);
      return r.value as never;
    },
    close() {
      syncServiceFor(backend.station).stop();
      backend.close();
    },
  };
}

/** Points the station at a hub; the background scheduler is stopped so only the measured syncs run. */
export async function configureSync(s: OpenStation, hubUrl: string, credential: string): Promise<void> {
  await s.call('sync.configure', { hubUrl, credential });
  syncServiceFor(s.backend.station).stop();
}

export const unacked = (s: OpenStation) => (s.backend.station.sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE acked_at IS NULL').get() as { n: number }).n;
export const lastSeq = (s: OpenStation) => (s.backend.station.sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
