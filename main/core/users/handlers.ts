import { and, asc, eq, ne } from 'drizzle-orm';
import type { User } from '../../../shared/contract/users.js';
import { AppError } from '../../../shared/errors.js';
import { hashPassword } from '../auth/password.js';
import { loginAttempts, users } from '../auth/schema.js';
import { endUserSessions } from '../auth/sessions.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';

function toUser(row: typeof users.$inferSelect, lastLoginAt: string | null): User {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    active: row.active,
    locale: row.locale,
    lastLoginAt,
  };
}

function lastLogin(ctx: HandlerContext, username: string): string | null {
  return ctx.station.db.select().from(loginAttempts).where(eq(loginAttempts.username, username)).get()?.lastLoginAt ?? null;
}

function otherActiveAdmins(ctx: HandlerContext, exceptId: string): number {
  return ctx.station.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), eq(users.deleted, false), ne(users.id, exceptId)))
    .all().length;
}

export const usersHandlers = {
  'users.list': (_input, ctx) => {
    const rows = ctx.station.db.select().from(users).where(eq(users.deleted, false)).orderBy(asc(users.fullName)).all();
    const logins = new Map(ctx.station.db.select().from(loginAttempts).all().map((r) => [r.username, r.lastLoginAt]));
    return { users: rows.map((r) => toUser(r, logins.get(r.username) ?? null)) };
  },

  'users.create': (input, ctx) => {
    const taken = ctx.station.db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get();
    if (taken) {
      throw new AppError('USERNAME_TAKEN', { username: input.username }, { fields: [{ path: 'username', message: '' }] });
    }
    const row = ctx.write.insert(users, {
      username: input.username,
      fullName: input.fullName,
      role: input.role,
      passwordHash: hashPassword(input.password),
      active: true,
      locale: 'vi',
      createdAt: ctx.now.toISOString(),
    });
    ctx.audit({ kind: 'change', action: 'users.create', entity: 'users', entityId: row.id, details: { role: row.role } });
    return { user: toUser(row, null) };
  },

  'users.update': (input, ctx) => {
    const current = ctx.station.db.select().from(users).where(eq(users.id, input.id)).get();
    if (!current || current.deleted) throw new AppError('NOT_FOUND');
    const losesAdmin = current.role === 'admin' && current.active && (input.active === false || (input.role && input.role !== 'admin'));
    if (losesAdmin && otherActiveAdmins(ctx, current.id) === 0) throw new AppError('LAST_ADMIN');
    const row = ctx.write.update(users, input.id, { fullName: input.fullName, role: input.role, active: input.active });
    if (input.active === false || (input.role && input.role !== current.role)) endUserSessions(ctx.station.sqlite, input.id);
    ctx.audit({ kind: 'change', action: 'users.update', entity: 'users', entityId: row.id, details: { role: row.role, active: row.active } });
    return { user: toUser(row, lastLogin(ctx, row.username)) };
  },

  'users.resetPassword': (input, ctx) => {
    ctx.write.update(users, input.id, { passwordHash: hashPassword(input.password) });
    endUserSessions(ctx.station.sqlite, input.id);
    ctx.station.sqlite.prepare('UPDATE login_attempts SET failures = 0, locked_until = NULL WHERE username = (SELECT username FROM users WHERE id = ?)').run(input.id);
    ctx.audit({ kind: 'change', action: 'users.resetPassword', entity: 'users', entityId: input.id });
    return { ok: true as const };
  },
} satisfies Partial<HandlerMap>;
