// A recorded run of the pool's shrinker (mm/vmscan's do_shrink_slab calling zs_shrinker_count
// and zs_shrinker_scan, read from v6.18 as facts). Global reclaim decides when it runs, which the
// model cannot know, so the recording says when and with what scan budget; the fold then does
// what the kernel does with that budget:
//   freeable = zs_shrinker_count (pages compaction could free); the kernel traced it as
//   `cache items`, and a different value here means the model's pool differs from the kernel's;
//   while (total_scan >= SHRINK_BATCH || total_scan >= freeable): zs_shrinker_scan runs
//   zs_compact over the whole pool (nr_to_scan is ignored) and returns the pages it freed, or
//   SHRINK_STOP when it freed none, which ends the loop; total_scan -= min(batch, total_scan).
// pages_compacted grows inside zs_compact, as for a store to `compact`.
import type { DeviceState } from './state';

/** shrinker->batch is 0 for the zsmalloc shrinker, so do_shrink_slab uses SHRINK_BATCH. */
export const SHRINK_BATCH = 128;

export interface ShrinkResult {
  readonly freeable: number; // the model's zs_shrinker_count at the start (null pool: 0)
  readonly scans: number;    // zs_shrinker_scan calls
  readonly freed: number;    // pages freed over all of them
}

export function shrinkSlab(s: DeviceState, totalScan: number): ShrinkResult {
  const pool = s.pool;
  if (pool === null) return { freeable: 0, scans: 0, freed: 0 };
  const freeable = pool.shrinkerCount();
  if (freeable === 0) return { freeable, scans: 0, freed: 0 }; // the kernel returns before scanning
  let total = totalScan;
  let scans = 0;
  let freed = 0;
  while (total >= SHRINK_BATCH || total >= freeable) {
    const nr = Math.min(SHRINK_BATCH, total);
    scans++;
    const ret = pool.compact();
    if (ret === 0) break; // SHRINK_STOP
    freed += ret;
    total -= nr;
  }
  return { freeable, scans, freed };
}
