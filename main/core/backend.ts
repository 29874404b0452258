import { createDispatcher, type Dispatch, type DispatcherOptions } from './dispatch/dispatch.js';
import { handlers } from './handlers.js';
import { openStation, type Station, type StationOptions } from './station.js';

export interface StationBackend {
  station: Station;
  dispatch: Dispatch;
  close(): void;
}

/** Opens the station database (migrating it first) and binds the contract's handlers: what both hosts run. */
export function startStationBackend(options: StationOptions, dispatcherOptions: DispatcherOptions = {}): StationBackend {
  const station = openStation(options);
  const dispatch = createDispatcher(station, handlers, dispatcherOptions);
  return { station, dispatch, close: () => station.close() };
}
