import type { EventName } from '../../shared/contract/index.js';
import { eventContract } from '../../shared/contract/events.js';
import type { Result } from '../../shared/errors.js';
import { translate } from '../../shared/i18n/index.js';
import type { Transport } from './transport.js';

/** Browser/LAN mode: `POST /api/<name>` with the session cookie, events over server-sent events. */
export function httpTransport(base = ''): Transport {
  let source: EventSource | null = null;
  const listeners = new Set<(name: EventName, payload: unknown) => void>();

  function connect() {
    if (source || listeners.size === 0) return;
    source = new EventSource(`${base}/api/_events`, { withCredentials: true });
    for (const name of Object.keys(eventContract) as EventName[]) {
      source.addEventListener(name, (e) => {
        let payload: unknown = null;
        try {
          payload = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const l of listeners) l(name, payload);
      });
    }
    // Signed out or server restarted: close, and reconnect on the next subscription refresh.
    source.onerror = () => {
      source?.close();
      source = null;
      setTimeout(connect, 3000);
    };
  }

  return {
    async invoke(name, input, locale) {
      try {
        const res = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-ui-locale': locale },
          body: JSON.stringify(input ?? {}),
        });
        const body = (await res.json()) as Result<unknown>;
        if (name === 'auth.login' && body.ok) {
          source?.close();
          source = null;
          connect();
        }
        return body;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: translate(locale, 'error.network') } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}
