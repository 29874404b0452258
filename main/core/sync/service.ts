import { desc } from 'drizzle-orm';
import { credentialLabel } from '../../../shared/sync/credential.js';
import type { SyncRun, SyncStatus } from '../../../shared/contract/sync.js';
import { AppError } from '../../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol.js';
import type { Station } from '../station.js';
import { writeMeta } from '../sync-data/meta.js';
import { applyResponse, finishRun, runSync, startRun, type RunSummary, type SyncProgress } from './client.js';
import { unackedCount } from './outbox.js';
import { DEFAULT_SCHEDULE, SyncScheduler, type SchedulerOptions } from './scheduler.js';
import { syncRuns } from './schema.js';
import { SyncState } from './state.js';
import { httpTransport, hubTrust, SyncTransportError, type StationTransport } from './transport.js';

export type TransportFactory = (hubUrl: string, credential: string) => StationTransport;

/**
 * The station's sync engine (one per open station): runs syncs one at a time, remembers progress for the
 * Đồng bộ screen, and drives the background scheduler. Network waits are async; every database change is a
 * short synchronous transaction, so the UI and other writes are never blocked for long.
 */
export class SyncService {
  private running: Promise<RunSummary> | null = null;
  private progress: SyncProgress | null = null;
  private unsubscribe: (() => void) | null = null;
  readonly scheduler: SyncScheduler;

  constructor(
    readonly station: Station,
    private readonly transportFor: TransportFactory = (url, credential) => httpTransport(url, credential, { ca: hubTrust(station.options.dataDir) }),
    schedule: SchedulerOptions = DEFAULT_SCHEDULE,
  ) {
    this.scheduler = new SyncScheduler(async () => (this.configured() ? (await this.runNow()).ok : true), schedule, () => station.now().getTime());
  }

  get state(): SyncState {
    return new SyncState(this.station.sqlite);
  }

  configured(): boolean {
    const s = this.state;
    return Boolean(s.hubUrl && s.credential && this.station.facilityCode());
  }

  /** Starts background sync: soon after start, after local changes, periodically, with backoff when offline. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.station.events.subscribe((name, payload) => {
      if (name === 'data.changed' && (payload as { procedure?: string }).procedure !== 'sync') this.scheduler.notifyChange();
    });
    this.scheduler.start();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.scheduler.stop();
  }

  /** Runs a sync, or joins the one already running. */
  runNow(): Promise<RunSummary> {
    if (this.running) return this.running;
    const s = this.state;
    if (!s.hubUrl || !s.credential) return Promise.reject(new AppError('SYNC_NOT_CONFIGURED'));
    const transport = this.transportFor(s.hubUrl, s.credential);
    this.running = runSync(this.station, transport, { onProgress: (p) => (this.progress = p) }).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  status(): SyncStatus {
    const s = this.state;
    const next = this.scheduler.nextAt;
    return {
      configured: this.configured(),
      hubUrl: s.hubUrl,
      credentialLabel: s.credential ? credentialLabel(s.credential) : null,
      hubFacility: s.hubFacility,
      lastOkAt: s.lastOkAt,
      lastAttemptAt: s.lastAttemptAt,
      lastError: s.lastError,
      pending: unackedCount(this.station.sqlite),
      running: this.running !== null,
      progress: this.progress,
      nextAttemptAt: this.unsubscribe && next ? new Date(next).toISOString() : null,
    };
  }

  history(limit: number): SyncRun[] {
    return this.station.db.select().from(syncRuns).orderBy(desc(syncRuns.id)).limit(limit).all() as SyncRun[];
  }

  /**
   * A new, empty PC enrolled with the station's credential pulls back everything the hub holds for the station
   * (its own rows, its residents' records, reference data), then becomes that station. Resumable: the cursor is
   * kept, so a cut restore continues where it stopped.
   */
  async restore(hubUrl: string, credential: string): Promise<{ rows: number; facility: string }> {
    const { station } = this;
    if (station.facilityCode()) throw new AppError('SETUP_ALREADY_DONE');
    const transport = this.transportFor(hubUrl, credential);
    const state = this.state;
    const run = startRun(station, 'restore');
    let rows = 0;
    let facility = '';
    const summary: RunSummary = { ok: false, pushed: 0, pulled: 0, toPush: 0, rejected: 0, bytesUp: 0, bytesDown: 0, roundTrips: 0, error: null };
    try {
      for (let more = true; more; ) {
        const ex = await transport({ v: PROTOCOL_VERSION, node: station.clock.nodeId, cursor: state.cursor, pull: true });
        facility = ex.res.facility;
        rows += applyResponse(station, null, ex.res).pulled;
        summary.roundTrips++;
        summary.bytesUp += ex.bytesUp;
        summary.bytesDown += ex.bytesDown;
        more = ex.res.more;
      }
    } catch (e) {
      summary.error = e instanceof SyncTransportError ? { code: e.failure, detail: e.detail } : { code: 'HUB_ERROR', detail: (e as Error).message };
      transport.close?.();
      finishRun(station, run, summary);
      throw new AppError('SYNC_FAILED', { reason: summary.error.code });
    }
    station.sqlite.transaction(() => {
      state.configure(hubUrl, credential);
      writeMeta(station.sqlite, 'facility.code', facility);
    })();
    transport.close?.();
    finishRun(station, run, { ...summary, ok: true, pulled: rows });
    return { rows, facility };
  }
}

const services = new WeakMap<Station, SyncService>();

/** The sync service of a station, created on first use (hosts call `start()` to sync in the background). */
export function syncServiceFor(station: Station, transportFor?: TransportFactory): SyncService {
  let s = services.get(station);
  if (!s) services.set(station, (s = new SyncService(station, transportFor)));
  return s;
}
