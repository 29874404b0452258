import type Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';

/**
 * Applies drizzle-kit's committed migrations. Written here instead of using drizzle's migrator because of two
 * traps (ARCHITECTURE.md): drizzle skips a migration whose journal timestamp is older than the last applied one
 * (we track applied migrations by their own timestamp instead, and a test keeps the journal strictly
 * increasing), and `PRAGMA foreign_keys=OFF` inside a migration is a no-op within a transaction, so table
 * rebuilds would cascade or fail (we turn foreign keys off around the whole run and check them before commit).
 */
const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface MigrationReport {
  applied: number;
  pending: number;
}

function ensureMigrationsTable(sqlite: Database.Database): void {
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, hash TEXT NOT NULL, created_at NUMERIC)`,
  );
}

export function readMigrations(migrationsDir: string): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: migrationsDir });
}

export function pendingMigrations(sqlite: Database.Database, migrations: MigrationMeta[]): MigrationMeta[] {
  ensureMigrationsTable(sqlite);
  const applied = new Set(
    (sqlite.prepare(`SELECT created_at AS c FROM ${MIGRATIONS_TABLE}`).all() as { c: number }[]).map((r) => Number(r.c)),
  );
  return migrations.filter((m) => !applied.has(m.folderMillis));
}

export function appliedMigrationCount(sqlite: Database.Database): number {
  ensureMigrationsTable(sqlite);
  return (sqlite.prepare(`SELECT count(*) AS n FROM ${MIGRATIONS_TABLE}`).get() as { n: number }).n;
}

/** Runs the pending migrations in one transaction with foreign keys off, verifying them before commit. */
export function applyMigrations(sqlite: Database.Database, migrations: MigrationMeta[]): MigrationReport {
  const pending = pendingMigrations(sqlite, migrations);
  if (pending.length === 0) return { applied: 0, pending: 0 };
  sqlite.pragma('foreign_keys = OFF');
  try {
    const insert = sqlite.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (hash, created_at) VALUES (?, ?)`);
    sqlite.transaction(() => {
      for (const m of pending) {
        for (const statement of m.sql) {
          if (statement.trim()) sqlite.exec(statement);
        }
        insert.run(m.hash, m.folderMillis);
      }
      const violations = sqlite.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new Error(`migration left ${violations.length} foreign key violation(s); rolled back`);
      }
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return { applied: pending.length, pending: pending.length };
}
