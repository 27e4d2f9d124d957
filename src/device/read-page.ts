// zram_read_page() for one 4 KiB page (zram-6.18.md §4.3): empty and same-filled slots read as
// their element, huge slots as their raw bytes, others are decompressed.
import type { PageIndex } from '../units';
import { PAGE_SIZE } from '../units';
import { deviceParams } from './compress-page';
import { fillPage } from './same-filled';
import {
  SlotFlag, getSlotData, getSlotElement, getSlotHandle, getSlotRef, getSlotRefDigest, markSlotAccessed, testSlotFlag,
  type SlotTable,
} from './slots';
import type { DeviceState } from './state';

/** The read digest of slot i without its bytes (payload 'reference', a page whose digest came
 * with its compressed length), with readPage's bookkeeping done; undefined: call readPage. */
export function readPageDigest(s: DeviceState, t: SlotTable, i: PageIndex): string | undefined {
  if (s.deps.payload !== 'reference' || testSlotFlag(t, i, SlotFlag.SAME) || getSlotHandle(t, i) === 0) return undefined;
  const digest = getSlotRefDigest(t, i);
  if (digest !== undefined) accessed(s, t, i);
  return digest;
}

/** Fills `dst` (PAGE_SIZE bytes); returns false on a decompression failure. */
export function readPage(s: DeviceState, t: SlotTable, i: PageIndex, dst: Uint8Array): boolean {
  if (testSlotFlag(t, i, SlotFlag.SAME) || getSlotHandle(t, i) === 0) {
    const [lo, hi] = getSlotElement(t, i);
    fillPage(dst, lo, hi);
  } else if (s.deps.payload === 'reference') {
    const page = s.deps.pageContent?.(getSlotRef(t, i));
    if (page === undefined) return false; // the log lost the page: a read error, never made-up data
    dst.set(page.subarray(0, PAGE_SIZE));
  } else if (testSlotFlag(t, i, SlotFlag.HUGE) || s.deps.payload === 'original') {
    dst.set(getSlotData(t, i)!.subarray(0, PAGE_SIZE));
  } else {
    const n = s.deps.compressor(s.compAlgorithm).decompress(getSlotData(t, i)!, dst, deviceParams(s));
    if (n !== PAGE_SIZE) return false; // "Decompression failed!"
  }
  accessed(s, t, i);
  return true;
}

function accessed(s: DeviceState, t: SlotTable, i: PageIndex): void {
  const flags = t.flags[i];
  markSlotAccessed(t, i);
  if (t.flags[i] !== flags) s.gen++; // the only change a read makes to what the digest covers
}
