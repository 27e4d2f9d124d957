// Which traced shrinker runs were this device's. Every zsmalloc pool (every initialised zram
// device, zswap) has its own shrinker, named in the trace only by a hashed pointer. A pointer is
// the device's when the pages its runs freed account for the device's own pages_compacted: in
// every interval between two kernel samples (no reset inside, so one pool) its runs freed no more
// than pages_compacted grew, exactly as much where no `compact` store falls in the interval, and
// at least once more than 0. Pointers with only 0-page runs stay unbound: such runs change nothing
// the samples can see. Pure.
import type { ShrinkerRun } from '../record/shrinker-text';

export interface CompactedSample { readonly ts: bigint; readonly pagesCompacted: number }

export interface ShrinkerBinding {
  readonly ours: ReadonlySet<string>;
  readonly runs: readonly ShrinkerRun[]; // the device's runs, in time order
  readonly foreign: number;              // runs of other pools (or unbound), left out
}

function consistent(runs: readonly ShrinkerRun[], samples: readonly CompactedSample[], stores: readonly bigint[]): boolean {
  let evidence = false;
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1], samples[i]];
    const delta = b.pagesCompacted - a.pagesCompacted;
    if (delta < 0) continue; // a reset between the samples: a new pool, nothing to compare
    const freed = runs.filter((r) => r.ts > a.ts && r.ts <= b.ts).reduce((n, r) => n + r.freed, 0);
    const store = stores.some((t) => t > a.ts && t <= b.ts);
    if (freed > delta || (!store && freed !== delta)) return false;
    if (freed > 0) evidence = true;
  }
  return evidence;
}

export function bindShrinkerRuns(all: readonly ShrinkerRun[], samples: readonly CompactedSample[],
  compactStores: readonly bigint[]): ShrinkerBinding {
  const byPointer = new Map<string, ShrinkerRun[]>();
  for (const r of all) byPointer.set(r.shrinker, [...(byPointer.get(r.shrinker) ?? []), r]);
  const ours = new Set<string>();
  for (const [p, runs] of byPointer) if (consistent(runs, samples, compactStores)) ours.add(p);
  const runs = all.filter((r) => ours.has(r.shrinker));
  return { ours, runs, foreign: all.length - runs.length };
}
