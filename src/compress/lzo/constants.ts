// LZO1X constants as the kernel's lib/lzo/lzodefs.h defines them (values, not code).

/** Bitstream version written after the 17 marker by lzo-rle; lzo (version 0) writes no header. */
export const LZO_RLE_VERSION = 1;
/** First byte of a version-1 stream; a v0 stream never starts with it (except empty input). */
export const LZO_VERSION_MARKER = 17;

export const M2_MAX_LEN = 8;
export const M3_MAX_LEN = 33;
export const M4_MAX_LEN = 9;

export const M2_MAX_OFFSET = 0x0800;
export const M3_MAX_OFFSET = 0x4000;
/** lzo-rle lowers the M4 limit by one so distance field 0xbfff can mean "zero run". */
export const M4_MAX_OFFSET_V0 = 0xbfff;
export const M4_MAX_OFFSET_V1 = 0xbffe;

export const M3_MARKER = 32;
export const M4_MARKER = 16;

export const MIN_ZERO_RUN_LENGTH = 4;
export const MAX_ZERO_RUN_LENGTH = 2047 + MIN_ZERO_RUN_LENGTH;

/** The compressor stops probing this many bytes before the end of a chunk. */
export const IP_END_MARGIN = 20;

/** lzo1x_worst_compress(): the output bound the kernel's callers reserve (incl. the v1 header). */
export function lzo1xWorstCompress(len: number): number {
  return len + Math.floor(len / 16) + 64 + 3 + 2;
}
