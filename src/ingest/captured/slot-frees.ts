// Swap slot frees, which issue no bio (zram's swap_slot_free_notify), inferred from what the
// bundle shows (traces/README.md, "Captured contents and swap"):
// - a workload process's read of the device is a swap-in of a page with swap count 1, whose slot
//   is freed right after the read completes (SWP_SYNCHRONOUS_IO); swapoff's reads likewise;
// - a release lists the slots a process gave up between t0 and t1, in the kernel's order: they
//   are spread over that window, each before the next bio that writes its slot again.
// A free is `busy` (miss_free: the slot lock was held, nothing freed) only where the kernel's
// miss_free grew in that sample interval and a capture read of the slot overlapped the free.
import { PAGE_SIZE, SECTOR_SIZE } from '../../units';
import type { BioSpan } from '../bio-timeline';
import type { Captures } from './captures';
import { firstChangeFrom, type PageWrites } from './page-writes';
import { intervalOf, type SampleCounters } from './sample-counters';
import { freeingRead, type SwapOps } from './swap-ops';

export type FreeSource = 'swapIn' | 'release' | 'swapoff';

export interface InferredFree {
  readonly slot: number;
  readonly at: bigint;       // where the event is placed
  readonly lo: bigint;       // the window in which the kernel freed it
  readonly hi: bigint;
  readonly source: FreeSource;
  readonly after: number;    // bioId of the read it follows; -1 for releases
  readonly rank: number;     // order within its read or release
  busy: boolean;
}

function readFrees(bios: readonly BioSpan[], swap: SwapOps, caps: Captures, out: InferredFree[]): void {
  for (const b of bios) {
    if (b.c === null || caps.bios.has(b.bioId)) continue;
    const source = freeingRead(swap, b);
    if (!source) continue;
    const first = Math.floor((b.sector * SECTOR_SIZE) / PAGE_SIZE);
    const n = Math.floor(b.bytes / PAGE_SIZE);
    for (let i = 0; i < n; i++) {
      out.push({ slot: first + i, at: b.c, lo: b.c, hi: b.c, source, after: b.bioId, rank: i, busy: false });
    }
  }
}

function releaseFrees(bios: readonly BioSpan[], swap: SwapOps, writes: PageWrites, out: InferredFree[]): void {
  for (const r of swap.releases) {
    const { t0, t1 } = r;
    const n = BigInt(r.slots.length);
    r.slots.forEach((slot, k) => {
      let at = t0 + ((t1 - t0) * BigInt(k + 1)) / (n + 1n);
      const next = firstChangeFrom(writes, bios, slot, t0);
      if (next && next.q <= at) at = next.q - 1n; // the slot was free before it was written again
      out.push({ slot, at, lo: t0, hi: next && next.q - 1n < t1 ? next.q - 1n : t1, source: 'release', after: -1,
        rank: k, busy: false });
    });
  }
}

/** Marks frees busy where miss_free grew: per interval, at most its growth, in time order. */
function markBusy(frees: InferredFree[], caps: Captures, samples: readonly SampleCounters[]): void {
  const byInterval = new Map<number, InferredFree[]>();
  for (const f of frees) {
    const held = caps.byPage.get(f.slot)?.some((c) => c.q <= f.hi && c.c >= f.lo);
    if (!held) continue;
    const i = intervalOf(samples, f.at);
    if (i === 0 || i >= samples.length) continue; // no miss_free growth to go by
    const l = byInterval.get(i);
    if (l) l.push(f); else byInterval.set(i, [f]);
  }
  for (const [i, l] of byInterval) {
    const grew = samples[i].missFree - samples[i - 1].missFree;
    for (const f of l.slice(0, Math.max(0, grew))) f.busy = true;
  }
}

/** Every inferred free, in time order (ties: the read or release order). */
export function inferSlotFrees(bios: readonly BioSpan[], swap: SwapOps, caps: Captures, writes: PageWrites,
  samples: readonly SampleCounters[]): InferredFree[] {
  const out: InferredFree[] = [];
  readFrees(bios, swap, caps, out);
  releaseFrees(bios, swap, writes, out);
  out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.after - b.after || a.rank - b.rank));
  markBusy(out, caps, samples);
  return out;
}
