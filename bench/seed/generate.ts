import fs from 'node:fs';
import type Database from 'better-sqlite3';
import path from 'node:path';
import type { SessionUser } from '../../shared/contract/auth.js';
import { batchActor, runInternalBatch, type BatchCall } from '../../main/core/dispatch/batch.js';
import { locateAppPaths } from '../../main/core/paths.js';
import { DB_FILE_NAME, openStation } from '../../main/core/station.js';
import { healthRecordsShape } from './health-records.js';
import { immunizationShape } from './immunization.js';
import { bhytRenewalsShape, householdsShape } from './households.js';
import { lifeEventsShape } from './life-events.js';
import { ncdShape } from './ncd.js';
import { MOUNTAIN, PLAINS, dayMs, localTime } from './population.js';
import { ProgressBar } from './progress.js';
import { Rng } from './rng.js';
import type { GenerateOptions, Shape, StaffUsers, Task, TaskEnv, World } from './types.js';
import { visitsShape } from './visits.js';

/**
 * Builds a synthetic station THROUGH THE CORE: setup, users, then every shape's tasks in time order, each call
 * validated by the contract and run by the real handler (runInternalBatch: one transaction per ~2,000 calls), with
 * the station's clock set to the moment of each task. Deterministic for a given seed and "today".
 */

/** Every shape, in planning order. Add a shape here (docs/seed.md says how). */
export const SHAPES: readonly Shape[] = [householdsShape, lifeEventsShape, healthRecordsShape, bhytRenewalsShape, ncdShape, visitsShape, immunizationShape];

export const DEFAULT_TODAY = '2026-11-20';
export const SEED_ADMIN = { username: 'admin', password: 'quantri-benchmark', fullName: 'Nguyễn Thị Quản Trị' };
export const SEED_STAFF_PASSWORD = 'nhanvien-benchmark';
export const MANIFEST_FILE = 'seed.json';

export interface SeedManifest {
  generator: number;
  options: GenerateOptions;
  facility: { code: string; name: string };
  credentials: { admin: { username: string; password: string }; staffPassword: string; staff: { username: string; role: string }[] };
  counts: Record<string, number>;
  shapes: { name: string; summary: string; skipped?: string }[];
  /** Wall-clock seconds, and CPU seconds of the generating process (user + system): on a busy machine they differ. */
  seconds: { plan: number; run: number; total: number; cpu?: number };
  /** The last full calendar month of visits (for the register benchmark). */
  registerMonth: { from: string; to: string };
}

export interface GenerateRun extends Partial<GenerateOptions> {
  persons: number;
  dataDir: string;
  shapes?: readonly Shape[];
  /** Calls per transaction (default 2,000). */
  batchCalls?: number;
  /** Show a progress bar on stderr (default true). */
  progress?: boolean;
  /** Replace an existing station in dataDir. */
  force?: boolean;
}

const DAY = 86_400_000;
const GENERATOR_VERSION = 1;

/**
 * Generation speed-up, not a change of behaviour: the core prepares each SQL statement anew (drizzle and
 * `sqlite.prepare` in handlers), which for the big persons table with its FTS triggers costs more than running it.
 * The generator owns its connection, so it caches prepared statements by SQL text (resetting raw/pluck/expand
 * modes, as a fresh statement has them). The same SQL runs with the same parameters.
 */
function cacheStatements(sqlite: Database.Database): void {
  const original = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size > 5000) cache.clear();
      stmt = original(sql);
      cache.set(sql, stmt);
    } else if (stmt.reader) {
      stmt.raw(false);
      stmt.pluck(false);
      stmt.expand(false);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

function hamletCount(persons: number): number {
  return Math.max(10, Math.min(40, 10 + Math.floor(persons / 3300)));
}

export function createWorld(options: GenerateOptions, rng: Rng): World {
  const profile = options.ethnicMix === 'mountain' ? MOUNTAIN : PLAINS;
  const words = rng.fork('hamlet-names').shuffle([...profile.hamletWords]);
  const hamletNames = words.slice(0, hamletCount(options.persons)).map((w) => (w.startsWith('Bản ') ? w : `${profile.hamletKind} ${w}`));
  const windowEnd = localTime(options.today, 0);
  const windowStart = windowEnd - Math.round(options.visitYears * 365) * DAY;
  return {
    options,
    profile,
    hamletNames,
    hamletIds: [],
    households: [],
    persons: [],
    campaignStart: windowStart - 45 * DAY,
    windowStart,
    windowEnd,
    staff: null,
    facilityCode: profile.facility.code,
  };
}

/** Plans the world with every available shape (pure; no database). */
export function planWorld(options: GenerateOptions, shapes: readonly Shape[] = SHAPES): { world: World; active: Shape[]; skipped: { name: string; reason: string }[] } {
  const rng = new Rng(`${options.seed}`);
  const world = createWorld(options, rng);
  const active: Shape[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const shape of shapes) {
    const reason = shape.unavailable?.() ?? null;
    if (reason) skipped.push({ name: shape.name, reason });
    else active.push(shape);
  }
  for (const shape of active) shape.plan?.(world, rng.fork(`plan:${shape.name}`));
  return { world, active, skipped };
}

function staffPlan(persons: number) {
  const physicians = [
    { username: 'bs.hung', fullName: 'Lê Văn Hưng' },
    { username: 'ys.hang', fullName: 'Nguyễn Thị Hằng' },
    { username: 'bs.khoa', fullName: 'Trần Đăng Khoa' },
    { username: 'ys.thao', fullName: 'Phạm Thị Thảo' },
  ].slice(0, 1 + Math.min(3, Math.floor(persons / 30000)));
  const nurses = [
    { username: 'dd.thu', fullName: 'Phạm Thị Thu' },
    { username: 'hs.lananh', fullName: 'Trần Thị Lan Anh' },
    { username: 'dd.tuan', fullName: 'Đỗ Minh Tuấn' },
    { username: 'dd.ngoc', fullName: 'Vũ Thị Ngọc' },
    { username: 'hs.huyen', fullName: 'Bùi Thị Huyền' },
    { username: 'dd.phong', fullName: 'Đinh Văn Phong' },
  ].slice(0, 2 + Math.min(4, Math.floor(persons / 25000)));
  return { physicians, nurses, clerk: { username: 'vt.mai', fullName: 'Hoàng Thị Mai' } };
}

export async function generateStation(run: GenerateRun): Promise<SeedManifest> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const options: GenerateOptions = {
    persons: run.persons,
    seed: run.seed ?? '1',
    today: run.today ?? DEFAULT_TODAY,
    ethnicMix: run.ethnicMix ?? 'plains',
    visitYears: run.visitYears ?? 2,
  };
  if (!Number.isInteger(options.persons) || options.persons < 1) throw new Error('--persons must be a positive integer');
  const dbFile = path.join(run.dataDir, DB_FILE_NAME);
  if (fs.existsSync(dbFile)) {
    if (!run.force) throw new Error(`${dbFile} already exists (use --force to replace it)`);
    for (const f of fs.readdirSync(run.dataDir)) if (f.startsWith(DB_FILE_NAME) || f === MANIFEST_FILE) fs.rmSync(path.join(run.dataDir, f));
  }
  fs.mkdirSync(run.dataDir, { recursive: true });

  const { world, active, skipped } = planWorld(options, run.shapes ?? SHAPES);
  const planned = performance.now();

  let clock = world.campaignStart - 2 * DAY + 8 * 3_600_000;
  const paths = locateAppPaths(path.dirname(new URL(import.meta.url).pathname));
  const station = openStation({ dataDir: run.dataDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir, now: () => new Date(clock) });
  cacheStatements(station.sqlite);
  // A page cache large enough for the indexes being filled (a connection setting, not data).
  station.sqlite.pragma('cache_size = -262144');
  try {
    // Setup and staff, through the same procedures as the first-run wizard and the users screen.
    runInternalBatch(station, null, (call) =>
      call('setup.complete', { facility: world.profile.facility, hamlets: world.hamletNames, admin: SEED_ADMIN }),
    );
    const admin = batchActor(station, SEED_ADMIN.username);
    const plan = staffPlan(options.persons);
    runInternalBatch(station, admin, (call) => {
      for (const p of plan.physicians) call('users.create', { ...p, role: 'physician', password: SEED_STAFF_PASSWORD });
      for (const n of plan.nurses) call('users.create', { ...n, role: 'nurse', password: SEED_STAFF_PASSWORD });
      call('users.create', { ...plan.clerk, role: 'clerk', password: SEED_STAFF_PASSWORD });
      world.hamletIds = call('hamlets.list', {}).hamlets.map((h) => h.id);
    });
    const staff: StaffUsers = {
      admin,
      clerk: batchActor(station, plan.clerk.username),
      physicians: plan.physicians.map((p) => batchActor(station, p.username)),
      nurses: plan.nurses.map((n) => batchActor(station, n.username)),
    };
    world.staff = staff;

    const envFor = (call: BatchCall): TaskEnv => ({ call, world, staff, setClock: (ms) => (clock = ms) });
    clock += 3_600_000;
    runInternalBatch(station, admin, (call) => {
      for (const shape of active) shape.prepare?.(envFor(call));
    });

    // Every shape's tasks, merged by time (ties: shape order, then task order).
    const tasks: { task: Task; shape: number; index: number }[] = [];
    active.forEach((shape, s) => shape.tasks(world, new Rng(`${options.seed}/tasks:${shape.name}`)).forEach((task, index) => tasks.push({ task, shape: s, index })));
    tasks.sort((a, b) => a.task.at - b.task.at || a.shape - b.shape || a.index - b.index);

    const bar = run.progress === false ? null : new ProgressBar(`seed ${options.persons.toLocaleString('en-US')}`, tasks.length);
    const batchCalls = run.batchCalls ?? 2000;
    let next = 0;
    while (next < tasks.length) {
      next = runInternalBatch(
        station,
        staff.clerk,
        (rawCall) => {
          let calls = 0;
          const call: BatchCall = (name, input, opts?: { as?: SessionUser }) => {
            calls++;
            return rawCall(name, input, opts);
          };
          const env = envFor(call);
          let i = next;
          while (i < tasks.length && calls < batchCalls) {
            const { task, shape } = tasks[i]!;
            clock = task.at;
            try {
              task.run(env);
            } catch (e) {
              const detail = e instanceof Error ? `${e.message} ${JSON.stringify((e as { details?: unknown }).details ?? {})}` : String(e);
              throw new Error(`shape ${active[shape]!.name}: task at ${new Date(task.at).toISOString()} failed: ${detail}`, { cause: e });
            }
            i++;
          }
          return i;
        },
        // Outputs are not written anywhere; inputs are still validated by the contract.
        { workstation: 'seed:generator', validateOutput: false },
      );
      bar?.update(next);
    }
    bar?.done();
    const ran = performance.now();

    const count = (table: string, where = '') => (station.sqlite.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
    const has = (table: string) => Boolean(station.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table));
    const counts: Record<string, number> = {
      households: count('households'),
      persons: count('persons'),
      personsActive: count('persons', "WHERE status = 'active'"),
      healthRecords: count('health_records'),
      changeLog: count('change_log'),
      auditLog: count('audit_log'),
    };
    if (has('visits')) {
      counts.visits = count('visits');
      counts.visitDiagnoses = count('visit_diagnoses');
      counts.prescriptionItems = count('prescription_items');
    }
    if (has('ncd_enrollments')) {
      counts.ncdEnrollments = count('ncd_enrollments');
      counts.ncdFollowups = count('ncd_followups');
      counts.ncdCalls = count('ncd_calls');
    }
    const lastMonthEnd = new Date(dayMs(`${options.today.slice(0, 7)}-01`) - DAY).toISOString().slice(0, 10);
    const manifest: SeedManifest = {
      generator: GENERATOR_VERSION,
      options,
      facility: { code: world.profile.facility.code, name: world.profile.facility.name },
      credentials: {
        admin: { username: SEED_ADMIN.username, password: SEED_ADMIN.password },
        staffPassword: SEED_STAFF_PASSWORD,
        staff: [...plan.physicians.map((p) => ({ username: p.username, role: 'physician' })), ...plan.nurses.map((n) => ({ username: n.username, role: 'nurse' })), { username: plan.clerk.username, role: 'clerk' }],
      },
      counts,
      shapes: [
        ...active.map((s) => ({ name: s.name, summary: s.summary?.(world) ?? '' })),
        ...skipped.map((s) => ({ name: s.name, summary: '', skipped: s.reason })),
      ],
      seconds: { plan: (planned - started) / 1000, run: (ran - planned) / 1000, total: (performance.now() - started) / 1000, cpu: cpuSeconds(process.cpuUsage(cpuStart)) },
      registerMonth: { from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd },
    };
    fs.writeFileSync(path.join(run.dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    station.close();
  }
}

function cpuSeconds(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}

export function readManifest(dataDir: string): SeedManifest | null {
  const file = path.join(dataDir, MANIFEST_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SeedManifest) : null;
}
