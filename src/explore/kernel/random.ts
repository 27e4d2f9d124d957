// A small seeded generator (mulberry32) for the kernel check's start offsets and gaps: the
// seed is printed, so a run's delays can be given again.
import { mulberry32 } from '../../content/prng';

export const rng = mulberry32;

/** Spreads (ns) a run's offsets and gaps are drawn within: from all at once to far apart, so
 * that both tight races and clean orders occur. */
const SPREADS = [0, 5_000, 20_000, 100_000, 500_000, 2_000_000, 10_000_000];

export function runDelays(next: () => number, threads: readonly number[], run: number):
  { run: number; startNs: number; gapsNs: number[] }[] {
  const spread = SPREADS[Math.floor(next() * SPREADS.length)];
  return threads.map((calls) => ({
    run,
    startNs: Math.floor(next() * spread),
    gapsNs: Array.from({ length: calls }, () => Math.floor((next() * spread) / 4)),
  }));
}
