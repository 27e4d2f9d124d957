// LZO1X instruction encoders (Documentation/staging/lzo.rst). Each takes the output array, or
// null to only count bytes (compressedLength), and returns the new output position.
import { M2_MAX_LEN, M2_MAX_OFFSET, M3_MARKER, M3_MAX_LEN, M3_MAX_OFFSET, M4_MARKER, M4_MAX_LEN,
  MIN_ZERO_RUN_LENGTH } from './constants';

/** Writes `n` as a run of zero bytes plus a remainder byte (n >= 1): the "255 count" encoding. */
function emitLongCount(out: Uint8Array | null, op: number, n: number): number {
  while (n > 255) {
    n -= 255;
    if (out !== null) out[op] = 0;
    op++;
  }
  if (out !== null) out[op] = n;
  return op + 1;
}

/** Copies literal bytes: a plain loop for short runs (subarray() allocates), memcpy for long ones. */
function copyBytes(out: Uint8Array, op: number, src: Uint8Array, start: number, t: number): void {
  if (t >= 64) out.set(src.subarray(start, start + t), op);
  else for (let i = 0; i < t; i++) out[op + i] = src[start + i];
}

/** Header of a literal run of t >= 4 bytes that is not the stream's first instruction. */
export function emitLiteralHeader(out: Uint8Array | null, op: number, t: number): number {
  if (t <= 18) {
    if (out !== null) out[op] = t - 3;
    return op + 1;
  }
  if (out !== null) out[op] = 0;
  return emitLongCount(out, op + 1, t - 18);
}

/**
 * A literal run of t >= 1 bytes from src[start..]. Runs of 1..3 ride in the low two bits of the
 * previous instruction's byte at op + stateOffset (-2 after a match, -3 after a zero run).
 */
export function emitLiterals(out: Uint8Array | null, op: number, stateOffset: number,
  src: Uint8Array, start: number, t: number): number {
  if (t <= 3) {
    if (out !== null) out[op + stateOffset] |= t;
  } else {
    op = emitLiteralHeader(out, op, t);
  }
  if (out !== null) copyBytes(out, op, src, start, t);
  return op + t;
}

/** A match of mLen >= 4 bytes at distance mOff (1..0xbfff) as M2, M3 or M4. */
export function emitMatch(out: Uint8Array | null, op: number, mLen: number, mOff: number): number {
  if (mLen <= M2_MAX_LEN && mOff <= M2_MAX_OFFSET) {
    mOff -= 1;
    if (out !== null) {
      out[op] = ((mLen - 1) << 5) | ((mOff & 7) << 2);
      out[op + 1] = mOff >> 3;
    }
    return op + 2;
  }
  if (mOff <= M3_MAX_OFFSET) {
    mOff -= 1;
    if (mLen <= M3_MAX_LEN) {
      if (out !== null) out[op] = M3_MARKER | (mLen - 2);
      op++;
    } else {
      if (out !== null) out[op] = M3_MARKER;
      op = emitLongCount(out, op + 1, mLen - M3_MAX_LEN);
    }
  } else {
    mOff -= 0x4000;
    const hi = M4_MARKER | ((mOff >> 11) & 8); // bit 14 of the distance
    if (mLen <= M4_MAX_LEN) {
      if (out !== null) out[op] = hi | (mLen - 2);
      op++;
    } else {
      if (out !== null) out[op] = hi;
      op = emitLongCount(out, op + 1, mLen - M4_MAX_LEN);
    }
  }
  if (out !== null) {
    out[op] = (mOff << 2) & 0xff;
    out[op + 1] = (mOff >> 6) & 0xff;
  }
  return op + 2;
}

/** lzo-rle's zero run of 4..2051 bytes: 0x18|r&7, 0xfc, 0xff, r>>3 with r = run - 4. */
export function emitZeroRun(out: Uint8Array | null, op: number, run: number): number {
  const r = run - MIN_ZERO_RUN_LENGTH;
  if (out !== null) {
    out[op] = 0x18 | (r & 7);
    out[op + 1] = 0xfc;
    out[op + 2] = 0xff;
    out[op + 3] = r >> 3;
  }
  return op + 4;
}

/** The end-of-stream marker: an M4 with distance 0x4000 and length 3. */
export function emitEnd(out: Uint8Array | null, op: number): number {
  if (out !== null) {
    out[op] = M4_MARKER | 1;
    out[op + 1] = 0;
    out[op + 2] = 0;
  }
  return op + 3;
}

/**
 * The literals left after the last chunk. If nothing was emitted yet and t <= 238 the run is
 * announced by one byte 17 + t (the only place the compressor uses that form).
 */
export function emitTrailingLiterals(out: Uint8Array | null, op: number, dataStart: number,
  stateOffset: number, src: Uint8Array, start: number, t: number): number {
  if (op === dataStart && t <= 238) {
    if (out !== null) {
      out[op] = 17 + t;
      copyBytes(out, op + 1, src, start, t);
    }
    return op + 1 + t;
  }
  return emitLiterals(out, op, stateOffset, src, start, t);
}
