import { contract, isProcedureName, type ProcedureDef } from '../../../shared/contract/index.js';
import { AppError, type ApiError, type Result } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { appendAudit, type AuditRecord } from '../audit/service.js';
import { lookupSession, touchSession } from '../auth/sessions.js';
import { readSettings } from '../settings/service.js';
import { isConfigured } from '../setup/service.js';
import type { Station } from '../station.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import { apiError, fieldIssues, parseInput } from './messages.js';
import type { ActiveSession, Caller, HandlerContext, HandlerMap } from './types.js';
import { WriteQueue } from './write-queue.js';

export type Dispatch = (name: string, input: unknown, caller: Caller) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected errors are reported (with stack) inside the process; never sent to the caller. */
  logError?: (procedure: string, error: unknown) => void;
}

/**
 * The single entry point of the backend, shared by the IPC and HTTP transports: it validates input against the
 * contract, enforces roles, runs writes one at a time inside a transaction, and returns the result envelope.
 */
export function createDispatcher(station: Station, handlers: HandlerMap, options: DispatcherOptions = {}): Dispatch {
  const queue = new WriteQueue();
  const logError = options.logError ?? ((name, e) => console.error(`[dispatch] ${name} failed:`, e));

  function fail(locale: Locale, code: ApiError['code'], params?: Record<string, string | number>, details?: ApiError['details']) {
    return { ok: false as const, error: apiError(code, locale, params, details) };
  }

  return async function dispatch(name, rawInput, caller) {
    const locale = caller.locale;
    if (!isProcedureName(name)) return fail(locale, 'UNKNOWN_PROCEDURE', { name: String(name).slice(0, 80) });
    const def = contract[name] as ProcedureDef;
    const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
    const now = station.now();

    let session: ActiveSession | null = null;
    try {
      const lookup = lookupSession(station.sqlite, caller.token, now, readSettings(station).idleLockMinutes);
      if (lookup.status === 'ok') session = lookup.session;
      if (def.access !== 'public') {
        if (!isConfigured(station)) return fail(locale, 'SETUP_REQUIRED');
        if (lookup.status === 'expired') return fail(locale, 'SESSION_EXPIRED');
        if (!session) return fail(locale, 'UNAUTHENTICATED');
        if (session.locked && !def.allowWhenLocked) return fail(locale, 'SESSION_LOCKED');
        if (def.access !== 'anyUser' && !def.access.includes(session.user.role)) {
          appendAudit(station.sqlite, now, actor(session, caller), { kind: 'auth', action: 'forbidden', details: { procedure: name } });
          return fail(locale, 'FORBIDDEN');
        }
        if (!session.locked) touchSession(station.sqlite, session.tokenHash, now);
      }
    } catch (e) {
      logError(name, e);
      return fail(locale, 'INTERNAL');
    }

    const parsed = parseInput(def.input, rawInput ?? {}, locale);
    if (!parsed.success) {
      return fail(locale, 'VALIDATION_FAILED', {}, { fields: fieldIssues(parsed.error, locale) });
    }

    const context = createHandlerContext(station, caller, session, now);
    const ctx = context.ctx;

    try {
      let value: unknown;
      if (def.kind === 'read') {
        value = await handler(parsed.data, ctx);
      } else {
        value = await queue.run(() => runWriteTransaction(station, name, () => invokeWriteHandler(name, handler, parsed.data, context)));
      }
      const output = def.output.safeParse(value);
      if (!output.success) {
        logError(name, output.error);
        return fail(locale, 'INTERNAL');
      }
      return { ok: true as const, value: output.data };
    } catch (e) {
      if (e instanceof AppError) return fail(locale, e.code, e.params, e.details);
      logError(name, e);
      return fail(locale, 'INTERNAL');
    }
  };
}

function actor(session: ActiveSession | null, caller: Caller) {
  return { userId: session?.user.id ?? null, username: session?.user.username ?? null, workstation: caller.workstation };
}

/** A handler's context plus whether the handler wrote an audit entry itself. */
export interface HandlerContextHandle {
  ctx: HandlerContext;
  audited(): boolean;
}

/** The context a handler runs with (one `now` for the whole call); shared by dispatch and internal batches. */
export function createHandlerContext(station: Station, caller: Caller, session: ActiveSession | null, now: Date): HandlerContextHandle {
  let audited = false;
  const ctx: HandlerContext = {
    station,
    caller,
    session,
    write: station.writer,
    now,
    today: stationDate(now),
    audit: (record: AuditRecord) => {
      audited = true;
      appendAudit(station.sqlite, now, actor(session, caller), record);
    },
    user: () => {
      if (!session) throw new AppError('UNAUTHENTICATED');
      return session.user;
    },
  };
  return { ctx, audited: () => audited };
}

/**
 * Runs a write handler (the caller holds the transaction): it must be synchronous, and a write the handler did not
 * audit itself gets a plain `change` entry when there is a session.
 */
export function invokeWriteHandler(
  name: string,
  handler: (input: unknown, ctx: HandlerContext) => unknown,
  input: unknown,
  context: HandlerContextHandle,
): unknown {
  const result = handler(input, context.ctx);
  if (result instanceof Promise) throw new Error(`write handler ${name} must be synchronous (it runs in a transaction)`);
  if (!context.audited() && context.ctx.session) context.ctx.audit({ kind: 'change', action: name });
  return result;
}

/**
 * Runs a write handler in one SQLite transaction. An AppError marked `commitWrites` (a failed sign-in that must
 * still count) commits what was written before it and then fails the call; every other error rolls back.
 */
function runWriteTransaction(station: Station, name: string, body: () => unknown): unknown {
  let committedError: AppError | null = null;
  station.writer.takeTouched();
  const value = station.sqlite.transaction(() => {
    try {
      return body();
    } catch (e) {
      if (e instanceof AppError && e.commitWrites) {
        committedError = e;
        return undefined;
      }
      throw e;
    }
  })();
  const touched = station.writer.takeTouched();
  if (committedError) throw committedError;
  if (touched.length > 0) station.events.emit('data.changed', { tables: touched, procedure: name });
  return value;
}
