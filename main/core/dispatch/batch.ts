import { contract, isProcedureName, type ProcedureDef, type ProcedureInput, type ProcedureName, type ProcedureOutput } from '../../../shared/contract/index.js';
import type { SessionUser } from '../../../shared/contract/auth.js';
import { AppError } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { handlers as defaultHandlers } from '../handlers.js';
import { isConfigured } from '../setup/service.js';
import type { Station } from '../station.js';
import { createHandlerContext, invokeWriteHandler } from './dispatch.js';
import { fieldIssues, parseInput } from './messages.js';
import type { ActiveSession, Caller, HandlerContext, HandlerMap } from './types.js';

/**
 * Calls a contract procedure inside a batch; returns its (output-validated) value or throws its AppError.
 * `as` acts as another user for this call (e.g. the physician who examines), instead of the batch's actor.
 */
export type BatchCall = <N extends ProcedureName>(name: N, input: ProcedureInput<N>, options?: { as?: SessionUser }) => ProcedureOutput<N>;

export interface BatchOptions {
  /** Audit-log workstation of every call (default `internal:batch`). */
  workstation?: string;
  locale?: Locale;
  /** Handlers to run (default: every procedure of the contract bound to its implementation). */
  handlers?: HandlerMap;
  /** Parse each value with the contract's output schema, as dispatch does (default true). */
  validateOutput?: boolean;
}

/**
 * Runs many contract procedures in ONE SQLite transaction, for internal tools (the synthetic-station generator,
 * imports): each call is validated by the contract's input schema, role-checked for the acting user and run by the
 * real handler with the same context dispatch builds, so rows, change-log and audit entries are exactly what
 * dispatch would write — only the per-call transaction (and its fsync) is shared.
 *
 * Each call runs in a savepoint: a call that fails (AppError, validation) rolls back only its own writes and throws
 * to the body, which may catch it and go on; an error the body lets escape rolls back the whole batch.
 * Handlers must be synchronous (async reads such as exports are refused). Not for concurrent use with dispatch's
 * write queue: run batches when no request is being served (the generator owns its database).
 *
 * `actor` is the signed-in user the calls act as (`null`: only public procedures); `batchActor` loads one.
 */
export function runInternalBatch<T>(station: Station, actor: SessionUser | null, body: (call: BatchCall) => T, options: BatchOptions = {}): T {
  const handlers = options.handlers ?? defaultHandlers;
  const caller: Caller = { token: null, workstation: options.workstation ?? 'internal:batch', locale: options.locale ?? 'vi' };
  const validateOutput = options.validateOutput ?? true;
  const sessionOf = (user: SessionUser | null): ActiveSession | null =>
    user ? { tokenHash: 'internal-batch', user, locked: false, expiresAt: '9999-12-31T00:00:00.000Z' } : null;
  const batchSession = sessionOf(actor);

  const call = (<N extends ProcedureName>(name: N, rawInput: ProcedureInput<N>, callOptions?: { as?: SessionUser }): ProcedureOutput<N> => {
    const session = callOptions?.as ? sessionOf(callOptions.as) : batchSession;
    if (!isProcedureName(name)) throw new AppError('UNKNOWN_PROCEDURE', { name: String(name) });
    const def = contract[name] as ProcedureDef;
    const handler = handlers[name] as unknown as (input: unknown, ctx: HandlerContext) => unknown;
    if (def.access !== 'public') {
      if (!isConfigured(station)) throw new AppError('SETUP_REQUIRED');
      if (!session) throw new AppError('UNAUTHENTICATED');
      if (def.access !== 'anyUser' && !def.access.includes(session.user.role)) throw new AppError('FORBIDDEN');
    }
    const parsed = parseInput(def.input, rawInput ?? {}, caller.locale);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', {}, { fields: fieldIssues(parsed.error, caller.locale) });

    const context = createHandlerContext(station, caller, session, station.now());
    let value: unknown;
    if (def.kind === 'read') {
      value = handler(parsed.data, context.ctx);
      if (value instanceof Promise) throw new Error(`${name}: asynchronous handlers cannot run in an internal batch`);
    } else {
      let committedError: AppError | null = null;
      // A nested better-sqlite3 transaction is a savepoint: a failed call leaves the rest of the batch intact.
      value = station.sqlite.transaction(() => {
        try {
          return invokeWriteHandler(name, handler, parsed.data, context);
        } catch (e) {
          if (e instanceof AppError && e.commitWrites) {
            committedError = e;
            return undefined;
          }
          throw e;
        }
      })();
      if (committedError) throw committedError;
    }
    if (!validateOutput) return value as ProcedureOutput<N>;
    const output = def.output.safeParse(value);
    if (!output.success) throw new Error(`${name}: output does not match the contract: ${output.error.message}`);
    return output.data as ProcedureOutput<N>;
  }) as BatchCall;

  station.writer.takeTouched();
  const result = station.sqlite.transaction(() => body(call))();
  const touched = station.writer.takeTouched();
  if (touched.length > 0) station.events.emit('data.changed', { tables: touched, procedure: 'internal.batch' });
  return result;
}

/** The active user `username` as a batch actor. */
export function batchActor(station: Station, username: string): SessionUser {
  const row = station.sqlite
    .prepare('SELECT id, username, full_name AS fullName, role, locale FROM users WHERE username = ? AND active = 1 AND deleted = 0')
    .get(username) as SessionUser | undefined;
  if (!row) throw new Error(`no active user "${username}"`);
  return row;
}
