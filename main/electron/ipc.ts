/**
 * The IPC adapter between the renderer and dispatch(), without Electron: main.ts feeds it what it reads from the
 * IpcMainInvokeEvent (sender frame URL, webContents id). It checks the sender, and keeps each window's session
 * token in the main process so the renderer never sees or stores it.
 */
import type { Locale } from '../../shared/i18n/index.js';
import { translate } from '../../shared/i18n/index.js';
import type { ApiError, Result } from '../../shared/errors.js';
import type { Dispatch } from '../core/dispatch/dispatch.js';
import type { Caller } from '../core/dispatch/types.js';
import { isTrustedSenderUrl } from './security.js';

export const IPC_INVOKE_CHANNEL = 'api:invoke';
export const IPC_EVENT_CHANNEL = 'api:event';

const UNTRUSTED_SENDER_MESSAGE: Record<Locale, string> = {
  vi: 'Yêu cầu không đến từ cửa sổ của ứng dụng.',
  en: "The request did not come from the application's window.",
};

/** Error codes after which the token this window holds is certainly dead. */
const DEAD_SESSION_CODES = new Set<ApiError['code']>(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

export interface IpcInvokeHandlerOptions {
  dispatch: Dispatch;
  /** Audit label of this PC, e.g. `electron:PC-01`. */
  workstation: string;
  /** Language for a window that has not signed in yet (default 'vi'). */
  getLocale?: () => Locale;
}

export interface IpcInvokeHandler {
  (senderUrl: string | undefined, webContentsId: number, name: unknown, input: unknown): Promise<Result<unknown>>;
  /** Drops what is kept for a window (call when its webContents is destroyed). */
  forget(webContentsId: number): void;
  /** Number of windows holding a session token (for tests and diagnostics; never the tokens). */
  sessionCount(): number;
}

interface WindowState {
  token: string | null;
  locale: Locale | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isLocale(v: unknown): v is Locale {
  return v === 'vi' || v === 'en';
}

/** `value.session.user.locale` of login / unlock / session results, when present. */
function sessionLocale(value: unknown): Locale | null {
  if (!isRecord(value) || !isRecord(value.session) || !isRecord(value.session.user)) return null;
  const locale = value.session.user.locale;
  return isLocale(locale) ? locale : null;
}

export function createIpcInvokeHandler(options: IpcInvokeHandlerOptions): IpcInvokeHandler {
  const { dispatch, workstation } = options;
  const defaultLocale = options.getLocale ?? (() => 'vi' as const);
  const windows = new Map<number, WindowState>();

  function stateOf(id: number): WindowState {
    let s = windows.get(id);
    if (!s) {
      s = { token: null, locale: null };
      windows.set(id, s);
    }
    return s;
  }

  const handler = async function invoke(
    senderUrl: string | undefined,
    webContentsId: number,
    name: unknown,
    input: unknown,
  ): Promise<Result<unknown>> {
    const known = windows.get(webContentsId);
    const locale = known?.locale ?? defaultLocale();

    if (!isTrustedSenderUrl(senderUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: UNTRUSTED_SENDER_MESSAGE[locale] } };
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'BAD_REQUEST', message: translate(locale, 'error.BAD_REQUEST') } };
    }

    const state = stateOf(webContentsId);
    const caller: Caller = { token: state.token, workstation, locale };
    let result: Result<unknown>;
    try {
      result = await dispatch(name, input, caller);
    } catch {
      // dispatch reports its own failures as envelopes; this is only a last guard so nothing leaks a stack.
      return { ok: false, error: { code: 'INTERNAL', message: translate(locale, 'error.INTERNAL') } };
    }

    if (!result.ok) {
      const code = result.error.code;
      // A token the backend no longer knows is useless; so is one ended by too many wrong unlock passwords.
      if (DEAD_SESSION_CODES.has(code) || (name === 'auth.unlock' && code === 'AUTH_LOCKED_OUT')) state.token = null;
      return result;
    }

    switch (name) {
      case 'auth.login': {
        if (isRecord(result.value)) {
          const { token, ...rest } = result.value;
          if (typeof token === 'string' && token !== '') state.token = token;
          state.locale = sessionLocale(rest) ?? state.locale;
          // The token stays in the main process: the renderer gets the session without it.
          return { ok: true, value: rest };
        }
        return result;
      }
      case 'auth.logout':
        state.token = null;
        return result;
      case 'auth.setLocale':
        if (isRecord(input) && isLocale(input.locale)) state.locale = input.locale;
        return result;
      case 'auth.unlock':
      case 'auth.session':
        state.locale = sessionLocale(result.value) ?? state.locale;
        return result;
      default:
        return result;
    }
  } as IpcInvokeHandler;

  handler.forget = (id: number) => {
    windows.delete(id);
  };
  handler.sessionCount = () => [...windows.values()].filter((w) => w.token !== null).length;
  return handler;
}
