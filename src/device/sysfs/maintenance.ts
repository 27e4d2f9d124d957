// compact_store() and idle_store() (zram-6.18.md §2.7, §2.8).
import type { Errno } from '../../errors';
import { pageIndex } from '../../units';
import { SlotFlag, setSlotFlag, slotAllocated, testSlotFlag } from '../slots';
import { initDone, type DeviceState } from '../state';
import { sysfsStreq } from './parse';

export function compactStore(s: DeviceState): Errno | null {
  if (!initDone(s)) return 'EINVAL';
  s.pool!.compact();
  return null;
}

/** Without CONFIG_ZRAM_TRACK_ENTRY_ACTIME only "all" is accepted. Marks allocated slots idle,
 * except same-filled ones; no statistic changes. */
export function idleStore(s: DeviceState, buf: string): Errno | null {
  if (!sysfsStreq(buf, 'all')) return 'EINVAL';
  if (!initDone(s)) return 'EINVAL';
  const t = s.slots!;
  for (let i = 0; i < t.nrPages; i++) {
    const idx = pageIndex(i);
    if (slotAllocated(t, idx) && !testSlotFlag(t, idx, SlotFlag.SAME)) setSlotFlag(t, idx, SlotFlag.IDLE);
  }
  return null;
}
