// page_same_filled(): a page whose 8-byte words (native little-endian unsigned longs) are all
// equal is stored as that one element, without compression or allocation.
import { PAGE_SIZE } from '../units';

const WORDS = PAGE_SIZE / 4;
const scratch = new Uint32Array(WORDS);
const scratchBytes = new Uint8Array(scratch.buffer);
/** A word view of the whole buffer the last aligned page lay in: pages are mostly views of a few
 * large buffers (a log's slabs), so one view serves many pages instead of one view per page. */
let lastBuffer: ArrayBufferLike | null = null;
let lastWords: Uint32Array<ArrayBufferLike> = scratch;

/** Returns the element as [lo, hi] 32-bit halves, or null when the page is not same-filled. */
export function pageSameFilled(page: Uint8Array): [number, number] | null {
  // The last word against the first, as the kernel starts: most pages differ there already, and
  // byte reads need no word view (a page in a buffer of its own would cost one per call).
  for (let k = 0, last = PAGE_SIZE - 8; k < 8; k++) if (page[k] !== page[last + k]) return null;
  let w: Uint32Array<ArrayBufferLike> = scratch, at = 0;
  if (page.byteOffset % 4 === 0) {
    const buf = page.buffer;
    if (buf !== lastBuffer) { lastWords = new Uint32Array(buf, 0, buf.byteLength >>> 2); lastBuffer = buf; }
    w = lastWords;
    at = page.byteOffset >>> 2;
  } else {
    scratchBytes.set(page.subarray(0, PAGE_SIZE));
  }
  const lo = w[at], hi = w[at + 1];
  for (let i = at + 2, end = at + WORDS; i < end; i += 2) if (w[i] !== lo || w[i + 1] !== hi) return null;
  return [lo >>> 0, hi >>> 0];
}

/** zram_fill_page(): the page a same-filled (or empty) slot reads back as. */
export function fillPage(dst: Uint8Array, lo: number, hi: number): void {
  if (lo === 0 && hi === 0) { dst.fill(0, 0, PAGE_SIZE); return; }
  const dv = new DataView(dst.buffer, dst.byteOffset, PAGE_SIZE);
  for (let i = 0; i < PAGE_SIZE; i += 8) { dv.setUint32(i, lo, true); dv.setUint32(i + 4, hi, true); }
}
