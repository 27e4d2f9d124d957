// struct blk_io_trace (v7) / blk_io_trace2 (v8) as decoded records, with the kernel's names
// (include/uapi/linux/blktrace_api.h): action codes __BLK_TA_*, categories BLK_TC_*, notify BLK_TN_*.
// u64 fields (time, sector) stay bigint: timestamps are CLOCK_MONOTONIC ns and pass 2^53 after
// 104 days of uptime, and printing must reproduce every digit blkparse prints.

export const BLK_IO_TRACE_MAGIC = 0x65617400;
export const BLK_IO_TRACE_VERSION = 7;
export const BLK_IO_TRACE2_VERSION = 8;
export const V7_HEADER_SIZE = 48;
export const V8_HEADER_SIZE = 64;

/** Action codes (action & 0xff). */
export const BLK_TA = {
  QUEUE: 1, BACKMERGE: 2, FRONTMERGE: 3, GETRQ: 4, SLEEPRQ: 5, REQUEUE: 6, ISSUE: 7, COMPLETE: 8,
  PLUG: 9, UNPLUG_IO: 10, UNPLUG_TIMER: 11, INSERT: 12, SPLIT: 13, BOUNCE: 14, REMAP: 15,
  ABORT: 16, DRV_DATA: 17, ZONE_PLUG: 18, ZONE_UNPLUG: 19,
} as const;

/** Notify codes (with the NOTIFY category). */
export const BLK_TN = { PROCESS: 0, TIMESTAMP: 1, MESSAGE: 2 } as const;

/** Flag in the low 16 bits: an 8-byte cgroup id starts the payload. */
export const BLK_TA_CGROUP = 0x100;

/** Category bit numbers n; the bit in `action` is 16 + n. */
export const BLK_TC = {
  READ: 0, WRITE: 1, FLUSH: 2, SYNC: 3, QUEUE: 4, REQUEUE: 5, ISSUE: 6, COMPLETE: 7, FS: 8, PC: 9,
  NOTIFY: 10, AHEAD: 11, META: 12, DISCARD: 13, DRV_DATA: 14, FUA: 15,
} as const;
export type BlkCategory = keyof typeof BLK_TC;

/** BLK_TC_ACT(): the category's bit in the 32-bit action word. */
export const tcAct = (n: number): number => (0x10000 << n) >>> 0;

export const BLK_TN_PROCESS = (tcAct(BLK_TC.NOTIFY) | BLK_TN.PROCESS) >>> 0;
export const BLK_TN_TIMESTAMP = (tcAct(BLK_TC.NOTIFY) | BLK_TN.TIMESTAMP) >>> 0;
export const BLK_TN_MESSAGE = (tcAct(BLK_TC.NOTIFY) | BLK_TN.MESSAGE) >>> 0;

export interface BlkRecord {
  readonly version: number;   // 7 or 8 (other versions are counted and skipped)
  readonly sequence: number;
  readonly time: bigint;      // ns, trace clock (not yet relative to genesis)
  readonly sector: bigint;    // 512-byte units
  readonly bytes: number;
  /** v7 action word; for v8 the low 32 bits of the 64-bit action (same layout). */
  readonly action: number;
  /** v8 only: bits 32..63 of the action (zone and write-zeroes categories); 0 for v7. */
  readonly actionHigh: number;
  readonly pid: number;
  readonly device: number;    // kernel dev_t: major << 20 | minor
  readonly cpu: number;
  readonly error: number;     // u16 as stored (a negative errno's low 16 bits)
  readonly pdu: Uint8Array;   // pdu_len bytes (cgroup id first if flagged)
  /** Byte offset of the record in its input (for messages naming where a problem is). */
  readonly offset: number;
}

export const actionCode = (r: BlkRecord): number => r.action & 0xffff;
export const hasCategory = (r: BlkRecord, n: number): boolean => (r.action & tcAct(n)) !== 0;
export const isNotify = (r: BlkRecord): boolean => hasCategory(r, BLK_TC.NOTIFY);
export const devMajor = (dev: number): number => dev >>> 20;
export const devMinor = (dev: number): number => dev & 0xfffff;
export const makeDev = (major: number, minor: number): number => ((major << 20) | minor) >>> 0;

/** Category names present in an action word, in bit order (for JSON and filters). */
export function categoryNames(action: number): BlkCategory[] {
  return (Object.keys(BLK_TC) as BlkCategory[]).filter((k) => (action & tcAct(BLK_TC[k])) !== 0);
}
