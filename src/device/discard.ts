// zram_bio_discard(): discard and write-zeroes free every whole page in the range and count
// each one in notify_free, written or not (zram-6.18.md §4.5). Partial pages are skipped.
import { PAGE_SIZE, SECTORS_PER_PAGE, SECTOR_SIZE, pageIndex } from '../units';
import { slotFree } from './slot-free';
import type { SlotTable } from './slots';
import type { DeviceState } from './state';

export function discardRange(s: DeviceState, t: SlotTable, sector: number, bytes: number): void {
  let index = Math.floor(sector / SECTORS_PER_PAGE);
  const offset = (sector % SECTORS_PER_PAGE) * SECTOR_SIZE;
  let n = bytes;
  if (offset !== 0) {
    if (n <= PAGE_SIZE - offset) return;
    n -= PAGE_SIZE - offset;
    index++;
  }
  while (n >= PAGE_SIZE) {
    slotFree(s, t, pageIndex(index));
    s.stats.notifyFree++;
    index++;
    n -= PAGE_SIZE;
  }
}
