import { PGlite } from '@electric-sql/pglite';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The two ways the hub reaches PostgreSQL: a server (`pg`, DATABASE_URL) or embedded PGlite in a data folder. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * `COPY … FROM STDIN` with `data` in COPY text format, on a server only (PGlite: undefined, callers fall back to
   * INSERT). PostgreSQL reads it with far less work than the same rows as a JSON parameter (docs/sync.md, "Ingest").
   */
  copyIn?(copySql: string, data: string): Promise<void>;
}

export interface HubDb extends Sql {
  readonly kind: 'pg' | 'pglite';
  /** Runs fn in one transaction (BEGIN … COMMIT, ROLLBACK on error). */
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  /** Runs several statements without parameters in one round trip; the rows of each. */
  script(text: string): Promise<Record<string, unknown>[][]>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… ; when absent the hub runs on PGlite. */
  databaseUrl?: string;
  /** PGlite folder; `memory://` (or absent) keeps it in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use (tests: one per hub); created when missing. */
  schema?: string;
  /** An existing PGlite instance to share (tests); not closed by `close()`. */
  pglite?: PGlite;
  /**
   * A server's connections opened at once and kept while the hub runs (`serve`): a burst of stations then does not
   * wait for new connections (password exchange, a new server process and its caches) while it is being answered.
   */
  keepConnections?: boolean;
}

/** Connections to a PostgreSQL server (every ingest, pull and request query shares them). */
const POOL_SIZE = 10;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// int8 (sequence numbers) as JS numbers: they stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openHubDb(options: DbOptions): Promise<HubDb> {
  if (options.schema && !SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
  return options.databaseUrl ? openPg(options.databaseUrl, options.schema, options.keepConnections ?? false) : openPglite(options.dataDir, options.schema, options.pglite);
}

/** Sends `data` to a `COPY … FROM STDIN`; resolves once the server has taken every row (rejects with its error). */
function copyIn(client: pg.PoolClient, copySql: string, data: string): Promise<void> {
  const stream = client.query(copyFrom(copySql));
  stream.end(data);
  return finished(stream);
}

async function openPg(url: string, schema: string | undefined, keepConnections: boolean): Promise<HubDb> {
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    ...(keepConnections ? { min: POOL_SIZE } : {}),
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => undefined);
  if (keepConnections) {
    const clients = await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.connect()));
    for (const c of clients) c.release();
  }
  const query = async <T>(q: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) => (await q.query(text, params)).rows as T[];
  return {
    kind: 'pg',
    query: (text, params) => query(pool, text, params),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (text, params) => query(client, text, params), copyIn: (copySql, data) => copyIn(client, copySql, data) });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async script(text: string) {
      const client = await pool.connect();
      try {
        const res = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
        return (Array.isArray(res) ? res : [res]).map((r) => r.rows as Record<string, unknown>[]);
      } catch (e) {
        // A script that opened a transaction and failed in it must not leave the pooled connection inside it.
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite is one connection: several hubs may share one instance (tests: one per schema), so every query or
 * transaction holds the instance's lock and first sets the search_path of its hub.
 */
class PgliteShare {
  private tail: Promise<unknown> = Promise.resolve();
  private path: string | null = null;
  constructor(readonly db: PGlite) {}

  run<T>(schema: string | undefined, fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(async () => {
      const want = schema ?? 'public';
      if (this.path !== want) {
        await this.db.exec(`SET search_path = ${want}`);
        this.path = want;
      }
      return fn();
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const shares = new WeakMap<PGlite, PgliteShare>();

/** A PGlite instance (in memory, or in a data folder). */
export async function createPglite(dataDir?: string): Promise<PGlite> {
  const db = new PGlite(dataDir && dataDir !== 'memory://' ? dataDir : undefined);
  await db.waitReady;
  return db;
}

async function openPglite(dataDir?: string, schema?: string, instance?: PGlite): Promise<HubDb> {
  const db = instance ?? (await createPglite(dataDir));
  let share = shares.get(db);
  if (!share) shares.set(db, (share = new PgliteShare(db)));
  const s = share;
  if (schema) await s.run(undefined, () => db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
  const rows = async <T>(text: string, params?: unknown[]) => (await db.query(text, params)).rows as T[];
  return {
    kind: 'pglite',
    query: (text, params) => s.run(schema, () => rows(text, params)),
    tx: (fn) =>
      s.run(schema, async () => {
        await db.exec('BEGIN');
        try {
          const result = await fn({ query: rows });
          await db.exec('COMMIT');
          return result;
        } catch (e) {
          await db.exec('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    exec: (script) => s.run(schema, () => db.exec(script).then(() => undefined)),
    script: (text: string) =>
      s.run(schema, async () => {
        try {
          return (await db.exec(text)).map((r) => r.rows as Record<string, unknown>[]);
        } catch (e) {
          // As on a server: a failed script must not leave the one connection inside its transaction.
          await db.exec('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    close: async () => {
      if (!instance) await db.close();
    },
  };
}
