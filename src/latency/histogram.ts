// The one latency percentile engine (latency, btt, replay reports, compare): a log-linear
// histogram (after fio's stat.h), fixed, mergeable and deterministic, in bounded memory.
// count, min, max and mean are exact; percentiles are nearest-rank at bucket resolution.
//
// Summary: values below 128 ns have a bucket each; above, every power of two is split into 64
// equal buckets, so a value is known to within 1/64 (1.6%) of itself. Memory: the buckets of
// values below 2^37 ns (137 s, all but absurd latencies) are counts in an array grown to the
// largest seen (at most 16 KiB: a Map's lookup and boxed entry per sample cost a replay time and
// garbage); those above, a sparse map of non-empty buckets.
//
// Details: for v >= 128 with msb m (2^m <= v < 2^(m+1)), the bucket is 128 + (m-7)*64 + sub,
// where sub = floor(v / 2^(m-6)) - 64 is in 0..63; its lower bound is (64+sub) * 2^(m-6) and its
// width 2^(m-6). A bucket is represented by its midpoint (exact below 128).
const LINEAR = 128;
const SUB = 64;
const DENSE = LINEAR + 30 * SUB; // buckets held in the array: values below 2^37

function msbOf(v: number): number {
  if (v < 2 ** 31) return 31 - Math.clz32(v); // exact for 32-bit integers: one instruction
  let m = Math.floor(Math.log2(v));
  if (2 ** m > v) m--;
  if (2 ** (m + 1) <= v) m++;
  return m;
}

export function bucketOf(v: number): number {
  const x = Math.max(0, Math.floor(v));
  if (x < LINEAR) return x;
  if (x < 2 ** 31) { // every latency in practice: integer instructions, no Math.pow per sample
    const m = 31 - Math.clz32(x);
    return LINEAR + (m - 7) * SUB + ((x >>> (m - 6)) - SUB);
  }
  const m = msbOf(x);
  return LINEAR + (m - 7) * SUB + (Math.floor(x / 2 ** (m - 6)) - SUB);
}

/** The value a bucket stands for: its midpoint (floored). */
export function bucketValue(b: number): number {
  if (b < LINEAR) return b;
  const m = Math.floor((b - LINEAR) / SUB) + 7;
  const sub = (b - LINEAR) % SUB;
  const width = 2 ** (m - 6);
  return (SUB + sub) * width + Math.floor(width / 2);
}

/** The percentiles every latency output shows, and their JSON keys (`p999` is the 99.9th). */
export const PERCENTILES = [[50, 'p50'], [90, 'p90'], [99, 'p99'], [99.9, 'p999']] as const;

/** One latency summary, in ns; every figure but count is null for an empty set. */
export interface LatencySummary {
  count: number; min: number | null; mean: number | null; p50: number | null; p90: number | null;
  p99: number | null; p999: number | null; max: number | null;
}

export class Histogram {
  private dense = new Float64Array(0);            // counts of buckets 0..DENSE-1
  private readonly sparse = new Map<number, number>(); // counts of buckets from DENSE on
  count = 0;
  private sum = 0;
  private min = Infinity;
  private max = 0;

  add(v: number): void {
    const b = bucketOf(v);
    if (b < this.dense.length) this.dense[b]++;
    else if (b < DENSE) this.grow(b);
    else this.sparse.set(b, (this.sparse.get(b) ?? 0) + 1);
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** The value below which p percent of the samples lie (bucket resolution; clamped to min/max). */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p * this.count) / 100 - 1e-9)); // 99.9% of 1000 is rank 999
    let seen = 0;
    for (const [b, n] of this.sorted()) {
      seen += n;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketValue(b)));
    }
    return this.max;
  }

  summary(): LatencySummary {
    const n = this.count;
    return {
      count: n, min: n ? this.min : null, mean: n ? Math.round(this.sum / n) : null,
      p50: this.percentile(50), p90: this.percentile(90), p99: this.percentile(99), p999: this.percentile(99.9),
      max: n ? this.max : null,
    };
  }

  /** The empirical CDF at bucket resolution: [value, fraction of samples <= value]. */
  cdf(): [number, number][] {
    let seen = 0;
    return this.sorted().map(([b, n]) => {
      seen += n;
      return [Math.min(this.max, Math.max(this.min, bucketValue(b))), seen / this.count];
    });
  }

  /** Makes room for bucket b (< DENSE) and counts it: doubling, so growth is rare. */
  private grow(b: number): void {
    let n = Math.max(256, this.dense.length);
    while (n <= b) n *= 2;
    const d = new Float64Array(Math.min(n, DENSE));
    d.set(this.dense);
    d[b]++;
    this.dense = d;
  }

  /** The non-empty buckets in order, with their counts. */
  private sorted(): [number, number][] {
    const out: [number, number][] = [];
    this.dense.forEach((n, b) => { if (n > 0) out.push([b, n]); });
    return out.concat([...this.sparse.entries()].sort((a, b) => a[0] - b[0]));
  }
}

/** A summary of a list of samples (ns). */
export function summarize(samples: Iterable<number>): LatencySummary {
  const h = new Histogram();
  for (const v of samples) h.add(v);
  return h.summary();
}
