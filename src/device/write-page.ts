// zram_write_page() for one 4 KiB page, Linux 6.18 (zram-6.18.md §4.4): same-filled, then
// compress; comp_len >= huge_class_size is stored raw; the new object is allocated (and the
// mem_limit checked) BEFORE the old slot is freed, so a failed overwrite keeps the old data.
import type { Errno } from '../errors';
import type { PagePayload } from '../events/types';
import type { Handle, PageIndex } from '../units';
import { PAGE_SIZE } from '../units';
import { compressPage, deviceParams } from './compress-page';
import { pageSameFilled } from './same-filled';
import { slotFree } from './slot-free';
import {
  SlotFlag, markSlotAccessed, setSlotData, setSlotElement, setSlotFlag, setSlotHandle, setSlotRef, setSlotSize,
  type SlotTable,
} from './slots';
import type { DeviceState } from './state';

/** zram_can_store_page(): the peak is raised before the limit test (max may exceed the limit). */
function canStorePage(s: DeviceState): boolean {
  const total = s.pool!.totalPages();
  if (total > s.stats.maxUsedPages) s.stats.maxUsedPages = total;
  return s.limitPages === 0 || total <= s.limitPages;
}

function writeSameFilledPage(s: DeviceState, t: SlotTable, i: PageIndex, lo: number, hi: number): void {
  slotFree(s, t, i);
  setSlotFlag(t, i, SlotFlag.SAME);
  setSlotElement(t, i, lo, hi);
  s.stats.samePages++;
  s.stats.pagesStored++;
}

function storeObject(s: DeviceState, t: SlotTable, i: PageIndex, h: Handle, size: number, key: number,
  digest: string | undefined, data: Uint8Array | undefined, huge: boolean): void {
  slotFree(s, t, i);
  if (huge) setSlotFlag(t, i, SlotFlag.HUGE);
  setSlotHandle(t, i, h);
  setSlotSize(t, i, size);
  setSlotData(t, i, data);
  setSlotRef(t, i, key, digest);
  s.stats.comprDataSize += size;
  if (huge) { s.stats.hugePages++; s.stats.hugePagesSince++; }
  s.stats.pagesStored++;
}

/** Returns null on success, or the errno that fails the bio. */
export function writePage(s: DeviceState, t: SlotTable, i: PageIndex, page: PagePayload): Errno | null {
  // payload 'reference': the event's bytes may be transient (reused once later events are read,
  // and a bio may complete long after it was queued): ask the log for them by key
  const bytes = s.deps.payload === 'reference' ? s.deps.pageContent?.(page.key) ?? page.data : page.data;
  const elem = pageSameFilled(bytes);
  if (elem) {
    writeSameFilledPage(s, t, i, elem[0], elem[1]);
  } else {
    const payload = s.deps.payload ?? 'compressed';
    const lengthOnly = payload !== 'compressed';
    const c = compressPage(s.memo, s.deps.compressor(s.compAlgorithm), deviceParams(s), page.key, bytes, lengthOnly);
    if (c.len < 0) return 'EIO'; // "Compression failed!"
    const huge = c.len >= s.hugeClassSize;
    const size = huge ? PAGE_SIZE : c.len;
    const h = s.pool!.malloc(size);
    if (!canStorePage(s)) {
      s.pool!.free(h);
      return 'ENOMEM';
    }
    // a huge page is stored raw: a copy of its own, as zsmalloc copies it (the event's bytes
    // may sit in a reader's shared buffer); payload 'original' keeps the caller's bytes,
    // 'reference' only the content key (the slot's ref)
    const data = payload === 'reference' ? undefined : payload === 'original' ? page.data
      : huge ? s.deps.keepPage?.(bytes) ?? new Uint8Array(bytes) : c.bytes;
    storeObject(s, t, i, h, size, page.key, c.digest, data, huge);
  }
  markSlotAccessed(t, i);
  return null;
}
