// Latency summaries: count, min, mean, percentiles (nearest rank on the exact sorted samples),
// max. Samples are nanoseconds.

export const PERCENTILES = [50, 90, 99, 99.9] as const;

export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly 'p99.9': number;
  readonly max: number;
}

/** Nearest-rank percentile: the smallest sample with at least p% of samples at or below it. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p * sorted.length) / 100 - 1e-9); // 99.9% of 1000 is rank 999, despite float error
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: readonly number[]): LatencySummary {
  const s = Float64Array.from(samples).sort();
  const n = s.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  return {
    count: n, min: n ? s[0] : 0, mean: n ? sum / n : 0,
    p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), 'p99.9': percentile(s, 99.9),
    max: n ? s[n - 1] : 0,
  };
}
