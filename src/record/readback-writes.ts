// Which trace records call for a read-back: a completed write bio (C with the WRITE category,
// not a discard, no error, some bytes) by a task that is not one of the recorder's own I/O
// threads. v7 traces show write-zeroes (BLKZEROOUT, mkfs) as plain writes: they are read back
// too, and ingest decides from the kernel's counters what they were.
import { actionCode, BLK_TA, BLK_TC, BlkRecord, hasCategory, isNotify } from '../blktrace/record';

export interface CompletedWrite {
  readonly off: number;    // bytes
  readonly len: number;
  readonly c: bigint;      // completion time (trace clock = CLOCK_MONOTONIC ns)
  readonly pid: number;
}

export function completedWrite(r: BlkRecord, ownPids: ReadonlySet<number>): CompletedWrite | null {
  if (isNotify(r) || (actionCode(r) & 0xff) !== BLK_TA.COMPLETE) return null; // 0x100: cgroup flag
  if (!hasCategory(r, BLK_TC.WRITE) || hasCategory(r, BLK_TC.DISCARD)) return null;
  if (r.error !== 0 || r.bytes === 0 || ownPids.has(r.pid)) return null;
  return { off: Number(r.sector) * 512, len: r.bytes, c: r.time, pid: r.pid };
}
