// Which bios change each device page: writes (write-zeroes included: the trace shows them as
// writes) and discards, as bioIds in Q order. The race checks of captured contents and the
// placement of released slots look pages up here.
import { PAGE_SIZE, SECTOR_SIZE } from '../../units';
import type { BioSpan } from '../bio-timeline';

export type PageWrites = ReadonlyMap<number, readonly number[]>;

export function pageWrites(bios: readonly BioSpan[]): PageWrites {
  const m = new Map<number, number[]>();
  for (const b of bios) {
    if (b.op !== 'write' && b.op !== 'discard') continue;
    const first = Math.floor((b.sector * SECTOR_SIZE) / PAGE_SIZE);
    const end = Math.ceil((b.sector * SECTOR_SIZE + b.bytes) / PAGE_SIZE);
    for (let x = first; x < end; x++) {
      const l = m.get(x);
      if (l) l.push(b.bioId); else m.set(x, [b.bioId]);
    }
  }
  return m;
}

/** The first bio of `page` queued at or after `t`, or null. */
export function firstChangeFrom(w: PageWrites, bios: readonly BioSpan[], page: number, t: bigint): BioSpan | null {
  const l = w.get(page);
  if (!l) return null;
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bios[l[mid]].q < t) lo = mid + 1; else hi = mid;
  }
  return lo < l.length ? bios[l[lo]] : null;
}
