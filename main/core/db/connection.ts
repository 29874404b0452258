import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { appliedMigrationCount, applyMigrations, pendingMigrations, readMigrations } from './migrate.js';

export type Db = BetterSQLite3Database;

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Db;
  /** Path of the copy made before migrating an existing database, if one was made. */
  backupPath: string | null;
}

/** Sets the connection pragmas every station database uses. */
export function configureConnection(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // 64 MB page cache (the default is 2 MB): list and report queries of a 100,000-person station read tens of
  // MB of index pages, and re-reading them from the OS cache on every call doubled the overdue list's time.
  sqlite.pragma('cache_size = -65536');
  // Sorts and temporary b-trees of reports stay in memory instead of temporary files.
  sqlite.pragma('temp_store = MEMORY');
}

function backupBeforeMigration(sqlite: Database.Database, file: string, now: Date): string {
  const dir = path.join(path.dirname(file), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(file, '.sqlite')}-before-migration-${stamp}.sqlite`);
  // VACUUM INTO writes a consistent copy even with a WAL file beside the database.
  sqlite.prepare('VACUUM INTO ?').run(target);
  return target;
}

/**
 * Opens (or creates) a station database and brings it to the current schema before anything else uses it.
 * An existing database with pending migrations is copied to `backups/` first.
 */
export function openDatabase(file: string, migrationsDir: string, now = new Date()): OpenedDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    configureConnection(sqlite);
    const migrations = readMigrations(migrationsDir);
    let backupPath: string | null = null;
    if (file !== ':memory:' && pendingMigrations(sqlite, migrations).length > 0 && appliedMigrationCount(sqlite) > 0) {
      backupPath = backupBeforeMigration(sqlite, file, now);
    }
    applyMigrations(sqlite, migrations);
    return { sqlite, db: drizzle(sqlite), backupPath };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
