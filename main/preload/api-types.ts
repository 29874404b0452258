/**
 * What the preload puts on `window.api`, for the renderer's IPC transport. Types only: the preload itself is a
 * sandboxed script that can require nothing but 'electron', so it does not import this at runtime.
 *
 * The renderer's typed client narrows these with the contract (`ProcedureName`, `ProcedureInput<N>`,
 * `ProcedureOutput<N>`, `EventPayload<N>`); the bridge itself is deliberately untyped below that.
 * Declaring `window.api` for the DOM (`interface Window { api: PreloadApi }`) is left to the renderer project.
 */
import type { EventName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/errors.js';

/** Events the preload lets the renderer subscribe to (mirrors `eventContract`; a test keeps them equal). */
export type PreloadEventName = EventName;

export interface PreloadApi {
  /**
   * Calls a contract procedure in the main process. Resolves with the result envelope, never rejects for an
   * API error. A name that does not look like a procedure name is refused in the preload (BAD_REQUEST).
   * After `auth.login` the session token stays in the main process: the returned value has no `token`.
   */
  invoke(name: string, input?: unknown): Promise<Result<unknown>>;
  /**
   * Listens to a backend event (`data.changed`, `sync.progress`); returns the function that stops listening.
   * Other names are ignored (a no-op unsubscribe is returned).
   */
  on(eventName: PreloadEventName, listener: (payload: unknown) => void): () => void;
}
