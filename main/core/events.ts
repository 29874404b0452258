import type { EventName, EventPayload } from '../../shared/contract/index.js';

type Listener = (name: EventName, payload: unknown) => void;

/** Fan-out of contract events to every connected window or browser. */
export class EventBus {
  private listeners = new Set<Listener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken listener (closed connection) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
