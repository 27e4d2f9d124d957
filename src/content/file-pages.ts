// Pages cut from real file contents (callers read the file; this stays pure).
import { PAGE_SIZE } from '../units';

/** The whole 4 KiB pages of `data`, as views (no copy); a partial tail page is zero-padded. */
export function filePages(data: Uint8Array, padTail = true): Uint8Array[] {
  const pages: Uint8Array[] = [];
  for (let off = 0; off < data.length; off += PAGE_SIZE) {
    if (off + PAGE_SIZE <= data.length) pages.push(data.subarray(off, off + PAGE_SIZE));
    else if (padTail) {
      const tail = new Uint8Array(PAGE_SIZE);
      tail.set(data.subarray(off));
      pages.push(tail);
    }
  }
  return pages;
}

/** The page at byte `offset` of `data` (a copy, zero-padded past the end). */
export function filePageAt(data: Uint8Array, offset: number): Uint8Array {
  const page = new Uint8Array(PAGE_SIZE);
  page.set(data.subarray(offset, Math.min(offset + PAGE_SIZE, data.length)));
  return page;
}
