// The histogram's storage (an array for the common buckets, a map above 2^37 ns) against the
// plain map of every non-empty bucket it replaced: the same summary and CDF for any samples.
import fc from 'fast-check';
import { Histogram, bucketOf, bucketValue } from '../../src/latency/histogram';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1e9);

/** The former storage: one map entry per non-empty bucket, percentiles and CDF from its sorted entries. */
class MapHistogram {
  private readonly buckets = new Map<number, number>();
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = 0;
  add(v: number): void {
    const b = bucketOf(v);
    this.buckets.set(b, (this.buckets.get(b) ?? 0) + 1);
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
  private sorted(): [number, number][] { return [...this.buckets.entries()].sort((a, b) => a[0] - b[0]); }
  private clamp(b: number): number { return Math.min(this.max, Math.max(this.min, bucketValue(b))); }
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p * this.count) / 100 - 1e-9));
    let seen = 0;
    for (const [b, n] of this.sorted()) {
      seen += n;
      if (seen >= rank) return this.clamp(b);
    }
    return this.max;
  }
  summary(): object {
    const n = this.count;
    return { count: n, min: n ? this.min : null, mean: n ? Math.round(this.sum / n) : null, p50: this.percentile(50),
      p90: this.percentile(90), p99: this.percentile(99), p999: this.percentile(99.9), max: n ? this.max : null };
  }
  cdf(): [number, number][] {
    let seen = 0;
    return this.sorted().map(([b, n]) => { seen += n; return [this.clamp(b), seen / this.count]; });
  }
}

// samples across every storage region: exact buckets, the array (and its growth), the map
const sample = fc.oneof(
  fc.integer({ min: 0, max: 127 }),
  fc.integer({ min: 128, max: 2 ** 20 }),
  fc.integer({ min: 2 ** 20, max: 2 ** 37 - 1 }),
  fc.integer({ min: 2 ** 37, max: 2 ** 45 }),
  fc.double({ min: 0, max: 2 ** 38, noNaN: true }),
);

describe(`histogram storage (fast-check seed ${seed})`, () => {
  test('summary and CDF equal those of the plain bucket map', () => {
    fc.assert(fc.property(fc.array(sample, { maxLength: 300 }), (xs) => {
      const h = new Histogram();
      const ref = new MapHistogram();
      for (const x of xs) { h.add(x); ref.add(x); }
      expect(h.summary()).toEqual(ref.summary());
      expect(h.cdf()).toEqual(ref.cdf());
      expect(h.count).toBe(xs.length);
    }), { seed, numRuns: 500 });
  });

  test('bucketOf equals its general formula (msb, then the 1/64 step) for any value', () => {
    const general = (v: number): number => {
      const x = Math.max(0, Math.floor(v));
      if (x < 128) return x;
      const m = Math.floor(Math.log2(x)) - (2 ** Math.floor(Math.log2(x)) > x ? 1 : 0);
      return 128 + (m - 7) * 64 + (Math.floor(x / 2 ** (m - 6)) - 64);
    };
    fc.assert(fc.property(sample, (v) => bucketOf(v) === general(v)), { seed, numRuns: 5000 });
    for (let k = 7; k <= 40; k++) {
      for (const v of [2 ** k - 1, 2 ** k, 2 ** k + 1]) expect(bucketOf(v)).toBe(general(v));
    }
  });

  test('the bucket below 2^37 and the one at it land in order, each counted once', () => {
    const h = new Histogram();
    [2 ** 37, 2 ** 37 - 1, 5, 2 ** 37].forEach((x) => h.add(x));
    expect(h.cdf().map(([, f]) => f)).toEqual([1 / 4, 2 / 4, 1]);
  });
});
