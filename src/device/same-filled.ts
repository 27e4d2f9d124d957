// page_same_filled(): a page whose 8-byte words (native little-endian unsigned longs) are all
// equal is stored as that one element, without compression or allocation.
import { PAGE_SIZE } from '../units';

const scratch = new Uint32Array(PAGE_SIZE / 4);

/** Returns the element as [lo, hi] 32-bit halves, or null when the page is not same-filled. */
export function pageSameFilled(page: Uint8Array): [number, number] | null {
  let w: Uint32Array;
  if (page.byteOffset % 4 === 0) w = new Uint32Array(page.buffer, page.byteOffset, PAGE_SIZE / 4);
  else { new Uint8Array(scratch.buffer).set(page.subarray(0, PAGE_SIZE)); w = scratch; }
  const lo = w[0], hi = w[1];
  // The last word first, as the kernel does: most pages differ there already.
  if (w[w.length - 2] !== lo || w[w.length - 1] !== hi) return null;
  for (let i = 2; i < w.length; i += 2) if (w[i] !== lo || w[i + 1] !== hi) return null;
  return [lo >>> 0, hi >>> 0];
}

/** zram_fill_page(): the page a same-filled (or empty) slot reads back as. */
export function fillPage(dst: Uint8Array, lo: number, hi: number): void {
  if (lo === 0 && hi === 0) { dst.fill(0, 0, PAGE_SIZE); return; }
  const dv = new DataView(dst.buffer, dst.byteOffset, PAGE_SIZE);
  for (let i = 0; i < PAGE_SIZE; i += 8) { dv.setUint32(i, lo, true); dv.setUint32(i + 4, hi, true); }
}
