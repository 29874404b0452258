/** Sign-in lockout: after this many consecutive failures the username is locked for LOCKOUT_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** How often a session's last-seen time is written (avoids a write on every read). */
export const SESSION_TOUCH_INTERVAL_MS = 30_000;
