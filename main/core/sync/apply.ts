import type Database from 'better-sqlite3';
import { maxHlc, type Scalar, type WireRow } from '../../../shared/sync/protocol.js';
import { unsentColumns } from './outbox.js';

/** Local synced tables (those with id, owner_facility, hlc, deleted) and their columns. */
export function localTables(sqlite: Database.Database): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  for (const { name } of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) continue;
    const cols = new Set((sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name));
    if (['id', 'owner_facility', 'hlc', 'deleted'].every((c) => cols.has(c))) out.set(name, cols);
  }
  return out;
}

export interface ApplyStats {
  applied: number;
  /** Fields left alone because a local change to them is not sent yet. */
  keptLocal: number;
  skipped: number;
  refetch: [string, string][];
  tables: Set<string>;
  newestHlc: string | null;
}

const bind = (v: Scalar) => (v === true ? 1 : v === false ? 0 : v);

/**
 * Writes rows received from the hub (docs/sync.md, "Station merge"). The hub has already merged by per-field
 * last-writer-wins, so its value is taken — except for a field with a local change not yet acknowledged, which is
 * kept and will be pushed (the hub then answers with the winner). A row the station lacks is created only from a
 * whole row; a partial one is asked for whole next time. Runs inside the caller's transaction, without SyncedWriter:
 * pulled data is not logged to the outbox (it came from the hub).
 */
export function applyRows(sqlite: Database.Database, tables: Map<string, Set<string>>, rows: WireRow[], log: (msg: string) => void = () => undefined): ApplyStats {
  const unsent = unsentColumns(sqlite);
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
    return stmt;
  };
  const stats: ApplyStats = { applied: 0, keptLocal: 0, skipped: 0, refetch: [], tables: new Set(), newestHlc: null };
  for (const row of rows) {
    stats.newestHlc = maxHlc(stats.newestHlc, row.h);
    const cols = tables.get(row.t);
    if (!cols) {
      stats.skipped++;
      continue;
    }
    const local = unsent(row.t, row.id);
    const fields: [string, Scalar][] = [];
    for (const [k, v] of Object.entries(row.f)) {
      if (k === 'id' || k === 'hlc' || !cols.has(k)) continue;
      if (local.has(k)) stats.keptLocal++;
      else fields.push([k, v]);
    }
    try {
      const existing = prep(`SELECT hlc FROM "${row.t}" WHERE id = ?`).get(row.id) as { hlc: string } | undefined;
      if (existing) {
        if (fields.length === 0) continue;
        const sets = fields.map(([k]) => `"${k}" = ?`).join(', ');
        prep(`UPDATE "${row.t}" SET ${sets}, hlc = ? WHERE id = ?`).run(...fields.map(([, v]) => bind(v)), maxHlc(existing.hlc, row.h), row.id);
      } else {
        if (!row.full) {
          stats.refetch.push([row.t, row.id]);
          continue;
        }
        const names = ['id', 'hlc', ...fields.map(([k]) => k)];
        prep(`INSERT INTO "${row.t}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(row.id, row.h, ...fields.map(([, v]) => bind(v)));
      }
      stats.applied++;
      stats.tables.add(row.t);
    } catch (e) {
      // A row that breaks a local rule (a unique code) must not stop the sync: it is counted and logged.
      stats.skipped++;
      log(`sync: row ${row.t}/${row.id} not applied: ${(e as Error).message}`);
    }
  }
  return stats;
}
