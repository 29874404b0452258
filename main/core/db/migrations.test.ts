import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';
import { applyMigrations, readMigrations } from './migrate.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}
interface Journal {
  version: string;
  dialect: string;
  entries: JournalEntry[];
}

function readJournal(dir = MIGRATIONS_DIR): Journal {
  return JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-migrations-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the committed migrations, optionally cut to the first `keep` entries, with extra migrations appended. */
function migrationsCopy(extra: { tag: string; sql: string; when?: number }[] = [], keep?: number): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journal = readJournal(dir);
  if (keep !== undefined) journal.entries = journal.entries.slice(0, keep);
  for (const m of extra) {
    const last = journal.entries.at(-1)!;
    fs.writeFileSync(path.join(dir, `${m.tag}.sql`), m.sql);
    journal.entries.push({ idx: journal.entries.length, version: last.version, when: m.when ?? last.when + 1000, tag: m.tag, breakpoints: true });
  }
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  return dir;
}

const dbFile = () => path.join(tmp, 'data', 'station.sqlite');

/** Seeds a user and a session that references it (sessions.user_id → users.id). */
function seedUserWithSession(sqlite: Database.Database): void {
  sqlite
    .prepare(
      `INSERT INTO users (id, owner_facility, hlc, username, full_name, role, password_hash, created_at)
       VALUES ('u1', '01234', '000000000000001-0000-n', 'lan', 'Nguyễn Thị Lan', 'nurse', 'scrypt$x', '2026-01-01')`,
    )
    .run();
  sqlite
    .prepare(
      `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, workstation)
       VALUES ('t1', 'u1', '2026-01-01', '2026-01-02', '2026-01-01', 'test')`,
    )
    .run();
}

const USER_COLUMNS = '`id`, `owner_facility`, `hlc`, `deleted`, `username`, `full_name`, `role`, `password_hash`, `active`, `locale`, `created_at`';
/** The table rebuild drizzle-kit generates when a column changes (here: a new `phone` column). */
function rebuildUsersSql(copyWhere = '1'): string {
  return [
    'PRAGMA foreign_keys=OFF;',
    `CREATE TABLE \`__new_users\` (
\t\`id\` text PRIMARY KEY NOT NULL, \`owner_facility\` text NOT NULL, \`hlc\` text NOT NULL,
\t\`deleted\` integer DEFAULT false NOT NULL, \`username\` text NOT NULL, \`full_name\` text NOT NULL,
\t\`role\` text NOT NULL, \`password_hash\` text NOT NULL, \`active\` integer DEFAULT true NOT NULL,
\t\`locale\` text DEFAULT 'vi' NOT NULL, \`created_at\` text NOT NULL, \`phone\` text
);`,
    `INSERT INTO \`__new_users\`(${USER_COLUMNS}) SELECT ${USER_COLUMNS} FROM \`users\` WHERE ${copyWhere};`,
    'DROP TABLE `users`;',
    'ALTER TABLE `__new_users` RENAME TO `users`;',
    'PRAGMA foreign_keys=ON;',
    'CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);',
  ].join('--> statement-breakpoint\n');
}

const columnsOf = (sqlite: Database.Database, table: string) =>
  (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
const appliedCount = (sqlite: Database.Database) =>
  (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;

describe('the committed migrations', () => {
  it('have journal timestamps that strictly increase and indexes that match their position', () => {
    const { entries } = readJournal();
    expect(entries.length).toBeGreaterThan(0);
    entries.forEach((entry, i) => {
      expect(entry.idx).toBe(i);
      if (i > 0) expect(entry.when).toBeGreaterThan(entries[i - 1]!.when);
    });
  });

  it('list every SQL file in the folder, and every listed file exists', () => {
    const tags = readJournal().entries.map((e) => e.tag);
    for (const tag of tags) expect(fs.existsSync(path.join(MIGRATIONS_DIR, `${tag}.sql`)), tag).toBe(true);
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
    expect(files.map((f) => f.replace(/\.sql$/, '')).sort()).toEqual([...tags].sort());
  });

  it('never delete records in cascade', () => {
    for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))) {
      expect(fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'), file).not.toMatch(/ON DELETE CASCADE/i);
    }
  });

  it('build a database with foreign keys enforced, write-ahead logging and a busy timeout', () => {
    const { sqlite, backupPath } = openDatabase(dbFile(), MIGRATIONS_DIR);
    try {
      expect(backupPath).toBeNull();
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(appliedCount(sqlite)).toBe(readJournal().entries.length);
      expect(() =>
        sqlite
          .prepare(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, workstation) VALUES ('t', 'nobody', '', '', '', '')`)
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      sqlite.close();
    }
  });
});

describe('applying a migration to a database that already holds data', () => {
  it('rebuilding the users table keeps the sessions that reference its users', () => {
    const first = openDatabase(dbFile(), MIGRATIONS_DIR);
    seedUserWithSession(first.sqlite);
    first.sqlite.close();

    const dir = migrationsCopy([{ tag: '0002_users_phone', sql: rebuildUsersSql() }]);
    const { sqlite } = openDatabase(dbFile(), dir);
    try {
      expect(columnsOf(sqlite, 'users')).toContain('phone');
      expect(sqlite.prepare('SELECT username FROM users').all()).toEqual([{ username: 'lan' }]);
      expect(sqlite.prepare('SELECT token_hash, user_id FROM sessions').all()).toEqual([{ token_hash: 't1', user_id: 'u1' }]);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(appliedCount(sqlite)).toBe(readJournal().entries.length + 1);
    } finally {
      sqlite.close();
    }
  });

  it('a migration that leaves a dangling reference is rolled back with an error', () => {
    const { sqlite } = openDatabase(dbFile(), MIGRATIONS_DIR);
    try {
      seedUserWithSession(sqlite);
      const dir = migrationsCopy([{ tag: '0002_loses_users', sql: rebuildUsersSql("username <> 'lan'") }]);
      expect(() => applyMigrations(sqlite, readMigrations(dir))).toThrow(/foreign key/i);

      expect(columnsOf(sqlite, 'users')).not.toContain('phone');
      expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = '__new_users'").all()).toEqual([]);
      expect(sqlite.prepare('SELECT id FROM users').all()).toEqual([{ id: 'u1' }]);
      expect(sqlite.prepare('SELECT user_id FROM sessions').all()).toEqual([{ user_id: 'u1' }]);
      expect(appliedCount(sqlite)).toBe(readJournal().entries.length);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      sqlite.close();
    }
  });

  it('a migration whose journal time is older than the last applied one is still applied, once', () => {
    openDatabase(dbFile(), MIGRATIONS_DIR).sqlite.close();
    const oldest = readJournal().entries[0]!.when;
    const dir = migrationsCopy([{ tag: '0002_from_a_branch', sql: 'CREATE TABLE `branch_notes` (`id` text PRIMARY KEY NOT NULL);', when: oldest - 60_000 }]);

    const second = openDatabase(dbFile(), dir);
    expect(second.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'branch_notes'").all()).toHaveLength(1);
    expect(appliedCount(second.sqlite)).toBe(readJournal().entries.length + 1);
    second.sqlite.close();

    const third = openDatabase(dbFile(), dir);
    expect(third.backupPath).toBeNull();
    expect(appliedCount(third.sqlite)).toBe(readJournal().entries.length + 1);
    third.sqlite.close();
  });
});

describe('backup before migrating', () => {
  it('an existing database with pending migrations is copied to backups/ first, with its old data', () => {
    const onlyFirst = migrationsCopy([], 1);
    const old = openDatabase(dbFile(), onlyFirst, new Date('2026-03-01T07:00:00Z'));
    expect(old.backupPath).toBeNull();
    old.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'dữ liệu cũ')").run();
    old.sqlite.close();

    const { sqlite, backupPath } = openDatabase(dbFile(), MIGRATIONS_DIR, new Date('2026-03-15T08:00:00Z'));
    try {
      expect(backupPath).not.toBeNull();
      expect(path.dirname(backupPath!)).toBe(path.join(tmp, 'data', 'backups'));
      expect(fs.existsSync(backupPath!)).toBe(true);
      const copy = new Database(backupPath!, { readonly: true });
      try {
        expect(copy.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({ value: 'dữ liệu cũ' });
        // The copy is the database as it was before the migration ran.
        expect(appliedCount(copy)).toBe(1);
        expect(copy.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()).toEqual([]);
      } finally {
        copy.close();
      }
      expect(appliedCount(sqlite)).toBe(readJournal().entries.length);
      expect(sqlite.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({ value: 'dữ liệu cũ' });
    } finally {
      sqlite.close();
    }
  });

  it('a new database and an up-to-date one are not backed up', () => {
    const fresh = openDatabase(dbFile(), MIGRATIONS_DIR);
    expect(fresh.backupPath).toBeNull();
    fresh.sqlite.close();
    const again = openDatabase(dbFile(), MIGRATIONS_DIR);
    expect(again.backupPath).toBeNull();
    again.sqlite.close();
    expect(fs.existsSync(path.join(tmp, 'data', 'backups'))).toBe(false);
  });
});
