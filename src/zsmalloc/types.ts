import type { ClassStat } from './class-stats';
import type { Handle } from '../units';

/** Geometry of one distinct size class (zram-6.18.md §6.1, Appendix B). */
export interface SizeClass {
  readonly index: number;          // representative (largest merged) class index, 0..254
  readonly size: number;           // object size in bytes
  readonly pagesPerZspage: number; // 1..ZS_MAX_PAGES_PER_ZSPAGE
  readonly objsPerZspage: number;
}

/**
 * The zsmalloc pool as zram uses it. Deterministic: handles are allocated in increasing order.
 * Only geometry is tracked (which zspage and object each handle sits in); zram keeps the bytes.
 */
export interface ZsPool {
  /** zs_malloc(size): 1 <= size <= 4096; throws (a bug in the caller) outside that range. */
  malloc(size: number): Handle;
  /** zs_free(handle); throws for an unknown handle. */
  free(handle: Handle): void;
  /** zs_compact(): runs §6.8 over every class; returns pages freed by this run. */
  compact(): number;
  /** zs_shrinker_count(): pages compaction could free now (what the shrinker reports as freeable). */
  shrinkerCount(): number;
  /** zs_get_total_pages(): pages held by all zspages. */
  totalPages(): number;
  /** Cumulative pages freed by compaction since the pool was created. */
  pagesCompacted(): number;
  /** Number of live handles. */
  liveHandles(): number;
  /** The class an allocation of `size` bytes lands in. */
  classFor(size: number): SizeClass;
  /** (zspage id, object index) of a live handle; for digests, tests and diffs. */
  locate(handle: Handle): { zspage: number; obj: number };
  /** Per-class counts as debugfs zsmalloc/<pool>/classes shows them (class-stats.ts). */
  classStats(): ClassStat[];
}
