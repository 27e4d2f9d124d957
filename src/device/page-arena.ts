// Byte copies the device keeps for good (the log's pages, compressed objects), packed into large
// chunks: one allocation per ARENA_CHUNK_BYTES instead of one per copy, which keeps the garbage
// collector (and the allocator behind ArrayBuffers) out of the write path.
import { PAGE_SIZE } from '../units';

export const ARENA_CHUNK_BYTES = 1024 * PAGE_SIZE;

/** Gives a zeroed chunk of ARENA_CHUNK_BYTES. */
export type ChunkSource = () => Uint8Array;

const allocate: ChunkSource = () => new Uint8Array(ARENA_CHUNK_BYTES);
let installed: ChunkSource = allocate;

/** Where every arena made from now on takes its chunks (null: allocate them here). Whoever runs
 * the model may install one that maps chunks ahead on another thread (src/pipeline/chunk-supply.ts);
 * the bytes are zeros either way, so no result depends on it. */
export function setChunkSource(source: ChunkSource | null): void {
  installed = source ?? allocate;
}

export class PageArena {
  private chunk: Uint8Array = new Uint8Array(0);
  private used = 0;

  constructor(private readonly source: ChunkSource = installed) {}

  /** A stable copy of src[off, off + PAGE_SIZE). */
  copyPage(src: Uint8Array, off: number): Uint8Array {
    return this.copy(off === 0 && src.length === PAGE_SIZE ? src : src.subarray(off, off + PAGE_SIZE));
  }

  /** A stable copy of src (at most ARENA_CHUNK_BYTES). */
  copy(src: Uint8Array): Uint8Array {
    const n = src.length;
    if (this.used + n > this.chunk.length) {
      this.chunk = this.source();
      this.used = 0;
    }
    const out = this.chunk.subarray(this.used, this.used + n);
    out.set(src);
    this.used += n;
    return out;
  }
}
