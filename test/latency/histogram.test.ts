// The latency histogram: percentiles within 1/64 of the exact order statistic.
import fc from 'fast-check';
import { Histogram, bucketOf, bucketValue } from '../../src/latency/histogram';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1e9);

describe(`histogram (fast-check seed ${seed})`, () => {
  test('bucket values lie within 1/64 of every value of the bucket', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (v) => {
      const rep = bucketValue(bucketOf(v));
      return Math.abs(rep - v) <= v / 64 + 0.5;
    }), { seed, numRuns: 5000 });
  });

  test('buckets are monotonic in the value', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (a, b) =>
      (a <= b ? bucketOf(a) <= bucketOf(b) : bucketOf(a) >= bucketOf(b))), { seed, numRuns: 5000 });
  });

  test('percentiles match the exact order statistics within the bucket error', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 400 }), (xs) => {
      const h = new Histogram();
      xs.forEach((x) => h.add(x));
      const sorted = [...xs].sort((a, b) => a - b);
      for (const p of [50, 90, 99, 99.9]) {
        const exact = sorted[Math.max(1, Math.ceil((p * xs.length) / 100 - 1e-9)) - 1];
        if (Math.abs(h.percentile(p)! - exact) > exact / 64 + 0.5) return false;
      }
      const s = h.summary();
      return s.min === sorted[0] && s.max === sorted.at(-1) && s.count === xs.length;
    }), { seed, numRuns: 300 });
  });

  test('an empty set has a count of 0 and nulls, not zeros', () => {
    expect(new Histogram().summary()).toEqual({ count: 0, min: null, mean: null, p50: null, p90: null, p99: null,
      p999: null, max: null });
  });

  test('nearest rank: the 99.9th of 1..1000 is 999, below 128 ns exactly', () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.add(i);
    expect(Math.abs(h.percentile(50)! - 500)).toBeLessThanOrEqual(500 / 64);
    expect(Math.abs(h.percentile(99.9)! - 999)).toBeLessThanOrEqual(999 / 64);
    const small = new Histogram();
    for (let i = 1; i <= 100; i++) small.add(i);
    expect([50, 90, 99, 99.9].map((p) => small.percentile(p))).toEqual([50, 90, 99, 100]);
  });

  test('the CDF ends at 1 and never decreases', () => {
    const h = new Histogram();
    [5, 5, 100, 1000, 123456, 9].forEach((x) => h.add(x));
    const c = h.cdf();
    expect(c.at(-1)![1]).toBe(1);
    expect(c.every((p, i) => i === 0 || (p[0] > c[i - 1][0] && p[1] > c[i - 1][1]))).toBe(true);
    expect(c[0]).toEqual([5, 2 / 6]);
  });
});
