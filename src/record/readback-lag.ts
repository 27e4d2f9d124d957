// Read-back lag (a write's completion -> the read-back of its last page done) in bounded
// memory: a log histogram with 64 buckets per power of two (percentiles within 1.1%), and the
// exact maximum.
const PER_OCTAVE = 64;

export interface LagFigures { readonly p50: number; readonly p99: number; readonly max: number }

export class LagStats {
  private readonly buckets = new Map<number, number>();
  private n = 0;
  private maxNs = 0;

  add(ns: number): void {
    const v = Math.max(1, ns);
    const b = Math.floor(Math.log2(v) * PER_OCTAVE);
    this.buckets.set(b, (this.buckets.get(b) ?? 0) + 1);
    this.n++;
    this.maxNs = Math.max(this.maxNs, ns);
  }

  get count(): number {
    return this.n;
  }

  /** The q-quantile (0..1), as the middle of its bucket in whole ns; 0 when empty. */
  quantile(q: number): number {
    if (this.n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (const b of [...this.buckets.keys()].sort((x, y) => x - y)) {
      seen += this.buckets.get(b)!;
      if (seen >= rank) return Math.min(this.maxNs, Math.round(2 ** ((b + 0.5) / PER_OCTAVE)));
    }
    return this.maxNs;
  }

  figures(): LagFigures {
    return { p50: this.quantile(0.5), p99: this.quantile(0.99), max: this.maxNs };
  }
}
