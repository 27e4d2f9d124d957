// The zstd backend: zstd_compress_cctx() with zstd_get_params(level, PAGE_SIZE), one frame per
// page, no dictionary (drivers/block/zram/backend_zstd.c, lib/zstd/zstd_compress_module.c).
// libzstd 1.5.7 (the kernel's lib/zstd version) as WebAssembly runs it: ZSTD_compress(level) on a
// 4096-byte input derives the same parameters (ZSTD_getParams(level, 4096, 0): content size in the
// header, no checksum, no dictionary ID). The WebAssembly module loads asynchronously: callers
// await loadZstd() once before the first zstd page (the CLI and ZramDevice.create do).
import type { Zstd } from '@hpcc-js/wasm-zstd';
import type { CompParams, Compressor } from './types';

export const ZSTD_CLEVEL_DEFAULT = 3;
let engine: Zstd | null = null;

/** Loads libzstd; resolves to its version string ("1.5.7"). */
export async function loadZstd(): Promise<string> {
  // the library is imported here, not above: params.ts reads ZSTD_CLEVEL_DEFAULT on every replay
  engine ??= await (await import('@hpcc-js/wasm-zstd')).Zstd.load();
  return engine.version();
}

export const zstdLoaded = (): boolean => engine !== null;

function lib(): Zstd {
  if (!engine) throw new Error('the zstd backend is not loaded: await loadBackends() before using zstd');
  return engine;
}

function run(src: Uint8Array, params: CompParams): Uint8Array {
  return lib().compress(src, params.level ?? ZSTD_CLEVEL_DEFAULT);
}

export const zstd: Compressor = {
  name: 'zstd',
  compress(src: Uint8Array, dst: Uint8Array, params: CompParams): number {
    const out = run(src, params);
    if (out.length > dst.length) return -1; // dstSize_tooSmall: the backend's -EINVAL
    dst.set(out);
    return out.length;
  },
  compressedLength: (src, params) => run(src, params).length,
  decompress(src: Uint8Array, dst: Uint8Array): number {
    try {
      const out = lib().decompress(src);
      if (out.length > dst.length) return -1;
      dst.set(out);
      return out.length;
    } catch {
      return -1;
    }
  },
};
