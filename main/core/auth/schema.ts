import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../sync-data/columns.js';

/** Station user accounts. Synced (so a station can be restored from its hub), password hashes included. */
export const users = sqliteTable('users', {
  ...syncedColumns(),
  username: text('username').notNull().unique(),
  fullName: text('full_name').notNull(),
  role: text('role', { enum: ['admin', 'physician', 'nurse', 'clerk', 'supervisor'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  locale: text('locale', { enum: ['vi', 'en'] }).notNull().default('vi'),
  createdAt: text('created_at').notNull(),
});

/** Failed sign-in counters per username (local security state, not synced). */
export const loginAttempts = sqliteTable('login_attempts', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: text('locked_until'),
  lastFailureAt: text('last_failure_at'),
  lastLoginAt: text('last_login_at'),
});

/** Sessions of this station's backend; only a hash of the token is stored. Local, not synced. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
    workstation: text('workstation').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);
