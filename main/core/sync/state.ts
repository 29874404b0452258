import type Database from 'better-sqlite3';
import { readMeta, writeMeta } from '../sync-data/meta.js';

/**
 * The station's sync state, kept in `meta` (local, not synced): hub address and credential, the pull cursor,
 * the batch in flight, rows to ask for whole, and the outcome of the last attempts.
 * The credential is stored as given; whoever can read the database file can read it (docs/sync.md, "Security").
 */
const K = {
  hubUrl: 'sync.hubUrl',
  credential: 'sync.credential',
  cursor: 'sync.cursor',
  batch: 'sync.batch',
  refetch: 'sync.refetch',
  lastOk: 'sync.lastOkAt',
  lastAttempt: 'sync.lastAttemptAt',
  lastError: 'sync.lastError',
  hub: 'sync.hubFacility',
} as const;

export interface PendingBatch {
  id: string;
  /** change_log seq range (inclusive) the batch covers. */
  first: number;
  last: number;
}

export interface LastError {
  code: string;
  detail: string;
}

export class SyncState {
  constructor(private readonly sqlite: Database.Database) {}

  private get(key: string): string | null {
    return readMeta(this.sqlite, key);
  }
  private set(key: string, value: string | null): void {
    if (value === null) this.sqlite.prepare('DELETE FROM meta WHERE key = ?').run(key);
    else writeMeta(this.sqlite, key, value);
  }

  get hubUrl(): string | null {
    return this.get(K.hubUrl);
  }
  get credential(): string | null {
    return this.get(K.credential);
  }
  configure(hubUrl: string, credential: string): void {
    this.set(K.hubUrl, hubUrl);
    this.set(K.credential, credential);
  }
  clearConfiguration(): void {
    this.set(K.hubUrl, null);
    this.set(K.credential, null);
  }

  get cursor(): number {
    return Number(this.get(K.cursor) ?? 0);
  }
  set cursor(n: number) {
    this.set(K.cursor, String(n));
  }

  /**
   * Batches sent and not yet acknowledged, oldest first: one, or two while a long backlog is pipelined (runSync).
   * Each is resent under its id until acknowledged. Stored as one object when there is one (the earlier format).
   */
  get batches(): PendingBatch[] {
    const v = this.get(K.batch);
    if (!v) return [];
    const parsed = JSON.parse(v) as PendingBatch | PendingBatch[];
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  set batches(list: PendingBatch[]) {
    this.set(K.batch, list.length === 0 ? null : JSON.stringify(list.length === 1 ? list[0] : list));
  }
  /** The oldest batch in flight. */
  get batch(): PendingBatch | null {
    return this.batches[0] ?? null;
  }
  set batch(b: PendingBatch | null) {
    this.batches = b ? [b] : [];
  }

  get refetch(): [string, string][] {
    const v = this.get(K.refetch);
    return v ? (JSON.parse(v) as [string, string][]) : [];
  }
  set refetch(keys: [string, string][]) {
    this.set(K.refetch, keys.length > 0 ? JSON.stringify(keys.slice(0, 1000)) : null);
  }

  get lastOkAt(): string | null {
    return this.get(K.lastOk);
  }
  get lastAttemptAt(): string | null {
    return this.get(K.lastAttempt);
  }
  get lastError(): LastError | null {
    const v = this.get(K.lastError);
    return v ? (JSON.parse(v) as LastError) : null;
  }
  get hubFacility(): string | null {
    return this.get(K.hub);
  }

  recordAttempt(at: string, error: LastError | null, hubFacility?: string): void {
    this.set(K.lastAttempt, at);
    this.set(K.lastError, error ? JSON.stringify(error) : null);
    if (!error) this.set(K.lastOk, at);
    if (hubFacility) this.set(K.hub, hubFacility);
  }
}
