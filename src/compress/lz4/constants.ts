// LZ4 block-format constants and the small-input (byU16) hash, as in LZ4 v1.7.3 / Linux lib/lz4.

export const MINMATCH = 4;
/** Bytes at the end of a block that no match may start in (WILDCOPYLENGTH + MINMATCH). */
export const MFLIMIT = 12;
/** The last 5 bytes of a block are always literals. */
export const LASTLITERALS = 5;
/** Shorter inputs are emitted as one literal run (LZ4_minLength = MFLIMIT + 1). */
export const MIN_LENGTH = MFLIMIT + 1;
export const ML_BITS = 4;
export const ML_MASK = (1 << ML_BITS) - 1;
export const RUN_MASK = ML_MASK;
/** LZ4_skipTrigger: misses before the search step grows by one. */
export const SKIP_TRIGGER = 6;
/** The byU16 table path is taken for inputs below 64 KiB + MFLIMIT - 1 (LZ4_64Klimit). */
export const LIMIT_64K = 65536 + MFLIMIT - 1;
/** LZ4_HASHLOG (12, from LZ4_MEMORY_USAGE 14) + 1 for 16-bit entries. */
export const HASH_LOG_U16 = 13;
export const HASH_SIZE_U16 = 1 << HASH_LOG_U16;
/** LZ4_ACCELERATION_DEFAULT; also what an acceleration below 1 becomes. */
export const ACCELERATION_DEFAULT = 1;

/** 2654435761 (Knuth's multiplicative constant, LZ4's prime) as two 16-bit halves. */
const PRIME32_LO = 2654435761 & 0xffff;
const PRIME32_HI = 2654435761 >>> 16;

/** Worst-case output size for n input bytes (LZ4_COMPRESSBOUND). */
export function compressBound(n: number): number {
  return n + ((n / 255) | 0) + 16;
}

/** LZ4_hash4 for byU16: the top 13 bits of the 32-bit product of the 4 bytes at a position
 * (read little-endian, as LZ4_read32 on x86). */
export function hash32(sequence: number): number {
  // The low 32 bits of sequence * 2654435761 (what Math.imul gives), from 16-bit halves so each
  // product is exact in a double. Not Math.imul: inside Jest's vm context calls to Math builtins
  // are not inlined and cost ~50x more (jestjs/jest#5163), which made the replay tests crawl.
  const lo32 = sequence * PRIME32_LO + (((sequence * PRIME32_HI) & 0xffff) << 16);
  return lo32 >>> (32 - HASH_LOG_U16);
}

/** The backend passes params->level as acceleration; LZ4 turns anything below 1 into 1. */
export function accelerationOf(level: number | undefined): number {
  if (level === undefined || !(level >= 1)) return ACCELERATION_DEFAULT;
  // The kernel's level is a C int: keep the integer part, clamped to int range.
  return level >= 0x7fffffff ? 0x7fffffff : level | 0;
}

/** Bytes needed after the token for a literal or match length field of value n. */
export function extraLengthBytes(n: number): number {
  return n < 15 ? 0 : 1 + (((n - 15) / 255) | 0);
}
