// zram_reset_device(): everything back to a fresh device (zram-6.18.md §2.9 step 3; checked live:
// also on an uninitialised device the default algorithm and mem_limit 0 come back).
import { DEFAULT_COMP_ALGORITHM } from '../compress/types';
import type { DeviceState } from './state';
import { newBlockStats, newZramStats } from './stats';

export function resetDevice(s: DeviceState): void {
  s.limitPages = 0;
  s.blk = newBlockStats();   // part_stat_set_all(part0, 0)
  s.slots = null;            // zram_meta_free: slots and pool go
  s.pool = null;
  s.disksize = 0;            // capacity 0
  s.stats = newZramStats();
  s.compAlgorithm = DEFAULT_COMP_ALGORITHM;
  s.level = null;
  s.winbits = null;
  s.memo.clear();
}
