import { eventContract } from '../../shared/contract/events.js';
import type { EventName } from '../../shared/contract/index.js';
import type { PreloadBridge, Transport } from './transport.js';

/** Electron mode: the preload's `window.api` (invoke + on), nothing else. */
export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (name, input) => bridge.invoke(name, input),
    subscribe(listener) {
      const offs = (Object.keys(eventContract) as EventName[]).map((name) => bridge.on(name, (payload) => listener(name, payload)));
      return () => offs.forEach((off) => off());
    },
  };
}
