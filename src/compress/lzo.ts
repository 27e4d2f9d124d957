// The kernel's lzo and lzo-rle zram backends (lzo1x_1_compress / lzorle1x_1_compress and
// lzo1x_decompress_safe), exact to the byte. See src/compress/lzo/ for the pieces.
import type { Compressor } from './types';
import { LZO_RLE_VERSION, lzo1xWorstCompress } from './lzo/constants';
import { lzoGenericCompress } from './lzo/compress-core';
import { lzo1xDecompressSafe } from './lzo/decompress';

function backend(name: 'lzo' | 'lzo-rle', version: number): Compressor {
  return {
    name,
    compress(src, dst) {
      // The kernel trusts its caller for space; we refuse instead of writing past `dst`.
      if (dst.length < lzo1xWorstCompress(src.length)) return -1;
      return lzoGenericCompress(src, dst, version);
    },
    compressedLength(src) {
      return lzoGenericCompress(src, null, version);
    },
    decompress(src, dst) {
      return lzo1xDecompressSafe(src, dst);
    },
  };
}

/** `comp_algorithm=lzo`: LZO1X-1, bitstream version 0. */
export const lzo: Compressor = backend('lzo', 0);
/** `comp_algorithm=lzo-rle` (the default): version 1, zero runs as one 4-byte instruction. */
export const lzoRle: Compressor = backend('lzo-rle', LZO_RLE_VERSION);
