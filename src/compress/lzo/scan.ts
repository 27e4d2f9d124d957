// Forward scans of the compressor: how far a verified match and a zero run extend.
import { MAX_ZERO_RUN_LENGTH } from './constants';
import { readLe32 } from './dict';

/**
 * Length of a match already verified for 4 bytes. The kernel compares 8 bytes at a time and
 * checks the chunk limit only after a whole equal group, so a match that reaches ipEnd stops at
 * 12, 20, 28, ... bytes even if more bytes agree. (The 64-bit, 32-bit and byte-wise variants of
 * the kernel all stop there.) Reads stay below ipEnd + 8 <= the chunk end.
 */
export function matchLength(src: Uint8Array, ip: number, mPos: number, ipEnd: number): number {
  let m = 4;
  for (;;) {
    const lo = readLe32(src, ip + m) ^ readLe32(src, mPos + m);
    if (lo !== 0) return m + firstDifferingByte(lo);
    const hi = readLe32(src, ip + m + 4) ^ readLe32(src, mPos + m + 4);
    if (hi !== 0) return m + 4 + firstDifferingByte(hi);
    m += 8;
    if (ip + m >= ipEnd) return m;
  }
}

/** Index of the lowest non-zero byte of a non-zero 32-bit XOR (little-endian: the first one). */
function firstDifferingByte(x: number): number {
  return (31 - Math.clz32(x & -x)) >> 3;
}

/**
 * lzo-rle: the zero run at ip (its first 4 bytes known zero), counted up to
 * min(ipEnd, ip + 2052) and capped at 2051. It is never shorter than 4.
 */
export function zeroRunLength(src: Uint8Array, ip: number, ipEnd: number): number {
  const limit = Math.min(ipEnd, ip + MAX_ZERO_RUN_LENGTH + 1);
  let ir = ip + 4;
  while (ir + 4 <= limit && readLe32(src, ir) === 0) ir += 4;
  while (ir < limit && src[ir] === 0) ir++;
  const run = ir - ip;
  return run > MAX_ZERO_RUN_LENGTH ? MAX_ZERO_RUN_LENGTH : run;
}
