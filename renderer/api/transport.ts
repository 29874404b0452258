import type { EventName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/errors.js';
import type { Locale } from '../../shared/i18n/index.js';

/** How the renderer reaches the backend: Electron IPC (preload's window.api) or HTTP in browser/LAN mode. */
export interface Transport {
  invoke(name: string, input: unknown, locale: Locale): Promise<Result<unknown>>;
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

export interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
