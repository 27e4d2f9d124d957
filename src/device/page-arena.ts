// Byte copies the device keeps for good (the log's pages, compressed objects), packed into large
// chunks: one allocation per CHUNK_BYTES instead of one per copy, which keeps the garbage
// collector (and the allocator behind ArrayBuffers) out of the write path. Chunks come mapped
// ahead from one supply per process (chunk-supply.ts).
import { PAGE_SIZE } from '../units';
import { ChunkSupply } from './chunk-supply';

const CHUNK_BYTES = 1024 * PAGE_SIZE;
const shared = new ChunkSupply(CHUNK_BYTES);

export class PageArena {
  private chunk: Uint8Array = new Uint8Array(0);
  private used = 0;

  constructor(private readonly supply: ChunkSupply = shared) {}

  /** A stable copy of src[off, off + PAGE_SIZE). */
  copyPage(src: Uint8Array, off: number): Uint8Array {
    return this.copy(off === 0 && src.length === PAGE_SIZE ? src : src.subarray(off, off + PAGE_SIZE));
  }

  /** A stable copy of src (at most CHUNK_BYTES). */
  copy(src: Uint8Array): Uint8Array {
    const n = src.length;
    if (this.used + n > this.chunk.length) {
      this.chunk = this.supply.take();
      this.used = 0;
    }
    const out = this.chunk.subarray(this.used, this.used + n);
    out.set(src);
    this.used += n;
    return out;
  }
}
