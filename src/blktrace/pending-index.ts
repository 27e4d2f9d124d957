// Pending Qs (or Ds) awaiting their completion, indexed by sector so that a completion looks
// only at entries near its range: one scan over every pending entry per C made a trace with
// 100k never-completed Qs quadratic. Each entry is filed under every bucket of BUCKET_SECTORS
// its range touches (a zero-length one under the bucket of its sector); a completion visits the
// buckets of its own range, so its cost is the number of entries nearby, not all of them.

const BUCKET_SECTORS = 256n; // 128 KiB: a 1 MiB bio sits in at most 9 buckets

export interface Pending<Op = string> {
  readonly time: bigint; readonly start: bigint; readonly end: bigint; readonly op: Op; left: bigint;
}

interface Entry<Op> { readonly p: Pending<Op>; readonly id: number }

const bucketKey = (dev: number, b: bigint): string => `${dev}:${b}`;

function bucketsOf(start: bigint, end: bigint): bigint[] {
  const first = start / BUCKET_SECTORS;
  const last = end > start ? (end - 1n) / BUCKET_SECTORS : first;
  const out: bigint[] = [];
  for (let b = first; b <= last; b++) out.push(b);
  return out;
}

export class PendingIndex<Op = string> {
  private readonly buckets = new Map<string, Entry<Op>[]>();
  private nextId = 0;
  private count = 0;
  /** How many entries the last take() overlapped, completed or not. */
  touched = 0;

  get size(): number { return this.count; }

  add(dev: number, p: Pending<Op>): void {
    const e = { p, id: this.nextId++ };
    for (const b of bucketsOf(p.start, p.end)) {
      const k = bucketKey(dev, b);
      const l = this.buckets.get(k);
      if (l) l.push(e); else this.buckets.set(k, [e]);
    }
    this.count++;
  }

  /** Applies a completion of [start, end): every pending entry it overlaps loses the overlap
   * (a split bio completes piece by piece); entries with nothing left are removed and returned,
   * oldest first. A zero-byte completion finishes the oldest zero-byte entry at its sector. */
  take(dev: number, start: bigint, end: bigint): Pending<Op>[] {
    this.touched = 0;
    const seen = new Set<Entry<Op>>();
    const hit: Entry<Op>[] = [];
    let zero: Entry<Op> | null = null;
    for (const b of bucketsOf(start, end)) {
      for (const e of this.buckets.get(bucketKey(dev, b)) ?? []) {
        if (seen.has(e)) continue;
        seen.add(e);
        const p = e.p;
        if (start === end) {
          if (p.start === start && p.end === start && (zero === null || e.id < zero.id)) zero = e;
          continue;
        }
        const lo = p.start > start ? p.start : start;
        const hi = p.end < end ? p.end : end;
        if (hi <= lo) continue;
        p.left -= hi - lo;
        this.touched++;
        if (p.left <= 0n) hit.push(e);
      }
    }
    if (zero) { hit.push(zero); this.touched = 1; }
    hit.sort((a, b) => a.id - b.id);
    for (const e of hit) this.remove(dev, e);
    return hit.map((e) => e.p);
  }

  private remove(dev: number, e: Entry<Op>): void {
    for (const b of bucketsOf(e.p.start, e.p.end)) {
      const k = bucketKey(dev, b);
      const l = this.buckets.get(k)!;
      const i = l.indexOf(e);
      if (i >= 0) l.splice(i, 1);
      if (l.length === 0) this.buckets.delete(k);
    }
    this.count--;
  }
}
