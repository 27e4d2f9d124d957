// The lz4 backend: Linux 6.18 lib/lz4 LZ4_compress_fast as zram calls it (== LZ4 v1.7.3 on a
// 4 KiB input), and LZ4_decompress_safe. See compression.md §2.4 and zram-6.18.md §7.2.
// Compression and decompression run in WebAssembly (wasm/assembly/, ~2x the JS speed); the
// TypeScript in lz4/ is the readable reference they are tested byte for byte against.

import type { CompParams, Compressor } from './types';
import { LIMIT_64K, accelerationOf, compressBound } from './lz4/constants';
import { decompressBlock } from './lz4/decompress';
import { emit } from './lz4/emit';
import { parse } from './lz4/parse';
import { DST_CAPACITY, SRC_CAPACITY, wasmCompressors, withInput } from './wasm/module';

/** Runs the WebAssembly compressor on src; with `write` the block is left in the module's DST
 * region, without it only its length is computed (the same number, found faster). */
function wasmRun(src: Uint8Array, params: CompParams, write: boolean): number {
  // Inputs of 64 KiB and more take LZ4's byU32 path, which zram never uses: not modelled.
  if (src.length >= LIMIT_64K) return -1;
  const w = withInput(src);
  const e = w.exports;
  return (write ? e.lz4Compress : e.lz4CompressedLength)(src.length, accelerationOf(params.level));
}

/** zcomp's buffer always holds compressBound(4096); a smaller dst takes LZ4's limitedOutput
 * path, which fails (returns 0, the backend -EINVAL) when the block does not fit. */
function fits(len: number, src: Uint8Array, dst: Uint8Array): boolean {
  return len >= 0 && !(dst.length < compressBound(src.length) && len > dst.length);
}

/** LZ4_decompress_safe in WebAssembly (the TypeScript decoder past the module's regions).
 * On corrupt input dst is left untouched (the TypeScript decoder may have written part). */
function decompress(src: Uint8Array, dst: Uint8Array): number {
  if (src.length > SRC_CAPACITY || dst.length > DST_CAPACITY) return decompressBlock(src, dst);
  const w = wasmCompressors();
  w.src.set(src);
  const n = w.exports.lz4Decompress(src.length, dst.length);
  if (n > 0) dst.set(w.dst.subarray(0, n));
  return n;
}

export const lz4: Compressor = {
  name: 'lz4',
  compress(src, dst, params) {
    const len = wasmRun(src, params, true);
    if (!fits(len, src, dst)) return -1;
    dst.set(wasmCompressors().dst.subarray(0, len));
    return len;
  },
  compressedLength: (src, params) => wasmRun(src, params, false),
  compressTransient(src, params) {
    const len = wasmRun(src, params, true); // zcomp's buffer holds compressBound: fits() always holds
    return len < 0 ? null : wasmCompressors().dst.subarray(0, len);
  },
  decompress,
};

/** The same backend with the TypeScript compressor (the reference for the WebAssembly one). */
export const lz4Reference: Compressor = {
  name: 'lz4',
  compress(src, dst, params) {
    const len = lz4Reference.compressedLength(src, params);
    if (!fits(len, src, dst)) return -1;
    return emit(src, dst);
  },
  compressedLength(src, params) {
    if (src.length >= LIMIT_64K) return -1;
    return parse(src, accelerationOf(params.level));
  },
  decompress: decompressBlock,
};
