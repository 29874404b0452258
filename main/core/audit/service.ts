import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { AuditEntry } from '../../../shared/contract/audit.js';

export interface AuditRecord {
  kind: AuditEntry['kind'];
  action: string;
  entity?: string | null;
  entityId?: string | null;
  personId?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditActor {
  userId: string | null;
  username: string | null;
  workstation: string;
}

/** Appends one entry to the audit log (the table refuses updates and deletes). */
export function appendAudit(sqlite: Database.Database, at: Date, actor: AuditActor, record: AuditRecord): void {
  sqlite
    .prepare(
      `INSERT INTO audit_log (id, at, user_id, username, workstation, kind, action, entity, entity_id, person_id, details)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      uuidv7(),
      at.toISOString(),
      actor.userId,
      actor.username,
      actor.workstation,
      record.kind,
      record.action,
      record.entity ?? null,
      record.entityId ?? null,
      record.personId ?? null,
      record.details ? JSON.stringify(record.details) : null,
    );
}

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  userId?: string | undefined;
  kind?: AuditEntry['kind'] | undefined;
  personId?: string | undefined;
  text?: string | undefined;
  limit: number;
  offset: number;
}

export function listAudit(sqlite: Database.Database, q: AuditQuery): { entries: AuditEntry[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  // The filter's dates are station days (Viet Nam, UTC+7); stored times are UTC ISO strings.
  if (q.from) (where.push('at >= ?'), params.push(stationDayStartUtc(q.from)));
  if (q.to) (where.push('at < ?'), params.push(stationDayStartUtc(nextDay(q.to))));
  if (q.userId) (where.push('user_id = ?'), params.push(q.userId));
  if (q.kind) (where.push('kind = ?'), params.push(q.kind));
  if (q.personId) (where.push('person_id = ?'), params.push(q.personId));
  if (q.text) {
    where.push('(action LIKE ? OR username LIKE ? OR entity LIKE ? OR workstation LIKE ?)');
    const like = `%${q.text.replace(/[%_]/g, '')}%`;
    params.push(like, like, like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }).n;
  const rows = sqlite
    .prepare(
      `SELECT id, at, user_id AS userId, username, workstation, kind, action, entity, entity_id AS entityId, person_id AS personId
       FROM audit_log ${clause} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit, q.offset) as AuditEntry[];
  return { entries: rows, total };
}

function stationDayStartUtc(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00+07:00`).toISOString();
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
