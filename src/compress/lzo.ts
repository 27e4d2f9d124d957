// The kernel's lzo and lzo-rle zram backends (lzo1x_1_compress / lzorle1x_1_compress and
// lzo1x_decompress_safe), exact to the byte. Compression and decompression run in WebAssembly
// (wasm/assembly/lzo.ts, lzo-decompress.ts); the TypeScript in lzo/ is the readable reference
// they are tested byte for byte against, and also takes inputs larger than the module's regions.
import type { Compressor } from './types';
import { LZO_RLE_VERSION, lzo1xWorstCompress } from './lzo/constants';
import { lzoGenericCompress } from './lzo/compress-core';
import { lzo1xDecompressSafe } from './lzo/decompress';
import { DST_CAPACITY, SRC_CAPACITY, wasmCompressors, withInput } from './wasm/module';

/** Compresses src in WebAssembly; with `write` the stream is left in the module's DST region,
 * without it only its length is computed (the same number, found faster). */
function wasmCompress(src: Uint8Array, version: number, write: boolean): number {
  const w = withInput(src);
  const e = w.exports;
  return (write ? e.lzoCompress : e.lzoCompressedLength)(src.length, version);
}

function backend(name: 'lzo' | 'lzo-rle', version: number, wasm: boolean): Compressor {
  const useWasm = (src: Uint8Array) => wasm && src.length <= SRC_CAPACITY;
  return {
    name,
    compress(src, dst) {
      // The kernel trusts its caller for space; we refuse instead of writing past `dst`.
      if (dst.length < lzo1xWorstCompress(src.length)) return -1;
      if (!useWasm(src)) return lzoGenericCompress(src, dst, version);
      const len = wasmCompress(src, version, true);
      dst.set(wasmCompressors().dst.subarray(0, len));
      return len;
    },
    compressedLength(src) {
      return useWasm(src) ? wasmCompress(src, version, false) : lzoGenericCompress(src, null, version);
    },
    compressTransient(src) {
      if (useWasm(src)) return wasmCompressors().dst.subarray(0, wasmCompress(src, version, true));
      const dst = new Uint8Array(lzo1xWorstCompress(src.length));
      return dst.subarray(0, lzoGenericCompress(src, dst, version));
    },
    decompress(src, dst) {
      if (!wasm || src.length > SRC_CAPACITY || dst.length > DST_CAPACITY) return lzo1xDecompressSafe(src, dst);
      // On corrupt input dst is left untouched (the TypeScript decoder may have written part).
      const w = wasmCompressors();
      w.src.set(src);
      const n = w.exports.lzoDecompress(src.length, dst.length);
      if (n > 0) dst.set(w.dst.subarray(0, n));
      return n;
    },
  };
}

/** `comp_algorithm=lzo`: LZO1X-1, bitstream version 0. */
export const lzo: Compressor = backend('lzo', 0, true);
/** `comp_algorithm=lzo-rle` (the default): version 1, zero runs as one 4-byte instruction. */
export const lzoRle: Compressor = backend('lzo-rle', LZO_RLE_VERSION, true);
/** The same backends in TypeScript only (the WebAssembly ones' reference). */
export const lzoReference: Compressor = backend('lzo', 0, false);
export const lzoRleReference: Compressor = backend('lzo-rle', LZO_RLE_VERSION, false);
