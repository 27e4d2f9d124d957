// Ties a trace's write Q records to the requests the recorder issued (ops.jsonl): same range
// (a request may have been split into several bios) and a Q time inside the request's
// CLOCK_MONOTONIC window [t0, t1]. Workload threads never share a slot, so at most one request
// can match; anything else means the bundle is inconsistent and is reported, not guessed.
// Capture reads (the recorder's read-backs) are tied the same way and by their pid as well: a
// workload's swap-in of the same page may run at the same time.
import type { BioInfo } from '../ingest';
import { PAGE_SIZE, SECTOR_SIZE } from '../units';
import type { IoEntry } from './oplog';

interface Window { readonly e: IoEntry; readonly t0: bigint; readonly t1: bigint }
/** What the matcher needs of a bio: its range and Q time, and its pid where entries are matched by pid. */
export type BioKey = Pick<BioInfo, 'bioId' | 'op' | 'sector' | 'bytes' | 'time'> & { readonly pid?: number };

export class RequestMatcher {
  private readonly wins: Window[];
  private readonly maxSpan: bigint;

  /** `byPid`: an entry fits only bios of its own pid (capture reads). */
  constructor(entries: readonly IoEntry[], ops: readonly IoEntry['op'][], private readonly byPid = false) {
    this.wins = entries.filter((e) => ops.includes(e.op)).map((e) => ({ e, t0: BigInt(e.t0), t1: BigInt(e.t1) }))
      .sort((a, b) => (a.t0 < b.t0 ? -1 : a.t0 > b.t0 ? 1 : 0));
    this.maxSpan = this.wins.reduce((m, w) => (w.t1 - w.t0 > m ? w.t1 - w.t0 : m), 0n);
  }

  /** The request a bio belongs to; throws when none or several fit. */
  match(bio: BioKey): IoEntry {
    const found = this.candidates(bio);
    if (found.length !== 1) throw this.misfit(bio, found.length);
    return found[0];
  }

  /** The request a bio belongs to, or null when none fits (a bio the recorder did not issue);
   * throws when several fit. */
  find(bio: BioKey): IoEntry | null {
    const found = this.candidates(bio);
    if (found.length > 1) throw this.misfit(bio, found.length);
    return found[0] ?? null;
  }

  private candidates(bio: BioKey): IoEntry[] {
    const start = bio.sector * SECTOR_SIZE;
    const end = start + bio.bytes;
    const found: IoEntry[] = [];
    let i = this.lastStartingBefore(bio.time);
    for (; i >= 0 && this.wins[i].t0 >= bio.time - this.maxSpan; i--) {
      const w = this.wins[i];
      if (this.byPid && w.e.pid !== bio.pid) continue;
      if (w.t1 >= bio.time && w.e.off <= start && end <= w.e.off + w.e.len) found.push(w.e);
    }
    return found;
  }

  private misfit(bio: BioKey, n: number): Error {
    return new Error(`bio ${bio.bioId} (${bio.op} ${bio.bytes} bytes at sector ${bio.sector}, time ${bio.time}): ` +
      `${n === 0 ? 'no recorded request' : `${n} recorded requests`} fit it`);
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
export function requestPage(e: IoEntry, bio: Pick<BioInfo, 'bioId' | 'sector'>, i: number): number {
  const k = (bio.sector * SECTOR_SIZE - e.off) / PAGE_SIZE + i;
  if (!e.pages || k >= e.pages.length) throw new Error(`bio ${bio.bioId}: page ${i} is outside request at ${e.off}`);
  return e.pages[k];
}
