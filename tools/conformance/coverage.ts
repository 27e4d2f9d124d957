// What a run actually exercised, read from device A's texts before and after each op, so a
// "0 mismatches" can be judged (did huge stores, compaction, mem_limit failures happen?).
import { OpResult } from './apply';
import { mmStatNumbers, Snapshot } from './snapshot';

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

const ioStat = (s: Snapshot) => s.io_stat.trim().split(/\s+/).map(Number);

export function addCoverage(c: Coverage, before: Snapshot, after: Snapshot, result: OpResult, asked?: number): void {
  const [m0, m1] = [mmStatNumbers(before), mmStatNumbers(after)];
  const [i0, i1] = [ioStat(before), ioStat(after)];
  if (before.initstate.trim() === '1' && after.initstate.trim() === '0') {
    c.resets++;
    return; // counters were zeroed: deltas mean nothing
  }
  c.hugeStores += Math.max(0, m1[8] - m0[8]);
  if (m1[5] > m0[5]) c.sameStores++;
  c.compactedPages += Math.max(0, m1[6] - m0[6]);
  c.failedWriteBios += Math.max(0, i1[1] - i0[1]);
  c.notifyFree += Math.max(0, i1[3] - i0[3]);
  if (result.ok && asked !== undefined && typeof result.value === 'number' && result.value < asked) c.shortWrites++;
}
