// AssemblyScript: fixed regions of the module's linear memory (no allocator: --runtime stub and
// no managed objects). The module's own static data sits below 64 KiB; 4 pages are reserved by
// --initialMemory in tools/build-wasm.js, enough for the largest byU16 LZ4 input and bound.

/** The LZ4 hash table: 2^13 16-bit positions. Also the LZO dictionary (same size). */
export const HASH: usize = 65536;
/** The input: up to 64 KiB + 64 (inputs are < 64 KiB + 11). */
export const SRC: usize = HASH + 16384;
/** The output: room for compressBound(64 KiB + 11) and lzo1x_worst_compress(64 KiB + 11). */
export const DST: usize = SRC + 65536 + 64;
/** Where DST ends: must stay below 4 * 64 KiB, with room past it for the 8-byte copies (they
 * may write up to 7 bytes beyond the output's capacity and read 7 beyond the input). */
export const END: usize = DST + 70000;

export function srcPtr(): usize { return SRC; }
export function dstPtr(): usize { return DST; }
