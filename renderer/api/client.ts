import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract/index.js';
import type { ApiError, FieldIssue } from '../../shared/errors.js';
import type { Locale } from '../../shared/i18n/index.js';
import { httpTransport } from './http-transport.js';
import { ipcTransport } from './ipc-transport.js';
import type { PreloadBridge, Transport } from './transport.js';

/** A failed call: the stable code, the translated message, and per-field messages for forms. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly fields: FieldIssue[];
  /** Everything else the backend said (e.g. `existingId`, `candidates`, `warnings`). */
  readonly details: Record<string, unknown>;
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.fields = error.details?.fields ?? [];
    this.details = error.details ?? {};
  }
}

export interface ApiClient {
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>;
  subscribe: Transport['subscribe'];
  setLocale(locale: Locale): void;
}

export function createApiClient(transport: Transport, initialLocale: Locale = 'vi'): ApiClient {
  let locale = initialLocale;
  const client: ApiClient = {
    async call(name, input) {
      const result = await transport.invoke(name, input, locale);
      if (!result.ok) {
        if (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'SESSION_LOCKED' || result.error.code === 'UNAUTHENTICATED') {
          sessionListeners.forEach((l) => l(result.error.code));
        }
        throw new ApiCallError(result.error);
      }
      return result.value as never;
    },
    subscribe: (l) => transport.subscribe(l),
    setLocale(l) {
      locale = l;
    },
  };
  return client;
}

const sessionListeners = new Set<(code: ApiError['code']) => void>();
/** Lets the app react (show the lock or sign-in screen) when any call finds the session gone or locked. */
export function onSessionProblem(listener: (code: ApiError['code']) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

declare global {
  interface Window {
    api?: PreloadBridge;
  }
}

/** The one client of the app: IPC inside Electron, HTTP in a browser. */
export const api: ApiClient = createApiClient(typeof window !== 'undefined' && window.api ? ipcTransport(window.api) : httpTransport());
