import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHlc } from '../../../shared/hlc.js';
import { users } from '../auth/schema.js';
import { startStationBackend } from '../backend.js';
import { locateAppPaths } from '../paths.js';
import { hamlets } from '../setup/schema.js';
import { createTestStation, setUpStation, TEST_ADMIN, type TestStation } from '../testing/station.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const START = new Date('2026-03-15T08:00:00Z');
const DAY = 86_400_000;

interface LogRow {
  seq: number;
  table_name: string;
  row_id: string;
  op: 'upsert' | 'delete';
  hlc: string;
  owner_facility: string;
  fields: string;
}

let t: TestStation;
let token: string;

beforeEach(async () => {
  t = createTestStation(START);
  token = await setUpStation(t);
});
afterEach(() => t.cleanup());

function changeLog(): LogRow[] {
  return t.station.sqlite.prepare('SELECT * FROM change_log ORDER BY seq').all() as LogRow[];
}

function addHamlet(name: string, sort = 99) {
  const { station } = t;
  return station.sqlite.transaction(() => station.writer.insert(hamlets, { name, sort }))();
}

describe('a write and its change-log entry commit together', () => {
  it('setup leaves change-log entries for the facility, every hamlet and the administrator, owned by the station', () => {
    const log = changeLog();
    const byTable = (name: string) => log.filter((r) => r.table_name === name);
    expect(byTable('facility')).toHaveLength(1);
    expect(byTable('hamlets')).toHaveLength(3);
    expect(byTable('users')).toHaveLength(1);
    for (const entry of log) {
      expect(entry.owner_facility).toBe('01234');
      expect(entry.op).toBe('upsert');
      expect(entry.row_id).toMatch(UUID_V7);
      // The logged stamp is the row's own stamp: the row and its log entry were written by the same change.
      const row = t.station.sqlite.prepare(`SELECT hlc, owner_facility FROM ${entry.table_name} WHERE id = ?`).get(entry.row_id) as
        | { hlc: string; owner_facility: string }
        | undefined;
      expect(row).toEqual({ hlc: entry.hlc, owner_facility: '01234' });
    }
    const admin = JSON.parse(byTable('users')[0]!.fields) as Record<string, unknown>;
    expect(admin).toMatchObject({ username: TEST_ADMIN.username, full_name: TEST_ADMIN.fullName, role: 'admin', deleted: 0 });
  });

  it('a new row gets a UUIDv7 id made on the station', () => {
    const row = addHamlet('Thôn Mới');
    expect(row.id).toMatch(UUID_V7);
    expect(row.ownerFacility).toBe('01234');
    expect(changeLog().at(-1)).toMatchObject({ table_name: 'hamlets', row_id: row.id, op: 'upsert', hlc: row.hlc });
  });

  it('when the transaction fails, neither the row nor its change-log entry remains', () => {
    const { station } = t;
    const before = changeLog().length;
    let id = '';
    expect(() =>
      station.sqlite.transaction(() => {
        id = station.writer.insert(hamlets, { name: 'Thôn Mất Điện', sort: 50 }).id;
        throw new Error('power cut');
      })(),
    ).toThrow('power cut');
    expect(id).toMatch(UUID_V7);
    expect(station.writer.get(hamlets, id)).toBeUndefined();
    expect(station.sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE row_id = ?').get(id)).toEqual({ n: 0 });
    expect(changeLog()).toHaveLength(before);
  });

  it('the writer refuses to write outside a transaction, so a change cannot lose its log entry', () => {
    const { station } = t;
    const before = changeLog().length;
    const [hamlet] = station.db.select().from(hamlets).all();
    expect(() => station.writer.insert(hamlets, { name: 'Thôn Lẻ', sort: 9 })).toThrow(/outside a transaction/);
    expect(() => station.writer.update(hamlets, hamlet!.id, { name: 'Đổi tên' })).toThrow(/outside a transaction/);
    expect(() => station.writer.remove(hamlets, hamlet!.id)).toThrow(/outside a transaction/);
    expect(changeLog()).toHaveLength(before);
    expect(station.db.select().from(hamlets).all()).toHaveLength(3);
    expect(station.writer.get(hamlets, hamlet!.id)?.name).toBe(hamlet!.name);
  });
});

describe('updates and deletes', () => {
  it('an update logs only the fields that changed, by their database names, and moves the stamp forward', () => {
    const { station } = t;
    const admin = station.db.select().from(users).where(eq(users.username, TEST_ADMIN.username)).get()!;
    const before = changeLog().length;
    const updated = station.sqlite.transaction(() =>
      station.writer.update(users, admin.id, { fullName: 'Trần Văn Mới', role: 'admin', locale: 'vi' }),
    )();
    const log = changeLog();
    expect(log).toHaveLength(before + 1);
    const entry = log.at(-1)!;
    expect(entry).toMatchObject({ table_name: 'users', row_id: admin.id, op: 'upsert', owner_facility: '01234' });
    expect(JSON.parse(entry.fields)).toEqual({ full_name: 'Trần Văn Mới' });
    expect(updated.fullName).toBe('Trần Văn Mới');
    expect(updated.hlc > admin.hlc).toBe(true);
    expect(entry.hlc).toBe(updated.hlc);
  });

  it('an update that changes nothing writes nothing', () => {
    const { station } = t;
    const [hamlet] = station.db.select().from(hamlets).all();
    const before = changeLog().length;
    const same = station.sqlite.transaction(() => station.writer.update(hamlets, hamlet!.id, { name: hamlet!.name, sort: hamlet!.sort }))();
    expect(same.hlc).toBe(hamlet!.hlc);
    expect(changeLog()).toHaveLength(before);
  });

  it('a delete leaves a tombstone that syncs, and the hamlet disappears from the list', async () => {
    const { station } = t;
    const listed = await t.ok('hamlets.list', {}, { token });
    const victim = listed.hamlets.find((h) => h.name === 'Thôn 2')!;
    station.sqlite.transaction(() => station.writer.remove(hamlets, victim.id))();

    const row = station.sqlite.prepare('SELECT deleted, hlc FROM hamlets WHERE id = ?').get(victim.id) as { deleted: number; hlc: string };
    expect(row.deleted).toBe(1);
    const entry = changeLog().at(-1)!;
    expect(entry).toMatchObject({ table_name: 'hamlets', row_id: victim.id, op: 'delete', hlc: row.hlc });
    expect(JSON.parse(entry.fields)).toEqual({ deleted: 1 });

    const after = await t.ok('hamlets.list', {}, { token });
    expect(after.hamlets.map((h) => h.name)).toEqual(['Thôn 1', 'Bản Mường']);
    // A deleted row cannot be edited or deleted again.
    expect(() => station.sqlite.transaction(() => station.writer.update(hamlets, victim.id, { name: 'Hồi sinh' }))()).toThrow('NOT_FOUND');
    expect(() => station.sqlite.transaction(() => station.writer.remove(hamlets, victim.id))()).toThrow('NOT_FOUND');
  });
});

describe('the station clock', () => {
  it('keeps moving forward when the PC clock jumps back a day', () => {
    t.setClock(new Date(START.getTime() + 60_000));
    const first = addHamlet('Thôn Trước');
    t.setClock(new Date(START.getTime() + 60_000 - DAY));
    const second = addHamlet('Thôn Sau');
    expect(second.hlc > first.hlc).toBe(true);

    const log = changeLog();
    const stamps = log.map((r) => r.hlc);
    expect(stamps).toEqual([...stamps].sort());
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('keeps moving forward after a restart with the PC clock a day behind', () => {
    addHamlet('Thôn Trước Khi Tắt Máy');
    const persisted = (t.station.sqlite.prepare('SELECT max(hlc) AS m FROM change_log').get() as { m: string }).m;
    const nodeId = t.station.clock.nodeId;
    t.close();

    const paths = locateAppPaths(path.dirname(fileURLToPath(import.meta.url)));
    const behind = new Date(START.getTime() - DAY);
    const reopened = startStationBackend(
      { dataDir: t.dataDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir, now: () => behind },
      { logError: () => undefined },
    );
    try {
      const { station } = reopened;
      expect(station.backupPath).toBeNull();
      expect(station.clock.nodeId).toBe(nodeId);
      const a = station.sqlite.transaction(() => station.writer.insert(hamlets, { name: 'Thôn Sau Khi Bật Máy', sort: 7 }))();
      const b = station.sqlite.transaction(() => station.writer.insert(hamlets, { name: 'Thôn Kế Tiếp', sort: 8 }))();
      expect(a.hlc > persisted).toBe(true);
      expect(b.hlc > a.hlc).toBe(true);
      expect(parseHlc(a.hlc)!.wallMs).toBeGreaterThan(behind.getTime());
      const stamps = (station.sqlite.prepare('SELECT hlc FROM change_log ORDER BY seq').all() as { hlc: string }[]).map((r) => r.hlc);
      expect(stamps).toEqual([...stamps].sort());
    } finally {
      reopened.close();
    }
  });
});
