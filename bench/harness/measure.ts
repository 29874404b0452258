/** Timing: warm-up runs (not counted), then repeated runs; percentiles by nearest rank. */
export interface Stats {
  runs: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) return { runs: 0, min: NaN, p50: NaN, p95: NaN, max: NaN, mean: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return {
    runs: sorted.length,
    min: sorted[0]!,
    p50: rank(0.5),
    p95: rank(0.95),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

export interface MeasureOptions {
  /** Calls before measuring (JIT, SQLite page cache, prepared statements). */
  warmup: number;
  runs: number;
}

/** Times `fn(i)` for i = 0…runs-1 after `warmup` untimed calls; returns every sample in ms. */
export async function measure(fn: (i: number) => unknown, opts: MeasureOptions): Promise<number[]> {
  for (let i = 0; i < opts.warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Deterministic pick of n items spread over a list (no randomness: reruns measure the same things). */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[Math.floor(((i + 0.5) * items.length) / n)]!);
  return out;
}
