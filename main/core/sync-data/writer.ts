import type Database from 'better-sqlite3';
import { eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../db/connection.js';
import type { StationClock } from './clock.js';

/** A table made with `syncedColumns()`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SyncedTable = SQLiteTableWithColumns<any> & {
  id: SQLiteColumn;
  ownerFacility: SQLiteColumn;
  hlc: SQLiteColumn;
  deleted: SQLiteColumn;
};

type SyncKeys = 'id' | 'ownerFacility' | 'hlc' | 'deleted';
export type NewRow<T extends SyncedTable> = Omit<T['$inferInsert'], SyncKeys> & { id?: string };
export type RowPatch<T extends SyncedTable> = Partial<Omit<T['$inferInsert'], SyncKeys>>;

/**
 * The one way synced rows are written (ARCHITECTURE.md, data conventions): it assigns UUIDv7 ids, the owning
 * facility and a clock stamp, keeps tombstones for deletes, and appends every change to the change log in the
 * same transaction. It refuses to run outside a transaction, so a change and its log entry cannot part.
 */
export class SyncedWriter {
  /** Tables written since the last `takeTouched()` (for `data.changed` events). */
  private touched = new Set<string>();
  /**
   * `select … where id = ?` prepared once per table: `get` runs after every insert and update and in most loads,
   * and building the drizzle query each time cost more than the lookup itself.
   */
  private lookups = new WeakMap<SyncedTable, { get(params: { id: string }): unknown }>();

  constructor(
    private readonly db: Db,
    private readonly sqlite: Database.Database,
    private readonly clock: StationClock,
    private readonly facilityCode: () => string,
  ) {}

  insert<T extends SyncedTable>(table: T, values: NewRow<T>, ownerFacility = this.facilityCode()): T['$inferSelect'] {
    this.assertInTransaction();
    const hlc = this.clock.next();
    const row = { ...values, id: values.id ?? uuidv7(), ownerFacility, hlc, deleted: false } as T['$inferInsert'];
    this.db.insert(table).values(row).run();
    this.log(table, String(row.id), 'upsert', hlc, ownerFacility, row as Record<string, unknown>);
    return this.get(table, String(row.id))!;
  }

  /** Changes the given fields; only fields whose value really changes are logged. Returns the new row. */
  update<T extends SyncedTable>(table: T, id: string, patch: RowPatch<T>): T['$inferSelect'] {
    this.assertInTransaction();
    const current = this.get(table, id);
    if (!current || current.deleted) throw new AppError('NOT_FOUND');
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && !sameValue(current[key], value)) changed[key] = value;
    }
    if (Object.keys(changed).length === 0) return current;
    const hlc = this.clock.next();
    this.db
      .update(table)
      .set({ ...changed, hlc } as Partial<T['$inferInsert']>)
      .where(eq(table.id, id))
      .run();
    this.log(table, id, 'upsert', hlc, String(current.ownerFacility), changed);
    return this.get(table, id)!;
  }

  /** Deletes by tombstone: the row stays with `deleted = true` so the delete syncs and wins over older edits. */
  remove<T extends SyncedTable>(table: T, id: string): void {
    this.assertInTransaction();
    const current = this.get(table, id);
    if (!current || current.deleted) throw new AppError('NOT_FOUND');
    const hlc = this.clock.next();
    this.db
      .update(table)
      .set({ deleted: true, hlc } as Partial<T['$inferInsert']>)
      .where(eq(table.id, id))
      .run();
    this.log(table, id, 'delete', hlc, String(current.ownerFacility), { deleted: true });
  }

  /**
   * Changes columns of a row in a synced table known only by name (database column names): used by generic
   * operations over every table, such as moving all of a merged person's records to the survivor.
   */
  updateByName(tableName: string, id: string, fields: Record<string, string | number | null>): void {
    this.assertInTransaction();
    if (!/^[a-z_][a-z0-9_]*$/.test(tableName) || Object.keys(fields).some((k) => !/^[a-z_][a-z0-9_]*$/.test(k))) {
      throw new Error(`invalid table or column name for ${tableName}`);
    }
    const current = this.sqlite.prepare(`SELECT owner_facility AS owner FROM "${tableName}" WHERE id = ?`).get(id) as { owner: string } | undefined;
    if (!current) throw new AppError('NOT_FOUND');
    const hlc = this.clock.next();
    const columns = Object.keys(fields);
    this.sqlite
      .prepare(`UPDATE "${tableName}" SET ${columns.map((c) => `"${c}" = ?`).join(', ')}, hlc = ? WHERE id = ?`)
      .run(...columns.map((c) => fields[c]), hlc, id);
    this.sqlite
      .prepare('INSERT INTO change_log (table_name, row_id, op, hlc, owner_facility, fields) VALUES (?, ?, ?, ?, ?, ?)')
      .run(tableName, id, 'upsert', hlc, current.owner, JSON.stringify(fields));
    this.touched.add(tableName);
  }

  get<T extends SyncedTable>(table: T, id: string): T['$inferSelect'] | undefined {
    let lookup = this.lookups.get(table);
    if (!lookup) {
      lookup = this.db.select().from(table).where(eq(table.id, sql.placeholder('id'))).prepare();
      this.lookups.set(table, lookup);
    }
    return lookup.get({ id }) as T['$inferSelect'] | undefined;
  }

  takeTouched(): string[] {
    const tables = [...this.touched];
    this.touched.clear();
    return tables;
  }

  private assertInTransaction(): void {
    if (!this.sqlite.inTransaction) {
      throw new Error('SyncedWriter used outside a transaction: a change and its change-log entry must commit together');
    }
  }

  private log(
    table: SyncedTable,
    rowId: string,
    op: 'upsert' | 'delete',
    hlc: string,
    ownerFacility: string,
    values: Record<string, unknown>,
  ): void {
    const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const column = columns[key];
      if (!column || key === 'hlc') continue;
      fields[column.name] = value === null || value === undefined ? null : column.mapToDriverValue(value);
    }
    const tableName = getTableName(table);
    this.sqlite
      .prepare(
        'INSERT INTO change_log (table_name, row_id, op, hlc, owner_facility, fields) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(tableName, rowId, op, hlc, ownerFacility, JSON.stringify(fields));
    this.touched.add(tableName);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
