import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SessionUser } from '../../../shared/contract/auth.js';
import type { ActiveSession } from '../dispatch/types.js';
import { SESSION_TOUCH_INTERVAL_MS } from './policy.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

interface SessionRow {
  tokenHash: string;
  expiresAt: string;
  lastSeenAt: string;
  locked: number;
  id: string;
  username: string;
  fullName: string;
  role: SessionUser['role'];
  locale: SessionUser['locale'];
  active: number;
  deleted: number;
}

export type SessionLookup =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'ok'; session: ActiveSession };

/**
 * Finds the session for a token. A session past its expiry, or of a disabled user, is gone. A session idle
 * for longer than the idle-lock time is locked on the server too, so an unattended PC is protected even if
 * the window's own timer did not fire.
 */
export function lookupSession(sqlite: Database.Database, token: string | null, now: Date, idleLockMinutes: number): SessionLookup {
  if (!token) return { status: 'none' };
  const tokenHash = hashToken(token);
  const row = sqlite
    .prepare(
      `SELECT s.token_hash AS tokenHash, s.expires_at AS expiresAt, s.last_seen_at AS lastSeenAt, s.locked,
              u.id, u.username, u.full_name AS fullName, u.role, u.locale, u.active, u.deleted
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    )
    .get(tokenHash) as SessionRow | undefined;
  if (!row) return { status: 'none' };
  if (row.expiresAt <= now.toISOString() || !row.active || row.deleted) {
    sqlite.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    return { status: 'expired' };
  }
  let locked = Boolean(row.locked);
  const idleMs = now.getTime() - new Date(row.lastSeenAt).getTime();
  if (!locked && idleMs > idleLockMinutes * 60_000) {
    sqlite.prepare('UPDATE sessions SET locked = 1 WHERE token_hash = ?').run(tokenHash);
    locked = true;
  }
  return {
    status: 'ok',
    session: {
      tokenHash,
      locked,
      expiresAt: row.expiresAt,
      user: { id: row.id, username: row.username, fullName: row.fullName, role: row.role, locale: row.locale },
    },
  };
}

/** Records activity on a session, at most every SESSION_TOUCH_INTERVAL_MS. */
export function touchSession(sqlite: Database.Database, tokenHash: string, now: Date): void {
  const threshold = new Date(now.getTime() - SESSION_TOUCH_INTERVAL_MS).toISOString();
  sqlite
    .prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?')
    .run(now.toISOString(), tokenHash, threshold);
}

export function createSession(
  sqlite: Database.Database,
  userId: string,
  now: Date,
  sessionHours: number,
  workstation: string,
): { token: string; expiresAt: string } {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000).toISOString();
  sqlite
    .prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, locked, workstation) VALUES (?, ?, ?, ?, ?, 0, ?)',
    )
    .run(hashToken(token), userId, now.toISOString(), expiresAt, now.toISOString(), workstation);
  // Expired sessions of anyone are swept here rather than by a timer.
  sqlite.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
  return { token, expiresAt };
}

export function setSessionLocked(sqlite: Database.Database, tokenHash: string, locked: boolean, now: Date): void {
  sqlite
    .prepare('UPDATE sessions SET locked = ?, last_seen_at = ? WHERE token_hash = ?')
    .run(locked ? 1 : 0, now.toISOString(), tokenHash);
}

export function endSession(sqlite: Database.Database, tokenHash: string): void {
  sqlite.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

export function endUserSessions(sqlite: Database.Database, userId: string): void {
  sqlite.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
}
