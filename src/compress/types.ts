// The contract every compressor backend meets. Compressors are pure functions:
// same input and params, same output bytes; no state survives between calls.

/** The backends this machine's kernel has built in, in the kernel's table order (what
 * `comp_algorithm` prints): CONFIG_ZRAM_BACKEND_LZO and _LZ4 only. */
export const COMP_ALGORITHMS = ['lzo-rle', 'lzo', 'lz4'] as const;
/** Every backend the model has, in zcomp.c's table order (LZO, LZ4, LZ4HC, ZSTD, DEFLATE, 842). */
export const ALL_COMP_ALGORITHMS = ['lzo-rle', 'lzo', 'lz4', 'lz4hc', 'zstd', 'deflate', '842'] as const;
export type CompAlgorithm = (typeof ALL_COMP_ALGORITHMS)[number];
export const DEFAULT_COMP_ALGORITHM: CompAlgorithm = 'lzo-rle'; // CONFIG_ZRAM_DEF_COMP

/** algorithm_params that reach the backend (zram-6.18.md §2.4), already defaulted the way the
 * backend's setup_params does (see compress/params.ts). lzo, lzo-rle and 842 read neither. */
export interface CompParams {
  readonly level?: number;   // lz4: acceleration; lz4hc, zstd, deflate: compression level
  readonly winbits?: number; // deflate.winbits: negative = raw deflate, positive = zlib wrapper
}

export interface Compressor {
  readonly name: CompAlgorithm;
  /**
   * Compresses `src` (exactly one 4096-byte page in zram) into `dst`, whose capacity is at least
   * 2 * PAGE_SIZE like zcomp's stream buffer. Returns comp_len, the exact kernel length.
   * Returns -1 where the kernel backend would return an error (never for a 4 KiB page).
   */
  compress(src: Uint8Array, dst: Uint8Array, params: CompParams): number;
  /** Compressed length only (may skip writing output); must equal compress()'s return value. */
  compressedLength(src: Uint8Array, params: CompParams): number;
  /** compress() without the copy out, where the backend has a buffer of its own: the block (its
   * length is comp_len), valid until the backend's next call, or null where compress() returns -1. */
  compressTransient?(src: Uint8Array, params: CompParams): Uint8Array | null;
  /**
   * Decompresses `src` into `dst` (capacity PAGE_SIZE); returns the bytes produced, or -1 if the
   * input is corrupt or would overrun `dst` (like *_decompress_safe). Never throws on bad input.
   * `params` are those the page was compressed with (deflate's winbits decides the stream form).
   */
  decompress(src: Uint8Array, dst: Uint8Array, params?: CompParams): number;
}
