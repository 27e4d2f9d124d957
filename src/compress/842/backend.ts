// The 842 backend (drivers/block/zram/backend_842.c, Linux 6.18): sw842_compress of the page
// into zcomp's 2 * PAGE_SIZE buffer, sw842_decompress to read it back. setup_params accepts
// and ignores algorithm_params (no level, no dictionary use); nothing is kept between pages.
import type { CompParams, Compressor } from '../types';
import { sw842Compress } from './compress';
import { sw842Decompress } from './decompress';

/** zcomp's stream buffer: 2 * PAGE_SIZE (the length compress() gets in zram). */
const ZCOMP_BUFFER = 8192;

export const sw842: Compressor = {
  name: '842',
  compress(src: Uint8Array, dst: Uint8Array, _params: CompParams): number {
    return sw842Compress(src, dst, dst.length);
  },
  compressedLength(src: Uint8Array, _params: CompParams): number {
    return sw842Compress(src, null, ZCOMP_BUFFER);
  },
  decompress(src: Uint8Array, dst: Uint8Array): number {
    return sw842Decompress(src, dst);
  },
};
