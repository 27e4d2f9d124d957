// Page copies for the in-memory log, packed into large chunks: one allocation per CHUNK_PAGES
// pages instead of one per page, which keeps the garbage collector out of the write path.
import { PAGE_SIZE } from '../units';

const CHUNK_PAGES = 1024;

export class PageArena {
  private chunk = new Uint8Array(0);
  private used = 0;

  /** A stable copy of src[off, off + PAGE_SIZE). */
  copyPage(src: Uint8Array, off: number): Uint8Array {
    if (this.used === this.chunk.length) {
      this.chunk = new Uint8Array(CHUNK_PAGES * PAGE_SIZE);
      this.used = 0;
    }
    const page = this.chunk.subarray(this.used, this.used + PAGE_SIZE);
    page.set(src.subarray(off, off + PAGE_SIZE));
    this.used += PAGE_SIZE;
    return page;
  }
}
