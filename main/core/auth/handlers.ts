import { and, eq } from 'drizzle-orm';
import type { SessionInfo, SessionUser } from '../../../shared/contract/auth.js';
import { AppError } from '../../../shared/errors.js';
import { appendAudit } from '../audit/service.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { readSettings } from '../settings/service.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from './policy.js';
import { users } from './schema.js';
import { createSession, endSession, setSessionLocked } from './sessions.js';

interface AttemptRow {
  failures: number;
  lockedUntil: string | null;
}

function sessionInfo(ctx: HandlerContext, user: SessionUser, locked: boolean, expiresAt: string): SessionInfo {
  return { user, locked, expiresAt, idleLockMinutes: readSettings(ctx.station).idleLockMinutes };
}

function toSessionUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, username: row.username, fullName: row.fullName, role: row.role, locale: row.locale };
}

function recordFailure(ctx: HandlerContext, username: string): { lockedOut: boolean } {
  const { sqlite } = ctx.station;
  const row = sqlite.prepare('SELECT failures, locked_until AS lockedUntil FROM login_attempts WHERE username = ?').get(username) as
    | AttemptRow
    | undefined;
  const failures = (row?.failures ?? 0) + 1;
  const lockedOut = failures >= MAX_FAILED_LOGINS;
  const lockedUntil = lockedOut ? new Date(ctx.now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
  sqlite
    .prepare(
      `INSERT INTO login_attempts (username, failures, locked_until, last_failure_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
         last_failure_at = excluded.last_failure_at`,
    )
    .run(username, lockedOut ? 0 : failures, lockedUntil, ctx.now.toISOString());
  return { lockedOut };
}

function minutesLeft(until: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));
}

export const authHandlers = {
  'auth.login': (input, ctx) => {
    const { sqlite, db } = ctx.station;
    const attempt = sqlite.prepare('SELECT failures, locked_until AS lockedUntil FROM login_attempts WHERE username = ?').get(
      input.username,
    ) as AttemptRow | undefined;
    if (attempt?.lockedUntil && attempt.lockedUntil > ctx.now.toISOString()) {
      ctx.audit({ kind: 'auth', action: 'login.refused_locked', details: { username: input.username } });
      throw new AppError('AUTH_LOCKED_OUT', { minutes: minutesLeft(attempt.lockedUntil, ctx.now) }, undefined, true);
    }
    const user = db
      .select()
      .from(users)
      .where(and(eq(users.username, input.username), eq(users.active, true), eq(users.deleted, false)))
      .get();
    const valid = verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH) && Boolean(user);
    if (!valid || !user) {
      const { lockedOut } = recordFailure(ctx, input.username);
      ctx.audit({ kind: 'auth', action: lockedOut ? 'login.locked_out' : 'login.failed', details: { username: input.username } });
      if (lockedOut) throw new AppError('AUTH_LOCKED_OUT', { minutes: LOCKOUT_MINUTES }, undefined, true);
      throw new AppError('AUTH_INVALID_CREDENTIALS', {}, undefined, true);
    }
    sqlite
      .prepare(
        `INSERT INTO login_attempts (username, failures, locked_until, last_login_at) VALUES (?, 0, NULL, ?)
         ON CONFLICT(username) DO UPDATE SET failures = 0, locked_until = NULL, last_login_at = excluded.last_login_at`,
      )
      .run(user.username, ctx.now.toISOString());
    const settings = readSettings(ctx.station);
    const { token, expiresAt } = createSession(sqlite, user.id, ctx.now, settings.sessionHours, ctx.caller.workstation);
    const sessionUser = toSessionUser(user);
    // The caller has no session yet, so name the user who signed in explicitly (ctx.audit would record nobody).
    appendAudit(sqlite, ctx.now, { userId: user.id, username: user.username, workstation: ctx.caller.workstation }, {
      kind: 'auth',
      action: 'login',
      entity: 'users',
      entityId: user.id,
    });
    return { session: sessionInfo(ctx, sessionUser, false, expiresAt), token };
  },

  'auth.logout': (_input, ctx) => {
    if (ctx.session) endSession(ctx.station.sqlite, ctx.session.tokenHash);
    ctx.audit({ kind: 'auth', action: 'logout' });
    return { ok: true as const };
  },

  'auth.session': (_input, ctx) => {
    const s = ctx.session;
    return { session: s ? sessionInfo(ctx, s.user, s.locked, s.expiresAt) : null };
  },

  'auth.lock': (_input, ctx) => {
    const s = ctx.session!;
    setSessionLocked(ctx.station.sqlite, s.tokenHash, true, ctx.now);
    ctx.audit({ kind: 'auth', action: 'lock' });
    return { ok: true as const };
  },

  'auth.unlock': (input, ctx) => {
    const s = ctx.session!;
    const row = ctx.station.db.select().from(users).where(eq(users.id, s.user.id)).get();
    if (!row || !verifyPassword(input.password, row.passwordHash)) {
      const { lockedOut } = recordFailure(ctx, s.user.username);
      ctx.audit({ kind: 'auth', action: 'unlock.failed' });
      if (lockedOut) {
        // Too many wrong passwords at the lock screen ends the session, like the sign-in lockout.
        endSession(ctx.station.sqlite, s.tokenHash);
        throw new AppError('AUTH_LOCKED_OUT', { minutes: LOCKOUT_MINUTES }, undefined, true);
      }
      throw new AppError('AUTH_WRONG_PASSWORD', {}, { fields: [] }, true);
    }
    ctx.station.sqlite.prepare('UPDATE login_attempts SET failures = 0 WHERE username = ?').run(s.user.username);
    setSessionLocked(ctx.station.sqlite, s.tokenHash, false, ctx.now);
    ctx.audit({ kind: 'auth', action: 'unlock' });
    return { session: sessionInfo(ctx, s.user, false, s.expiresAt) };
  },

  'auth.changePassword': (input, ctx) => {
    const me = ctx.user();
    const row = ctx.station.db.select().from(users).where(eq(users.id, me.id)).get();
    if (!row || !verifyPassword(input.currentPassword, row.passwordHash)) {
      throw new AppError('AUTH_WRONG_PASSWORD', {}, { fields: [{ path: 'currentPassword', message: '' }] });
    }
    ctx.write.update(users, me.id, { passwordHash: hashPassword(input.newPassword) });
    ctx.audit({ kind: 'change', action: 'auth.changePassword', entity: 'users', entityId: me.id });
    return { ok: true as const };
  },

  'auth.setLocale': (input, ctx) => {
    const me = ctx.user();
    ctx.write.update(users, me.id, { locale: input.locale });
    return { ok: true as const };
  },
} satisfies Partial<HandlerMap>;
