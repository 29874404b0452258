import crypto from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPglite, openHubDb, type HubDb } from '../db.js';

/**
 * Databases for hub tests: a real PostgreSQL server (HUB_TEST_DATABASE_URL, started by .ci/run in CI) and
 * embedded PGlite. Each hub gets a fresh schema. When the server cannot be reached, the PostgreSQL tests FAIL in CI
 * (CI=true) and are skipped, with the reason printed, elsewhere.
 */
export const PG_URL = process.env.HUB_TEST_DATABASE_URL ?? 'postgres://hub:hub@127.0.0.1:5432/hub_test';
export type Backend = 'pg' | 'pglite';

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await probe();
if (unreachable && !process.env.CI) {
  console.warn(`[hub tests] PostgreSQL at ${PG_URL.replace(/:[^:@/]+@/, ':***@')} unreachable (${unreachable}): real-PostgreSQL tests skipped; only PGlite runs.`);
}

/** Backends to run: PostgreSQL always in CI (so an unreachable server fails the run), PGlite always. */
export const BACKENDS: Backend[] = unreachable && !process.env.CI ? ['pglite'] : ['pg', 'pglite'];

/** One place that hands out fresh hub databases for a test file, and drops them at the end. */
export class TestDatabases {
  private pglite: PGlite | null = null;
  private schemas: string[] = [];
  private opened: HubDb[] = [];

  constructor(readonly backend: Backend) {}

  async open(): Promise<HubDb> {
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    this.schemas.push(schema);
    let db: HubDb;
    if (this.backend === 'pg') {
      if (unreachable) throw new Error(`PostgreSQL unreachable at ${PG_URL}: ${unreachable} (CI must start it: see .ci/run)`);
      db = await openHubDb({ databaseUrl: PG_URL, schema });
    } else {
      this.pglite ??= await createPglite();
      db = await openHubDb({ pglite: this.pglite, schema });
    }
    this.opened.push(db);
    return db;
  }

  async close(): Promise<void> {
    for (const db of this.opened) await db.close().catch(() => undefined);
    if (this.backend === 'pg' && !unreachable && this.schemas.length > 0) {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      for (const s of this.schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.end();
    }
    await this.pglite?.close();
    this.opened = [];
    this.schemas = [];
    this.pglite = null;
  }
}
