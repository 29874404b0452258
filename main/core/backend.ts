import { createDispatcher, type Dispatch, type DispatcherOptions } from './dispatch/dispatch.js';
import { handlers } from './handlers.js';
import { warmImmunizationCaches } from './immunization/warm-caches.js';
import { openStation, type Station, type StationOptions } from './station.js';

export interface StationBackend {
  station: Station;
  dispatch: Dispatch;
  close(): void;
  /**
   * Refreshes the caches of the list screens in the background (after a migration every row is stale); the hosts
   * call it once they answer requests. Never rejects: a failure is logged and the screens refresh on demand.
   */
  warmCaches(): Promise<void>;
}

/** Opens the station database (migrating it first) and binds the contract's handlers: what both hosts run. */
export function startStationBackend(options: StationOptions, dispatcherOptions: DispatcherOptions = {}): StationBackend {
  const station = openStation(options);
  const dispatch = createDispatcher(station, handlers, dispatcherOptions);
  const warmCaches = async () => {
    try {
      const rows = await warmImmunizationCaches(station);
      if (rows > 0) console.log(`[caches] ${rows} immunization cache rows refreshed in the background`);
    } catch (e) {
      console.error('[caches] background refresh failed (the screens refresh on demand):', e);
    }
  };
  return { station, dispatch, close: () => station.close(), warmCaches };
}
