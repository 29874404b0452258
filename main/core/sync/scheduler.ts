/**
 * When the station syncs by itself (docs/sync.md, "Background sync"): shortly after start, a few seconds after
 * local changes (debounced), periodically, and with exponential backoff while the hub cannot be reached. A run
 * never overlaps another; the timers never keep the process alive.
 */
export interface SchedulerOptions {
  startDelayMs: number;
  debounceMs: number;
  periodMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_SCHEDULE: SchedulerOptions = {
  startDelayMs: 3_000,
  debounceMs: 5_000,
  periodMs: 10 * 60_000,
  minBackoffMs: 15_000,
  maxBackoffMs: 30 * 60_000,
};

export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private busy = false;
  private stopped = true;
  nextAt: number | null = null;

  constructor(
    /** Runs one sync; resolves true on success. */
    private readonly run: () => Promise<boolean>,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULE,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.options.startDelayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  }

  /** A local change was committed: sync soon, unless the hub is unreachable (then the backoff decides). */
  notifyChange(): void {
    if (this.stopped || this.failures > 0) return;
    const at = this.now() + this.options.debounceMs;
    // Debounce: each change pushes the run back, but never later than one period.
    if (this.nextAt === null || this.nextAt > at || this.nextAt - this.now() < this.options.debounceMs) this.schedule(this.options.debounceMs);
  }

  /** Current delay after `failures` consecutive failures. */
  backoffMs(failures = this.failures): number {
    return Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** Math.max(0, failures - 1));
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextAt = this.now() + ms;
    this.timer = setTimeout(() => void this.fire(), ms);
    (this.timer as { unref?: () => void }).unref?.();
  }

  private async fire(): Promise<void> {
    this.timer = null;
    if (this.busy) return this.schedule(this.options.debounceMs);
    this.busy = true;
    let ok = false;
    try {
      ok = await this.run();
    } catch {
      ok = false;
    } finally {
      this.busy = false;
    }
    if (ok) {
      this.failures = 0;
      this.schedule(this.options.periodMs);
    } else {
      this.failures++;
      this.schedule(this.backoffMs());
    }
  }
}
