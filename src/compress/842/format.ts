// The 842 stream format as lib/842/842.h describes it (Linux 6.18): a bit stream, most
// significant bit first, of 5-bit template codes each followed by its arguments; each template
// yields 8 output bytes, except the special ones below. After END: a 32-bit crc32_be of the
// uncompressed data, then zero bits to the byte and zero bytes to a multiple of 8 (compressor).

export const OP_BITS = 5;
/** Codes 0x00..0x19 are the regular templates (ops read from a table). */
export const OPS_MAX = 0x1a;
/** Repeat the last 8 output bytes N + 1 times (N: REPEAT_BITS). */
export const OP_REPEAT = 0x1b;
/** Eight zero bytes, no argument. */
export const OP_ZEROS = 0x1c;
/** Software-only: N (SHORT_DATA_BITS, 1..7) literal bytes, for inputs not a multiple of 8. */
export const OP_SHORT_DATA = 0x1d;
export const OP_END = 0x1e;

export const REPEAT_BITS = 6;
export const REPEAT_BITS_MAX = 0x3f;
export const SHORT_DATA_BITS = 3;
export const CRC_BITS = 32;

/** Index argument widths: I2 names one of 256 2-byte, I4 one of 512 4-byte, I8 one of 256
 * 8-byte positions of a ring over the output (512, 2048 and 2048 bytes). */
export const I2_BITS = 8;
export const I4_BITS = 9;
export const I8_BITS = 8;

/** One action of a template: D = literal bytes follow, I = an index into earlier output. */
export type Op = 'D2' | 'D4' | 'D8' | 'I2' | 'I4' | 'I8';

export const opSize = (op: Op): 2 | 4 | 8 => Number(op[1]) as 2 | 4 | 8;
export const isIndex = (op: Op): boolean => op[0] === 'I';
