// The kernel counters the captured-contents rules read from each stat sample: notify_free
// (io_stat), miss_free (debug_stat) and the write I/O count of stat, at the sample's time.
import { statValue } from '../../device/stat-columns';
import type { StatSample } from '../../record/sampler';

export interface SampleCounters {
  readonly ts: bigint;
  readonly label: string;
  readonly notifyFree: number;
  readonly missFree: number;
  readonly writeIos: number;
}

export function sampleCounters(samples: readonly StatSample[]): SampleCounters[] {
  return samples.map((s) => ({
    ts: BigInt(s.ts), label: s.label,
    notifyFree: statValue('io_stat', s.ioStat, 'notify_free'),
    missFree: statValue('debug_stat', s.debugStat, 'miss_free'),
    writeIos: statValue('stat', s.stat, 'write_ios'),
  }));
}

/** The sample interval `t` falls in: i such that samples[i-1].ts < t <= samples[i].ts (0 before
 * the first sample), samples.length after the last. */
export function intervalOf(samples: readonly SampleCounters[], t: bigint): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].ts < t) lo = mid + 1; else hi = mid;
  }
  return lo;
}
