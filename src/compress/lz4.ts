// The lz4 backend: Linux 6.18 lib/lz4 LZ4_compress_fast as zram calls it (== LZ4 v1.7.3 on a
// 4 KiB input), and LZ4_decompress_safe. See compression.md §2.4 and zram-6.18.md §7.2.

import type { CompParams, Compressor } from './types';
import { LIMIT_64K, accelerationOf, compressBound } from './lz4/constants';
import { decompressBlock } from './lz4/decompress';
import { emit } from './lz4/emit';
import { parse } from './lz4/parse';

function compressedLength(src: Uint8Array, params: CompParams): number {
  // Inputs of 64 KiB and more take LZ4's byU32 path, which zram never uses: not modelled.
  if (src.length >= LIMIT_64K) return -1;
  return parse(src, accelerationOf(params.level));
}

function compress(src: Uint8Array, dst: Uint8Array, params: CompParams): number {
  const len = compressedLength(src, params);
  // zcomp's buffer always holds compressBound(4096); a smaller dst takes LZ4's limitedOutput
  // path, which fails (returns 0, the backend -EINVAL) when the block does not fit.
  if (len < 0 || (dst.length < compressBound(src.length) && len > dst.length)) return -1;
  return emit(src, dst);
}

export const lz4: Compressor = {
  name: 'lz4',
  compress,
  compressedLength,
  decompress: decompressBlock,
};
