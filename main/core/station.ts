import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type Db } from './db/connection.js';
import { EventBus } from './events.js';
import { StationClock, ensureNodeId } from './sync-data/clock.js';
import { readMeta } from './sync-data/meta.js';
import { SyncedWriter } from './sync-data/writer.js';

export interface StationOptions {
  /** Folder holding the database (`station.sqlite`) and its backups. */
  dataDir: string;
  /** Folder of drizzle-kit's committed migrations. */
  migrationsDir: string;
  /** Folder of shipped resources (reference data, fonts). */
  resourcesDir: string;
  /** Wall clock; tests inject one to simulate a PC clock jumping. */
  now?: () => Date;
}

/** One open station database with the shared mechanisms every domain module uses. */
export interface Station {
  readonly options: StationOptions;
  readonly sqlite: Database.Database;
  readonly db: Db;
  readonly clock: StationClock;
  readonly writer: SyncedWriter;
  readonly events: EventBus;
  readonly backupPath: string | null;
  now(): Date;
  /** The facility code once setup is done; owner of every row this station creates. */
  facilityCode(): string | null;
  close(): void;
}

export const DB_FILE_NAME = 'station.sqlite';

export function openStation(options: StationOptions): Station {
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dataDir, DB_FILE_NAME);
  const { sqlite, db, backupPath } = openDatabase(file, options.migrationsDir, now());
  const nodeId = ensureNodeId(sqlite);
  const clock = new StationClock(sqlite, nodeId, () => now().getTime());
  const station: Station = {
    options,
    sqlite,
    db,
    clock,
    events: new EventBus(),
    backupPath,
    now,
    // Read each time (a primary-key lookup): a cached value could outlive a rolled-back setup.
    facilityCode: () => readMeta(sqlite, 'facility.code'),
    writer: new SyncedWriter(db, sqlite, clock, () => {
      const code = station.facilityCode();
      if (!code) throw new Error('no facility code yet: setup must run before synced writes');
      return code;
    }),
    close: () => sqlite.close(),
  };
  return station;
}
