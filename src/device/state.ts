// The device state one fold owns. Mutated in place by the handlers for speed (a 1 GiB device
// has 262,144 slots); only observe() results and outcomes leave the fold.
import type { KernelConfig } from '../compress/profile';
import type { CompAlgorithm, CompParams, Compressor } from '../compress/types';
import { DEFAULT_COMP_ALGORITHM } from '../compress/types';
import type { ZramEvent } from '../events/types';
import type { ZsPool } from '../zsmalloc/types';
import type { SlotTable } from './slots';
import { newBlockStats, newZramStats, type BlockStats, type ZramStats } from './stats';
import type { CompressionMemo } from './compress-page';
import { newCompressionMemo } from './compress-page';
import { newMetaTrack, type MetaTrack } from './lifetime/track';
import { newBioTable, type BioTable } from './bio-table';

export type BioQueued = Extract<ZramEvent, { type: 'BioQueued' }>;

/** Pure dependencies the reducer calls: compressor backends and the allocator factory. */
export interface DeviceDeps {
  compressor(alg: CompAlgorithm): Compressor;
  /** The kernel build profile: which backends comp_algorithm accepts; default 'default'. */
  readonly kernelConfig?: KernelConfig;
  createPool(): ZsPool;
  /** 'compressed' (default): slots hold the compressor's output and reads decompress it, as in
   * the kernel. 'original': slots keep the written page and only its compressed length is
   * computed (faster, half the memory; the stats are identical, the round trip is not exercised).
   * 'reference': like 'original', but slots keep only the page's content key and a read asks
   * `pageContent` for the bytes (a replay's log holds every page: nothing is kept twice). */
  readonly payload?: 'compressed' | 'original' | 'reference';
  /** The bytes of content key `key` (payload 'reference'): the log the fold reads. The view may
   * be reused by the next call: the fold copies it at once. */
  pageContent?(key: number): Uint8Array | undefined;
  /** A stable copy of a page a slot keeps raw (huge); default a buffer of its own per page. */
  keepPage?(page: Uint8Array): Uint8Array;
}

export interface DeviceState {
  readonly deps: DeviceDeps;
  compAlgorithm: CompAlgorithm; // comp_algs[ZRAM_PRIMARY_COMP]
  level: number | null;         // algorithm_params level; null = ZCOMP_PARAM_NOT_SET
  winbits: number | null;       // algorithm_params deflate.winbits; null = ZCOMP_PARAM_NOT_SET
  initParams: CompParams;       // the params setup_params fixed at disksize (zstd, deflate use these)
  limitPages: number;           // mem_limit in pages; 0 = none
  disksize: number;             // bytes; 0 ⇔ !init_done
  slots: SlotTable | null;      // allocated by disksize_store
  pool: ZsPool | null;
  hugeClassSize: number;        // zsmalloc's huge_class_size, fixed once the first pool exists
  stats: ZramStats;
  blk: BlockStats;
  readonly openers: Set<number>; // open file descriptions of the block device
  claim: boolean;                // reset in progress (zram->claim)
  readonly inflight: BioTable<BioQueued>;
  readonly meta: MetaTrack;      // metadata-lifetime bookkeeping and findings (lifetime/track.ts)
  readonly memo: CompressionMemo;
  /** Bumped by every change the state digest covers (by the fold driving the state, see
   * ModelImplementation): equal generations, equal digests. */
  gen: number;
}

export function initialState(deps: DeviceDeps): DeviceState {
  return {
    deps, compAlgorithm: DEFAULT_COMP_ALGORITHM, level: null, winbits: null, initParams: {}, limitPages: 0, disksize: 0,
    slots: null, pool: null, hugeClassSize: 0, stats: newZramStats(), blk: newBlockStats(),
    openers: new Set(), claim: false, inflight: newBioTable(), meta: newMetaTrack(), memo: newCompressionMemo(),
    gen: 0,
  };
}

export const initDone = (s: DeviceState): boolean => s.disksize !== 0;
