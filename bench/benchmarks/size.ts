import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME } from '../../main/core/station.js';
import type { BenchContext } from '../harness/context.js';
import { withStatus, type BenchResult } from '../harness/report.js';

/** The database on disk (file + WAL), scaled to 100,000 persons, with the largest tables and indexes. */
export function databaseSizeMB(dir: string): number {
  let bytes = 0;
  for (const f of fs.readdirSync(dir)) if (f.startsWith(DB_FILE_NAME)) bytes += fs.statSync(path.join(dir, f)).size;
  return bytes / 1024 ** 2;
}

function largestObjects(dir: string): { name: string; mb: number }[] {
  const db = new Database(path.join(dir, DB_FILE_NAME), { readonly: true });
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 10').all() as { name: string; bytes: number }[];
    return rows.map((r) => ({ name: r.name, mb: Math.round((r.bytes / 1024 ** 2) * 10) / 10 }));
  } catch {
    return [];
  } finally {
    db.close();
  }
}

export function runSize(ctx: BenchContext): BenchResult[] {
  const mb = databaseSizeMB(ctx.cacheDir);
  const largest = largestObjects(ctx.cacheDir);
  const perPerson = mb / ctx.persons;
  return [
    withStatus({
      id: 'db-size',
      title: 'Database on disk (per 100,000 persons)',
      persons: ctx.persons,
      level: 'disk',
      unit: 'MB',
      value: perPerson * 100_000,
      note: `${mb.toFixed(0)} MB for ${ctx.persons.toLocaleString('en-US')} persons${largest.length ? `; largest: ${largest.slice(0, 5).map((o) => `${o.name} ${o.mb} MB`).join(', ')}` : ''}`,
      details: { totalMB: mb, largest },
    }),
  ];
}
