// One of sw842_compress's three lookup tables (8-, 4- and 2-byte values): a fixed array of
// nodes, node i standing for ring position i, chained into hash buckets by value. Re-adding a
// node unlinks it and puts it at the head of its bucket, and a lookup returns the first node
// holding the value, i.e. the most recently added one (the kernel's hash_add/hash_del and
// hash_for_each_possible). The bucket function only spreads values: any function gives the
// same answers, because a lookup compares values and equal values share a bucket.

export class SlotTable {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly bucket: Int32Array; // -1: node not in the table
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly mask: number;

  constructor(slots: number, bucketBits: number) {
    this.head = new Int32Array(1 << bucketBits);
    this.next = new Int32Array(slots);
    this.prev = new Int32Array(slots);
    this.bucket = new Int32Array(slots);
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.mask = (1 << bucketBits) - 1;
    this.reset();
  }

  /** hash_init and fresh nodes: nothing is in the table. */
  reset(): void {
    this.head.fill(-1);
    this.bucket.fill(-1);
  }

  // shifts and xors only: Math.* calls are not inlined under Jest and cost far more there
  private hash(hi: number, lo: number): number {
    return (lo ^ (lo >>> 9) ^ (lo >>> 19) ^ hi ^ (hi >>> 7) ^ (hi >>> 21)) & this.mask;
  }

  /** The node holding (hi, lo) that was added last, or -1. */
  find(hi: number, lo: number): number {
    for (let n = this.head[this.hash(hi, lo)]; n >= 0; n = this.next[n]) {
      if (this.lo[n] === lo && this.hi[n] === hi) return n;
    }
    return -1;
  }

  /** Node `slot` now holds (hi, lo): unlinked from where it was, added at its bucket's head. */
  replace(slot: number, hi: number, lo: number): void {
    const old = this.bucket[slot];
    if (old >= 0) {
      const p = this.prev[slot];
      const n = this.next[slot];
      if (p >= 0) this.next[p] = n; else this.head[old] = n;
      if (n >= 0) this.prev[n] = p;
    }
    const b = this.hash(hi, lo);
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.bucket[slot] = b;
    this.prev[slot] = -1;
    this.next[slot] = this.head[b];
    if (this.head[b] >= 0) this.prev[this.head[b]] = slot;
    this.head[b] = slot;
  }
}
