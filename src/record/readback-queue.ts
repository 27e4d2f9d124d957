// The pages waiting to be read back, oldest first. A page written again while it waits keeps
// its place (one read after the last completion serves both writes: the first one's bytes are
// gone anyway). A read takes the oldest page and the waiting pages next to it, up to one bio.
import { PAGE_SIZE } from '../units';

export interface ReadRange {
  readonly page: number;          // first 4 KiB page
  readonly count: number;
  readonly minSeq: number;        // oldest enqueue number among its pages
  readonly writes: readonly number[]; // write numbers whose last waiting page this read takes
}

interface Waiting { readonly seq: number; readonly writes: number[] }

export class PendingPages {
  /** page -> its first enqueue; Map order is enqueue order, so the first entry is the oldest. */
  private readonly waiting = new Map<number, Waiting>();
  /** write number -> pages of it still waiting. */
  private readonly left = new Map<number, number>();
  private seq = 0;
  private writeNo = 0;

  constructor(private readonly diskPages: number) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Last enqueue number handed out (drain waits for everything up to it). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Oldest waiting enqueue number, or Infinity. */
  get oldestSeq(): number {
    for (const w of this.waiting.values()) return w.seq;
    return Infinity;
  }

  /** Queues the pages of [off, off+len) inside the disk; returns the write's number. */
  add(off: number, len: number): number {
    const w = ++this.writeNo;
    const first = Math.floor(off / PAGE_SIZE);
    const end = Math.min(this.diskPages, Math.ceil((off + len) / PAGE_SIZE));
    let n = 0;
    for (let p = first; p < end; p++) {
      const known = this.waiting.get(p);
      if (known) known.writes.push(w);
      else this.waiting.set(p, { seq: ++this.seq, writes: [w] });
      n++;
    }
    if (n > 0) this.left.set(w, n);
    return w;
  }

  /** The next read: the oldest page and its waiting neighbours, at most `maxPages`. */
  take(maxPages: number): ReadRange | null {
    let oldest: number | undefined;
    for (const p of this.waiting.keys()) { oldest = p; break; }
    if (oldest === undefined) return null;
    let lo = oldest;
    let hi = oldest + 1;
    while (hi - lo < maxPages && this.waiting.has(hi)) hi++;
    while (hi - lo < maxPages && this.waiting.has(lo - 1)) lo--;
    let minSeq = Infinity;
    const done: number[] = [];
    for (let p = lo; p < hi; p++) {
      const w = this.waiting.get(p)!;
      this.waiting.delete(p);
      minSeq = Math.min(minSeq, w.seq);
      for (const x of w.writes) {
        const n = this.left.get(x)! - 1;
        if (n === 0) { this.left.delete(x); done.push(x); } else this.left.set(x, n);
      }
    }
    return { page: lo, count: hi - lo, minSeq, writes: done };
  }
}
