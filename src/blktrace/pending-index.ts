// Pending Qs (or Ds) awaiting their completion, indexed by sector so that a completion looks
// only at entries near its range: one scan over every pending entry per C made a trace with
// 100k never-completed Qs quadratic. Each entry is filed under every bucket of BUCKET_SECTORS
// its range touches (a zero-length one under the bucket of its sector); a completion visits the
// buckets of its own range, so its cost is the number of entries nearby, not all of them.

const BUCKET_SECTORS = 256; // 128 KiB: a 1 MiB bio sits in at most 9 buckets

export interface Pending<Op = string> {
  readonly time: bigint; readonly start: bigint; readonly end: bigint; readonly op: Op; left: bigint;
}

interface Entry<Op> { readonly p: Pending<Op>; readonly id: number }

/** The buckets of [start, end) as plain numbers, each once. Counted in bigint: sectors of a
 * damaged trace may reach 2^64, where a float loop counter stops advancing; past 2^53 nearby
 * buckets can share a number, which only costs a look at more entries, as overlap is exact. */
function bucketsOf(start: bigint, end: bigint): number[] {
  const size = BigInt(BUCKET_SECTORS);
  const last = end > start ? (end - 1n) / size : start / size;
  const out: number[] = [];
  for (let b = start / size; b <= last; b++) {
    const n = Number(b);
    if (out[out.length - 1] !== n) out.push(n);
  }
  return out;
}

/** Bucket number -> entries. A plain array for the usual bucket numbers: a Map holding tens of
 * thousands of buckets (100k never-completed Qs) made every lookup several times slower. */
class Buckets<Op> {
  private static readonly DENSE = 1 << 24;
  private readonly dense: (Entry<Op>[] | undefined)[] = [];
  private readonly sparse = new Map<number, Entry<Op>[]>();
  get(b: number): Entry<Op>[] | undefined { return b >= 0 && b < Buckets.DENSE ? this.dense[b] : this.sparse.get(b); }
  set(b: number, l: Entry<Op>[]): void { if (b >= 0 && b < Buckets.DENSE) this.dense[b] = l; else this.sparse.set(b, l); }
  delete(b: number): void { if (b >= 0 && b < Buckets.DENSE) this.dense[b] = undefined; else this.sparse.delete(b); }
}

export class PendingIndex<Op = string> {
  private readonly devices = new Map<number, Buckets<Op>>();
  private nextId = 0;
  private count = 0;
  /** How many entries the last take() overlapped, completed or not. */
  touched = 0;

  get size(): number { return this.count; }

  add(dev: number, p: Pending<Op>): void {
    const e = { p, id: this.nextId++ };
    let m = this.devices.get(dev);
    if (!m) this.devices.set(dev, (m = new Buckets()));
    for (const b of bucketsOf(p.start, p.end)) {
      const l = m.get(b);
      if (l) l.push(e); else m.set(b, [e]);
    }
    this.count++;
  }

  /** Applies a completion of [start, end): every pending entry it overlaps loses the overlap
   * (a split bio completes piece by piece); entries with nothing left are removed and returned,
   * oldest first. A zero-byte completion finishes the oldest zero-byte entry at its sector. */
  take(dev: number, start: bigint, end: bigint): Pending<Op>[] {
    this.touched = 0;
    const m = this.devices.get(dev);
    if (!m) return [];
    const buckets = bucketsOf(start, end);
    const seen = buckets.length === 1 ? null : new Set<Entry<Op>>(); // one bucket holds an entry once
    const hit: Entry<Op>[] = [];
    let zero: Entry<Op> | null = null;
    for (const b of buckets) {
      const l = m.get(b);
      if (!l) continue;
      for (const e of l) {
        if (seen) { if (seen.has(e)) continue; seen.add(e); }
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
    if (hit.length > 1) hit.sort((a, b) => a.id - b.id);
    for (const e of hit) this.remove(m, e);
    return hit.map((e) => e.p);
  }

  private remove(m: Buckets<Op>, e: Entry<Op>): void {
    for (const b of bucketsOf(e.p.start, e.p.end)) {
      const l = m.get(b)!;
      const i = l.indexOf(e);
      if (i >= 0) l.splice(i, 1);
      if (l.length === 0) m.delete(b);
    }
    this.count--;
  }
}
