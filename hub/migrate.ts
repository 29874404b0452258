import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubDb } from './db.js';

/** Plain SQL files in hub/migrations, applied in name order, each once, recorded in hub_migrations. */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function migrate(db: HubDb, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS hub_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const script = fs.readFileSync(path.join(dir, file), 'utf8');
    const done = await db.tx(async (q) => {
      // Two hub processes starting at once: the second waits, then sees the migration recorded.
      await q.query('SELECT pg_advisory_xact_lock(7007001)');
      const seen = await q.query('SELECT 1 FROM hub_migrations WHERE name = $1', [file]);
      if (seen.length > 0) return false;
      for (const statement of script.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean)) await q.query(statement);
      await q.query('INSERT INTO hub_migrations (name) VALUES ($1)', [file]);
      return true;
    });
    if (done) applied.push(file);
  }
  return applied;
}
