// A small seeded PRNG (xoshiro128**, seeded through splitmix32) so every page generator is
// deterministic on every machine: only 32-bit integer arithmetic, no Math.random.

/** splitmix32 step: a good 32-bit mixer, used to derive seeds from (seed, keys...). */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over a string's UTF-16 code units: turns a key such as a category name into a number. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Four splitmix32 outputs fill the state; an all-zero state is impossible in practice
    // but is guarded anyway because xoshiro would then only produce zeros.
    this.a = splitmix32(seed);
    this.b = splitmix32(this.a ^ 0x6a09e667);
    this.c = splitmix32(this.b ^ 0xbb67ae85);
    this.d = splitmix32(this.c ^ 0x3c6ef372);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next uniform unsigned 32-bit integer (xoshiro128**). */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32 (multiply-shift; bias below 2^-20 for page-sized n). */
  below(n: number): number {
    return Math.floor((this.next() / 4294967296) * n);
  }

  /** Uniform integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  fill(dst: Uint8Array, from = 0, to = dst.length): void {
    for (let i = from; i < to; i++) dst[i] = this.next() >>> 24;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A PRNG for one (seed, key, key...) tuple: the same tuple always gives the same stream. */
export function prngFor(seed: number, ...keys: (number | string)[]): Prng {
  let h = splitmix32(seed >>> 0);
  for (const k of keys) h = splitmix32(h ^ (typeof k === 'string' ? hashString(k) : k >>> 0));
  return new Prng(h);
}

/** mulberry32: a small seeded generator of floats in [0, 1) (explorer delays, hostile tests). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
