// The deflate backend: zlib_deflateInit2(level, Z_DEFLATED, winbits, MAX_MEM_LEVEL, default
// strategy) then one zlib_deflate(Z_FINISH) of the page (drivers/block/zram/backend_deflate.c).
// The kernel's MAX_MEM_LEVEL is 8 (include/linux/zconf.h); winbits -11 (raw, 2 KiB window) unless
// algorithm_params sets deflate.winbits (positive: zlib header and adler32 trailer).
// pako's port of zlib runs it with the classic zlib hash; see tier.ts for how close that is.
import type * as Pako from 'pako';
import type { CompParams, Compressor } from './types';

export const DEFLATE_DEF_WINBITS = -11;
export const DEFLATE_MEM_LEVEL = 8;
export const Z_DEFAULT_COMPRESSION = -1;

let lib: typeof Pako | null = null;
/** pako is required at the first deflate page: params.ts reads this file's constants on every replay. */
const pako = (): typeof Pako => lib ??= require('pako') as typeof Pako;

/** What zlib_deflateInit2 of the kernel's zlib accepts (else Z_STREAM_ERROR: create fails). */
export function deflateParamsOk(level: number, winbits: number): boolean {
  const w = Math.abs(winbits);
  return level >= Z_DEFAULT_COMPRESSION && level <= 9 && w >= 9 && w <= 15;
}

function run(src: Uint8Array, params: CompParams): Uint8Array | null {
  const level = params.level ?? Z_DEFAULT_COMPRESSION;
  const winbits = params.winbits ?? DEFLATE_DEF_WINBITS;
  if (!deflateParamsOk(level, winbits)) return null;
  const opts = { level, windowBits: Math.abs(winbits), memLevel: DEFLATE_MEM_LEVEL, legacyHash: true };
  return winbits < 0 ? pako().deflateRaw(src, opts) : pako().deflate(src, opts);
}

export const deflate: Compressor = {
  name: 'deflate',
  compress(src, dst, params) {
    const out = run(src, params);
    if (out === null || out.length > dst.length) return -1; // Z_FINISH without Z_STREAM_END: -EINVAL
    dst.set(out);
    return out.length;
  },
  compressedLength(src, params) {
    return run(src, params)?.length ?? -1;
  },
  decompress(src, dst, params) {
    // zlib_inflateInit2 with the device's winbits: negative reads a raw stream, positive a zlib one.
    try {
      const out = (params?.winbits ?? DEFLATE_DEF_WINBITS) < 0 ? pako().inflateRaw(src) : pako().inflate(src);
      if (out.length > dst.length) return -1;
      dst.set(out);
      return out.length;
    } catch {
      return -1;
    }
  },
};
