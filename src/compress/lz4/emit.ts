// Writes the LZ4 block for the sequences of the last parse() (token, literal-length bytes,
// literals, little-endian 16-bit offset, match-length bytes; then the final literal run).

import { ML_BITS, ML_MASK, MINMATCH, RUN_MASK } from './constants';
import { parsed, sequences } from './parse';

/** Writes the 255-run and remainder of a length field whose value is >= 15. */
function writeExtraLength(dst: Uint8Array, op: number, rest: number): number {
  while (rest >= 255) { dst[op++] = 255; rest -= 255; }
  dst[op++] = rest;
  return op;
}

/** Token's literal part + length bytes + literal copy; returns the new output position. */
function writeLiterals(src: Uint8Array, anchor: number, litLen: number, dst: Uint8Array, op: number, matchNibble: number): number {
  if (litLen >= RUN_MASK) {
    dst[op++] = (RUN_MASK << ML_BITS) | matchNibble;
    op = writeExtraLength(dst, op, litLen - RUN_MASK);
  } else {
    dst[op++] = (litLen << ML_BITS) | matchNibble;
  }
  if (litLen > 32) {
    dst.set(src.subarray(anchor, anchor + litLen), op);
    return op + litLen;
  }
  for (let i = 0; i < litLen; i++) dst[op + i] = src[anchor + i];
  return op + litLen;
}

/** Emits the block of the last parse(src) into dst (capacity checked by the caller); returns its length. */
export function emit(src: Uint8Array, dst: Uint8Array): number {
  const seq = sequences;
  let op = 0, anchor = 0;
  for (let i = 0, k = 0; i < parsed.count; i++, k += 3) {
    const litLen = seq[k], offset = seq[k + 1], mc = seq[k + 2];
    op = writeLiterals(src, anchor, litLen, dst, op, mc >= ML_MASK ? ML_MASK : mc);
    dst[op++] = offset & 0xff;
    dst[op++] = offset >>> 8;
    if (mc >= ML_MASK) op = writeExtraLength(dst, op, mc - ML_MASK);
    anchor += litLen + MINMATCH + mc;
  }
  return writeLiterals(src, anchor, src.length - anchor, dst, op, 0);
}
