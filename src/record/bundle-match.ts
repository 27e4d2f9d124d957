// Ties a trace's write Q records to the requests the recorder issued (ops.jsonl): same range
// (a request may have been split into several bios) and a Q time inside the request's
// CLOCK_MONOTONIC window [t0, t1]. Workload threads never share a slot, so at most one request
// can match; anything else means the bundle is inconsistent and is reported, not guessed.
import type { BioInfo } from '../ingest';
import { PAGE_SIZE, SECTOR_SIZE } from '../units';
import type { IoEntry } from './oplog';

interface Window { readonly e: IoEntry; readonly t0: bigint; readonly t1: bigint }

export class RequestMatcher {
  private readonly wins: Window[];
  private readonly maxSpan: bigint;

  constructor(entries: readonly IoEntry[], ops: readonly IoEntry['op'][]) {
    this.wins = entries.filter((e) => ops.includes(e.op)).map((e) => ({ e, t0: BigInt(e.t0), t1: BigInt(e.t1) }))
      .sort((a, b) => (a.t0 < b.t0 ? -1 : a.t0 > b.t0 ? 1 : 0));
    this.maxSpan = this.wins.reduce((m, w) => (w.t1 - w.t0 > m ? w.t1 - w.t0 : m), 0n);
  }

  /** The request a bio belongs to; throws when none or several fit. */
  match(bio: BioInfo): IoEntry {
    const start = bio.sector * SECTOR_SIZE;
    const end = start + bio.bytes;
    const found: IoEntry[] = [];
    let i = this.lastStartingBefore(bio.time);
    for (; i >= 0 && this.wins[i].t0 >= bio.time - this.maxSpan; i--) {
      const w = this.wins[i];
      if (w.t1 >= bio.time && w.e.off <= start && end <= w.e.off + w.e.len) found.push(w.e);
    }
    if (found.length !== 1) {
      throw new Error(`bio ${bio.bioId} (${bio.op} ${bio.bytes} bytes at sector ${bio.sector}, time ${bio.time}): ` +
        `${found.length === 0 ? 'no recorded request' : `${found.length} recorded requests`} fit it`);
    }
    return found[0];
  }

  private lastStartingBefore(t: bigint): number {
    let lo = 0;
    let hi = this.wins.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.wins[mid].t0 <= t) lo = mid + 1; else hi = mid;
    }
    return lo - 1;
  }
}

/** Page `i` of a bio, as the store number of the request's page it covers. */
export function requestPage(e: IoEntry, bio: BioInfo, i: number): number {
  const k = (bio.sector * SECTOR_SIZE - e.off) / PAGE_SIZE + i;
  if (!e.pages || k >= e.pages.length) throw new Error(`bio ${bio.bioId}: page ${i} is outside request at ${e.off}`);
  return e.pages[k];
}
