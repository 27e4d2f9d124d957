// The compressor's dictionary: 2^13 slots of 16-bit chunk-relative positions (kernel D_BITS 13).
// One table for the whole process; it is zeroed for every chunk, so an empty slot means
// "position 0", which the compressor then verifies like any other candidate.

export const D_BITS = 13;
export const D_SIZE = 1 << D_BITS;
export const D_MASK = D_SIZE - 1;

const dict = new Uint16Array(D_SIZE);

/** The zeroed table for a new chunk (module scratch: callers must not keep it across calls). */
export function freshDict(): Uint16Array {
  dict.fill(0);
  return dict;
}

/** Hash of a little-endian 32-bit word: multiplicative, top D_BITS bits of the 32-bit product. */
export function dictIndex(dv: number): number {
  return (Math.imul(dv, 0x1824429d) >>> (32 - D_BITS)) & D_MASK;
}

/** Little-endian 32-bit read (signed result; compare with `|0` values only). */
export function readLe32(src: Uint8Array, i: number): number {
  return src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
}
