import type { ProcedureName, ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { SessionUser } from '../../../shared/contract/auth.js';
import type { Locale } from '../../../shared/i18n/index.js';
import type { AuditRecord } from '../audit/service.js';
import type { Station } from '../station.js';
import type { SyncedWriter } from '../sync-data/writer.js';

/** What a transport knows about the caller. */
export interface Caller {
  /** Session token from the cookie, bearer header or the IPC adapter; null when signed out. */
  token: string | null;
  /** Where the call comes from, for the audit log (`electron:PC-01`, `http:192.168.1.12`). */
  workstation: string;
  locale: Locale;
}

export interface ActiveSession {
  tokenHash: string;
  user: SessionUser;
  locked: boolean;
  expiresAt: string;
}

export interface HandlerContext {
  station: Station;
  caller: Caller;
  /** The caller's session; always set for procedures that are not `public`. */
  session: ActiveSession | null;
  write: SyncedWriter;
  /** Time of this call (one value for the whole call). */
  now: Date;
  /** The station's calendar date (Viet Nam, UTC+7) at `now`, yyyy-mm-dd: use it for "today", never the UTC date. */
  today: string;
  audit(record: AuditRecord): void;
  /** The signed-in user; throws UNAUTHENTICATED when there is none. */
  user(): SessionUser;
}

export type Handler<N extends ProcedureName> = (
  input: ProcedureParsedInput<N>,
  ctx: HandlerContext,
) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;

export type HandlerMap = { [N in ProcedureName]: Handler<N> };
