// Events are facts, past tense, one proto message each (proto/zram.proto). The reducer folds
// them; outcomes (errno results, bio status) are computed by the reducer, never stored here.
import type { Bytes, Nanos, PageIndex, Sector } from '../units';

/** Page contents as the reducer sees them: the log stores bytes once per distinct page under
 * `key`; readers resolve the key so the reducer gets the bytes without doing I/O. */
export interface PagePayload {
  readonly key: number;      // content id, unique per distinct 4096-byte content within one log
  readonly data: Uint8Array; // exactly PAGE_SIZE bytes
}

export type BioOp = 'read' | 'write' | 'discard' | 'write_zeroes' | 'flush';
/** A bio that may allocate or free in zsmalloc: any but a read or a flush. When two such bios
 * overlap in time, the order zsmalloc served them in is not in the trace (zram spec §6.10). */
export const allocatesOrFrees = (op: BioOp): boolean => op !== 'read' && op !== 'flush';
/** Who submitted the bio: a process, or memory reclaim (swap-out via rw_page); matters to the
 * metadata-lifetime designs (zram-6.18.md §3). */
export type IoContext = 'process' | 'reclaim';

/** A sysfs attribute zram-ref models as a write. The value is the raw text written. */
export type StoreAttr =
  | 'disksize' | 'comp_algorithm' | 'algorithm_params' | 'mem_limit' | 'mem_used_max'
  | 'compact' | 'idle' | 'reset';

type E<T extends string, D> = Readonly<{ type: T } & D>;

export type ZramEvent =
  /** `echo value > /sys/block/zramN/<attr>` was done (reset is split: see ResetRequested). */
  | E<'AttrStored', { attr: Exclude<StoreAttr, 'reset'>; value: string }>
  /** `echo value > reset` was written: the request; the reducer decides EINVAL/EBUSY or claims. */
  | E<'ResetRequested', { value: string; context: IoContext }>
  /** The reset that was requested last has run to its end (frees meta, clears claim). */
  | E<'ResetCompleted', Record<never, never>>
  /** open(2) / close(2) of the block device. `fd` is the caller's identity for the opener. */
  | E<'DeviceOpened', { fd: number }>
  | E<'DeviceClosed', { fd: number }>
  /** A bio entered the block layer (blktrace Q). For writes, `pages` hold the data, one per 4 KiB. */
  | E<'BioQueued', { bioId: number; op: BioOp; sector: Sector; bytes: Bytes; context: IoContext;
      pages: readonly PagePayload[] }>
  /** The bio with this id completed (blktrace C). zram does its work between Q and C. */
  | E<'BioCompleted', { bioId: number }>
  /** swap_slot_free_notify for one slot; `slotBusy` models a failed trylock (miss_free). */
  | E<'SlotFreeNotified', { index: PageIndex; slotBusy: boolean }>
  /** Reclaim ran this device's zsmalloc shrinker with this scan budget (vmscan tracepoints);
   * `freeable` and `freed` are what the kernel reported, for checking the fold. */
  | E<'ShrinkerScanned', { totalScan: number; freeable: number; freed: number }>
  /** A sample of the real kernel's sysfs texts at this point (for reconciling and diffing). */
  | E<'KernelStatSampled', { mmStat: string; ioStat: string; debugStat: string; stat: string }>;

export type ZramEventType = ZramEvent['type'];

/** An event with its position in the log and its time (trace clock, or 0-based API time). */
export type Recorded<Ev = ZramEvent> = Readonly<{ seq: number; ts: Nanos; event: Ev }>;

/** The log's first record (DESIGN.md decision 1). */
export interface LogHeader {
  readonly formatVersion: number;        // LOG_FORMAT_VERSION when written
  readonly pageSize: number;             // 4096
  readonly kernelSemantics: string;      // 'linux-6.18'
  readonly variant: string;              // metadata-lifetime design: 'claim' | 'refcount' | 'init-lock'
  readonly contentSource: string;        // 'api' | 'exact' | 'synthetic:SPEC' | 'image:FILE'
  readonly provenance: Readonly<Record<string, string>>; // tool, version, host kernel, command...
}
export const LOG_FORMAT_VERSION = 1;
export const KERNEL_SEMANTICS = 'linux-6.18';

export type { Bytes, Nanos, PageIndex, Sector };
