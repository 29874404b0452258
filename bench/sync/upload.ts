import { performance } from 'node:perf_hooks';
import type { HubProcess } from '../../main/core/sync/testing-hub.js';
import { cpuDuring } from './cpu.js';
import { hubCounts, type BenchDatabase } from './hub.js';
import { configureSync, openStationAt, unacked, type CachedStation, type OpenStation } from './station.js';

export interface UploadFigures {
  persons: number;
  changes: number;
  hubRows: number | null;
  hubVersions: number | null;
  bytesUp: number;
  bytesDown: number;
  roundTrips: number;
  seconds: number;
  /** CPU seconds of the station (this process), the hub process and PostgreSQL during the upload. */
  cpu: { station: number; hub: number | null; postgres: number | null };
  ok: boolean;
  error: string | null;
}

/**
 * Initial upload: the benchmark's copy of a generated station (`snapshotStation`: every change of its history
 * still unacknowledged) enrolled at a fresh hub and synced through `sync.now` — the real client, gzip JSON over
 * loopback HTTP — until nothing is left. The station stays open for the benchmarks that follow (the day's work).
 */
export async function measureUpload(cache: CachedStation, hub: HubProcess, db: BenchDatabase, log: (m: string) => void): Promise<{ figures: UploadFigures; station: OpenStation }> {
  const station = await openStationAt(cache.dir, cache.admin);
  await configureSync(station, hub.url, await hub.enroll(cache.facility.code));
  const changes = unacked(station);
  log(`uploading ${changes.toLocaleString('en-US')} changes of the ${cache.persons.toLocaleString('en-US')}-person station to ${hub.url} …`);
  const t0 = performance.now();
  const { result: { run }, cpu } = await cpuDuring(hub.pid, () => station.call('sync.now', {}));
  const seconds = (performance.now() - t0) / 1000;
  const counts = await hubCounts(db, hub);
  return {
    station,
    figures: {
      persons: cache.persons,
      changes: run.pushed,
      hubRows: counts?.rows ?? null,
      hubVersions: counts?.versions ?? null,
      bytesUp: run.bytesUp,
      bytesDown: run.bytesDown,
      roundTrips: run.roundTrips,
      seconds,
      cpu,
      ok: run.ok && unacked(station) === 0,
      error: run.error ? `${run.error.code}: ${run.error.detail}` : unacked(station) > 0 ? `${unacked(station)} changes left` : null,
    },
  };
}
