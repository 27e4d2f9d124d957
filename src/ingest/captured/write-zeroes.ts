// Which read-back-all-zero writes were write-zeroes (BLKZEROOUT, REQ_OP_WRITE_ZEROES), which a v7
// trace shows as plain writes. Decided per sample interval from the kernel's counters: stat's
// write I/Os do not count write-zeroes bios, and each of their whole pages adds 1 to notify_free
// (zram-6.18.md §4.5, §4.8). So in an interval with N traced write bios, `stat` growing by W
// means N - W write-zeroes bios, and notify_free growing by F with K frees known otherwise means
// F - K write-zeroes pages; the candidates that give both are taken (the earliest when several do).
import type { BioSpan } from '../bio-timeline';
import { wholePages } from '../bio-timeline';
import { intervalOf, type SampleCounters } from './sample-counters';
import type { WriteZeroesStats } from './stats';
import type { TimedFrees } from './free-check';

export interface ZeroesInputs {
  readonly bios: readonly BioSpan[];
  readonly samples: readonly SampleCounters[];
  readonly candidates: readonly number[];     // bioIds of external writes read back all zero
  readonly knownZeroes: ReadonlySet<number>;  // bioIds the recorder issued as zero-outs
  readonly otherFrees: readonly TimedFrees[]; // slot frees and discards (notify_free without write-zeroes)
}

const SEARCH_BUDGET = 200_000;

/** Indexes into `pages` of `want` items summing to `sum`: the first such choice (earliest items
 * first) and whether another exists; null when none does (or the search budget ran out). */
export function chooseZeroes(pages: readonly number[], want: number, sum: number):
  { pick: number[]; unique: boolean } | null {
  const found: number[][] = [];
  let budget = SEARCH_BUDGET;
  const pick: number[] = [];
  const go = (i: number, left: number, rest: number): void => {
    if (found.length > 1 || budget-- <= 0) return;
    if (left === 0) { if (rest === 0) found.push([...pick]); return; }
    if (pages.length - i < left || rest < 0) return;
    pick.push(i);
    go(i + 1, left - 1, rest - pages[i]);
    pick.pop();
    go(i + 1, left, rest);
  };
  go(0, want, sum);
  return found.length ? { pick: found[0], unique: found.length === 1 } : null;
}

export function inferWriteZeroes(z: ZeroesInputs): { bios: Set<number>; stats: WriteZeroesStats } {
  const { samples, bios } = z;
  const stats: WriteZeroesStats = { inferred: 0, candidates: z.candidates.length, ambiguous: 0, unfit: 0 };
  const chosen = new Set<number>();
  const n = samples.length;
  const writes = new Array<number>(n + 1).fill(0);
  const known = new Array<number>(n + 1).fill(0);
  const freed = new Array<number>(n + 1).fill(0);
  for (const b of bios) {
    if (b.op !== 'write') continue;
    const i = intervalOf(samples, b.q);
    writes[i]++;
    if (z.knownZeroes.has(b.bioId)) { known[i]++; freed[i] += wholePages(b.sector, b.bytes).count; }
  }
  for (const f of z.otherFrees) freed[intervalOf(samples, f.at)] += f.pages;
  const cands = new Map<number, BioSpan[]>();
  for (const id of z.candidates) {
    const i = intervalOf(samples, bios[id].q);
    const l = cands.get(i);
    if (l) l.push(bios[id]); else cands.set(i, [bios[id]]);
  }
  for (let i = 1; i < n; i++) {
    const list = cands.get(i) ?? [];
    const want = writes[i] - (samples[i].writeIos - samples[i - 1].writeIos) - known[i];
    if (want === 0) continue; // notify_free left unexplained shows in the free check
    if (want < 0 || want > list.length) { stats.unfit++; continue; }
    const sum = samples[i].notifyFree - samples[i - 1].notifyFree - freed[i];
    const c = chooseZeroes(list.map((b) => wholePages(b.sector, b.bytes).count), want, sum);
    if (!c) { stats.unfit++; continue; }
    if (!c.unique) stats.ambiguous++;
    for (const k of c.pick) chosen.add(list[k].bioId);
  }
  stats.inferred = chosen.size;
  return { bios: chosen, stats };
}
