// A safe LZ4 block decoder with LZ4_decompress_safe's end-of-block rules, measured against the
// output capacity: a literal run reaching the last MFLIMIT bytes of dst (or the last 8 of src) must
// be the final one and end exactly at the end of src; a match must end LASTLITERALS before dst's end.
// Every read and write is bounds-checked first: corrupt input gives -1, never an exception.

import { LASTLITERALS, MFLIMIT, MINMATCH, ML_BITS, ML_MASK, RUN_MASK } from './constants';

/** Sentinel for a length field that runs off the end of the input. */
const TRUNCATED = -1;

/** Adds the 255-run continuation bytes of a length field; `end` bounds where they may be read. */
function readExtraLength(src: Uint8Array, pos: { ip: number }, len: number, end: number): number {
  let b: number;
  do {
    if (pos.ip >= end) return TRUNCATED;
    b = src[pos.ip++];
    len += b;
  } while (b === 255);
  return len;
}

/** Smallest tail of src after a non-final literal run: offset (2) + token (1) + LASTLITERALS. */
const TAIL_AFTER_LITERALS = 2 + 1 + LASTLITERALS;

/** Decodes the block src into dst; returns the decoded length or -1 when src is corrupt. */
export function decompressBlock(src: Uint8Array, dst: Uint8Array): number {
  const iend = src.length, oend = dst.length;
  if (iend === 0) return -1;
  const pos = { ip: 0 };
  let op = 0;
  for (;;) {
    if (pos.ip >= iend) return -1;
    const token = src[pos.ip++];
    let len = token >>> ML_BITS;
    if (len === RUN_MASK && (len = readExtraLength(src, pos, len, iend)) === TRUNCATED) return -1;
    let ip = pos.ip;
    const cpy = op + len;
    if (cpy > oend - MFLIMIT || ip + len > iend - TAIL_AFTER_LITERALS) {
      if (ip + len !== iend || cpy > oend) return -1; // the last run must end both buffers cleanly
      dst.set(src.subarray(ip, iend), op);
      return cpy;
    }
    if (len > 16) dst.set(src.subarray(ip, ip + len), op);
    else for (let i = 0; i < len; i++) dst[op + i] = src[ip + i];
    ip += len;
    op = cpy;
    const offset = src[ip] | (src[ip + 1] << 8);
    pos.ip = ip + 2;
    if (offset === 0 || offset > op) return -1; // before the start of the output
    let ml = token & ML_MASK;
    if (ml === ML_MASK && (ml = readExtraLength(src, pos, ml, iend - LASTLITERALS)) === TRUNCATED) return -1;
    ml += MINMATCH;
    if (op + ml > oend - LASTLITERALS) return -1;
    // An offset below the length repeats the bytes just written: that copy goes byte by byte.
    if (offset >= ml && ml > 16) {
      dst.copyWithin(op, op - offset, op - offset + ml);
      op += ml;
    } else {
      for (let m = op - offset, end = op + ml; op < end;) dst[op++] = dst[m++];
    }
  }
}
