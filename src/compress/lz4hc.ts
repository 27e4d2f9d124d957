// The lz4hc backend: LZ4_compress_HC(src, dst, 4096, 8192, level) of the kernel's lib/lz4
// (LZ4 1.7.3 HC), decompressed by LZ4_decompress_safe like lz4. Level: the kernel's
// algorithm_params level, default LZ4HC_DEFAULT_CLEVEL (9); see lz4hc/parse.ts.
import type { CompParams, Compressor } from './types';
import { compressBound } from './lz4/constants';
import { decompressBlock } from './lz4/decompress';
import { compressHc } from './lz4hc/parse';
import { SequenceWriter } from './lz4hc/write';

export const lz4hc: Compressor = {
  name: 'lz4hc',
  compress(src: Uint8Array, dst: Uint8Array, params: CompParams): number {
    // zcomp's buffer holds compressBound(4096); a smaller one would take the limitedOutput path.
    if (dst.length < compressBound(src.length)) return -1;
    return compressHc(src, params.level, new SequenceWriter(src, dst));
  },
  compressedLength(src: Uint8Array, params: CompParams): number {
    return compressHc(src, params.level, new SequenceWriter(src, null));
  },
  decompress: decompressBlock,
};
