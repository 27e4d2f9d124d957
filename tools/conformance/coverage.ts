// What a run actually exercised, read from device A's texts before and after each op, so a
// "0 mismatches" can be judged (did huge stores, compaction, mem_limit failures happen?).
import { OpResult } from './apply';
import { Snapshot, snapshotStats } from './snapshot';

export interface Coverage {
  hugeStores: number;       // huge_pages_since increments
  sameStores: number;       // ops that raised same_pages
  compactedPages: number;   // pages_compacted increments
  failedWriteBios: number;  // io_stat failed_writes increments (mem_limit)
  notifyFree: number;       // io_stat notify_free increments (discard / write-zeroes pages)
  shortWrites: number;      // writes that returned fewer bytes than asked
  resets: number;           // successful resets of an initialised device
}

export function emptyCoverage(): Coverage {
  return { hugeStores: 0, sameStores: 0, compactedPages: 0, failedWriteBios: 0, notifyFree: 0, shortWrites: 0, resets: 0 };
}

export function addCoverage(c: Coverage, before: Snapshot, after: Snapshot, result: OpResult, asked?: number): void {
  const [s0, s1] = [snapshotStats(before), snapshotStats(after)];
  const [m0, m1, i0, i1] = [s0.mmStat, s1.mmStat, s0.ioStat, s1.ioStat];
  if (before.initstate.trim() === '1' && after.initstate.trim() === '0') {
    c.resets++;
    return; // counters were zeroed: deltas mean nothing
  }
  c.hugeStores += Math.max(0, m1.hugePagesSince - m0.hugePagesSince);
  if (m1.samePages > m0.samePages) c.sameStores++;
  c.compactedPages += Math.max(0, m1.pagesCompacted - m0.pagesCompacted);
  c.failedWriteBios += Math.max(0, i1.failedWrites - i0.failedWrites);
  c.notifyFree += Math.max(0, i1.notifyFree - i0.notifyFree);
  if (result.ok && asked !== undefined && typeof result.value === 'number' && result.value < asked) c.shortWrites++;
}
