// zram_free_page(): the single place that undoes a slot (zram-6.18.md §4.4, FREE_SLOT).
import type { PageIndex } from '../units';
import { handle as toHandle } from '../units';
import type { DeviceState } from './state';
import {
  SlotFlag, clearSlotFlag, getSlotHandle, getSlotSize, setSlotData, setSlotElement,
  setSlotHandle, setSlotSize, testSlotFlag, type SlotTable,
} from './slots';

export function slotFree(s: DeviceState, t: SlotTable, i: PageIndex): void {
  clearSlotFlag(t, i, SlotFlag.IDLE);
  clearSlotFlag(t, i, SlotFlag.INCOMPRESSIBLE);
  clearSlotFlag(t, i, SlotFlag.PP_SLOT);
  if (testSlotFlag(t, i, SlotFlag.HUGE)) {
    clearSlotFlag(t, i, SlotFlag.HUGE);
    s.stats.hugePages--;
  }
  if (testSlotFlag(t, i, SlotFlag.SAME)) {
    clearSlotFlag(t, i, SlotFlag.SAME);
    s.stats.samePages--;
    setSlotElement(t, i, 0, 0);
  } else {
    const h = getSlotHandle(t, i);
    if (h === 0) return; // empty slot: pages_stored is not touched
    s.pool!.free(h);
    s.stats.comprDataSize -= getSlotSize(t, i);
    setSlotData(t, i, undefined);
  }
  s.stats.pagesStored--;
  setSlotHandle(t, i, toHandle(0));
  setSlotSize(t, i, 0);
}
