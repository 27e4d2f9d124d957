// The log's distinct page contents in shared memory, written once by the thread reading the log
// and read by every worker thread: chunks of CHUNK_PAGES pages, a page named by its index.
// Workers keep one view per page, so a content has one identity in a worker, as in one read.
import type { PagePayload } from '../events/types';

const CHUNK_PAGES = 1024;

export class PageArenaWriter {
  private readonly index = new Map<number, number>();
  private readonly chunks: SharedArrayBuffer[] = [];
  private sentChunks = 0;
  private newKeys: number[] = [];

  constructor(private readonly pageSize: number) {}

  /** The page's index, copying it in the first time its key is seen. */
  add(p: PagePayload): number {
    let i = this.index.get(p.key);
    if (i !== undefined) return i;
    i = this.index.size;
    if (i % CHUNK_PAGES === 0) this.chunks.push(new SharedArrayBuffer(CHUNK_PAGES * this.pageSize));
    new Uint8Array(this.chunks[this.chunks.length - 1], (i % CHUNK_PAGES) * this.pageSize, this.pageSize).set(p.data);
    this.index.set(p.key, i);
    this.newKeys.push(p.key);
    return i;
  }

  /** What the workers have not been sent yet: new chunks, and the keys of the new pages. */
  takeNew(): { chunks: SharedArrayBuffer[]; keys: number[] } {
    const out = { chunks: this.chunks.slice(this.sentChunks), keys: this.newKeys };
    this.sentChunks = this.chunks.length;
    this.newKeys = [];
    return out;
  }
}

export class PageArenaReader {
  private readonly chunks: SharedArrayBuffer[] = [];
  private readonly pages: PagePayload[] = [];
  private readonly keys = new WeakMap<Uint8Array, number>();

  constructor(private readonly pageSize: number) {}

  extend(chunks: readonly SharedArrayBuffer[], keys: readonly number[]): void {
    this.chunks.push(...chunks);
    for (const key of keys) {
      const i = this.pages.length;
      const chunk = this.chunks[Math.floor(i / CHUNK_PAGES)];
      const data = new Uint8Array(chunk, (i % CHUNK_PAGES) * this.pageSize, this.pageSize);
      this.pages.push({ key, data });
      this.keys.set(data, key);
    }
  }

  /** The content key of a page's bytes as handed out by page(), else null. */
  keyOf(data: Uint8Array): number | null {
    return this.keys.get(data) ?? null;
  }

  page(i: number): PagePayload {
    return this.pages[i];
  }
}
