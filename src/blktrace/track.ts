// blkparse -t (track individual I/Os), as blkparse documents and behaves: one entry per start
// sector and device. G records the allocation time, I the insert time (and prints G->I), D
// prints I->D, C prints D->C and drops the entry; on md/dm majors (9, 253) Q stands in for D,
// so C prints Q->C. A time of 0 counts as "not seen" (blkparse's own convention), and the
// differences are u64 like blkparse's. The first pid to touch a sector without a PROCESS name
// gets the name "unknown", which later lines then print.
import type { ProcessNames } from './process-names';

interface Track { pid: number; sector: bigint; alloc: bigint; queue: bigint; dispatch: bigint }

/** One blkparse device's table; `dev` is its dev_t as blkparse knows it (0 in file mode). */
export interface TrackDev { readonly dev: number; readonly tracks: Map<bigint, Track> }
export const trackDev = (dev: number): TrackDev => ({ dev, tracks: new Map() });

export interface TrackWaits {
  /** -s: the longest G->I, I->D, D->C wait per pid owning the entry, [read, write]. */
  wait(pid: number, kind: 'allocation' | 'dispatch' | 'completion', write: boolean, ns: bigint): void;
}

const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);

export class IoTracker {
  constructor(private readonly names: ProcessNames, private readonly err: (s: string) => void,
    private readonly verbose: boolean, private readonly waits: TrackWaits | null) {}

  private find(d: TrackDev, pid: number, sector: bigint): Track {
    const t = d.tracks;
    let e = t.get(sector);
    if (!e) {
      this.names.getOrUnknown(pid);
      e = { pid, sector, alloc: 0n, queue: 0n, dispatch: 0n };
      t.set(sector, e);
    }
    return e;
  }

  private missing(what: string, dev: number, sector: bigint): void {
    if (this.verbose) this.err(`${what} not found for (${dev >>> 20},${dev & 0xfffff}): ${sector}\n`);
  }

  getrq(d: TrackDev, pid: number, sector: bigint, time: bigint): void {
    this.find(d, pid, sector).alloc = time;
  }

  /** Q on a remapper: Q->C is the interesting cycle there, so Q's time stands for dispatch. */
  queue(d: TrackDev, pid: number, sector: bigint, time: bigint): void {
    const major = d.dev >>> 20;
    if (major === 253 || major === 9) this.find(d, pid, sector).dispatch = time;
  }

  frontMerge(d: TrackDev, sector: bigint, nsect: bigint): void {
    const t = d.tracks;
    const dev = d.dev;
    const e = t.get(sector + nsect);
    if (!e) { this.missing('merge', dev, sector + nsect); return; }
    t.delete(e.sector);
    e.sector -= nsect;
    if (t.has(e.sector)) { this.err(`sector alias (${e.sector}) on device ${dev >>> 20},${dev & 0xfffff}!\n`); return; }
    t.set(e.sector, e);
  }

  insert(d: TrackDev, pid: number, sector: bigint, time: bigint, write: boolean): bigint | null {
    const e = this.find(d, pid, sector);
    e.queue = time;
    if (!e.alloc) return null;
    const ns = u64(e.queue - e.alloc);
    this.waits?.wait(e.pid, 'allocation', write, ns);
    return ns;
  }

  issue(d: TrackDev, sector: bigint, time: bigint, write: boolean, fs: boolean): bigint | null {
    if (!fs) return null;
    const e = d.tracks.get(sector);
    if (!e) { this.missing('issue', d.dev, sector); return null; }
    e.dispatch = time;
    const ns = u64(e.dispatch - e.queue);
    this.waits?.wait(e.pid, 'dispatch', write, ns);
    return ns;
  }

  complete(d: TrackDev, sector: bigint, time: bigint, write: boolean): bigint | null {
    const t = d.tracks;
    const e = t.get(sector);
    if (!e) { this.missing('complete', d.dev, sector); return null; }
    const ns = u64(time - e.dispatch);
    this.waits?.wait(e.pid, 'completion', write, ns);
    t.delete(sector);
    return ns;
  }
}
