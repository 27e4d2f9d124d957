// The match finder of LZ4 v1.7.3's LZ4_compress_generic on the byU16 / noDict / noLimit path,
// which is what Linux 6.18's lib/lz4 LZ4_compress_fast runs for a 4 KiB zram page.
// It records the sequences and sums the encoded size; emit.ts turns them into bytes.
// Module-level scratch is re-zeroed (table) or overwritten (sequences) on every call,
// so parse() is a pure function of (src, acceleration).

import {
  HASH_SIZE_U16, LASTLITERALS, MFLIMIT, MINMATCH, MIN_LENGTH, SKIP_TRIGGER,
  extraLengthBytes, hash32,
} from './constants';

/** hashTable: 16-bit positions; zeroed per call, so an empty slot means "position 0". */
const hashTable = new Uint16Array(HASH_SIZE_U16);

/** Each sequence covers at least MINMATCH bytes, so a < 64 KiB input has < 16,400 of them. */
const MAX_SEQUENCES = 16400;
/** Per sequence: literal length, match offset, match length - MINMATCH. */
export const sequences = new Int32Array(MAX_SEQUENCES * 3);

/** Result of the last parse(): number of sequences and where the final literal run starts. */
export const parsed = { count: 0, lastAnchor: 0 };

/** Bytes equal at p and m, scanning p up to (not including) limit (LZ4_count). */
function count(dv: DataView, s: Uint8Array, p: number, m: number, limit: number): number {
  const start = p;
  while (p < limit - 3) {
    const x = dv.getInt32(p, true) ^ dv.getInt32(m, true);
    // The first differing byte is the lowest non-zero byte of the XOR (little-endian).
    if (x !== 0) return p - start + ((x & 0xff) !== 0 ? 0 : (x & 0xffff) !== 0 ? 1 : (x & 0xffffff) !== 0 ? 2 : 3);
    p += 4; m += 4;
  }
  while (p < limit && s[p] === s[m]) { p++; m++; }
  return p - start;
}

/** Token + length bytes + the literals themselves. */
function literalCost(litLen: number): number {
  return 1 + extraLengthBytes(litLen) + litLen;
}

/**
 * Parses src into sequences and returns the exact compressed length. The caller guarantees
 * src.length < LIMIT_64K (the byU16 path) and acceleration >= 1.
 */
export function parse(src: Uint8Array, acceleration: number): number {
  const n = src.length;
  parsed.count = 0;
  parsed.lastAnchor = 0;
  if (n < MIN_LENGTH) return literalCost(n);
  hashTable.fill(0);
  const size = parseBody(src, n, acceleration);
  return size + literalCost(n - parsed.lastAnchor);
}

/**
 * Main loop; returns the size of all sequences. Position 0 is already "in" the zeroed table.
 * One function on purpose: it is the replay hot path and V8 keeps all its state in registers.
 * Reads go through a DataView (little-endian getInt32 is LZ4_read32 on x86, and faster here
 * than assembling bytes).
 */
function parseBody(src: Uint8Array, n: number, acceleration: number): number {
  const mflimit = n - MFLIMIT;
  const matchlimit = n - LASTLITERALS;
  const table = hashTable;
  const seq = sequences;
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  let size = 0, nSeq = 0, anchor = 0;
  let ip = 1;
  // The 4 bytes at the next probe: hashed now, compared when the probe becomes ip.
  let forwardSeq = dv.getInt32(ip, true);
  for (;;) {
    // Find a match: steps of 1 for the first misses, then growing (the skip heuristic).
    let forwardIp = ip, step = 1, searchMatchNb = (acceleration << SKIP_TRIGGER) >>> 0;
    let match: number;
    let seqAtIp: number;
    do {
      seqAtIp = forwardSeq;
      const h = hash32(seqAtIp);
      ip = forwardIp;
      forwardIp += step;
      step = searchMatchNb >>> SKIP_TRIGGER;
      searchMatchNb = (searchMatchNb + 1) >>> 0;
      if (forwardIp > mflimit) return finish(size, nSeq, anchor);
      match = table[h];
      forwardSeq = dv.getInt32(forwardIp, true);
      table[h] = ip;
    } while (dv.getInt32(match, true) !== seqAtIp);
    // Catch up: extend the match backwards over pending literals.
    while (ip > anchor && match > 0 && src[ip - 1] === src[match - 1]) { ip--; match--; }
    let litLen = ip - anchor;
    for (;;) {
      const mc = count(dv, src, ip + MINMATCH, match + MINMATCH, matchlimit);
      const k = nSeq * 3;
      seq[k] = litLen; seq[k + 1] = ip - match; seq[k + 2] = mc;
      nSeq++;
      size += 1 + extraLengthBytes(litLen) + litLen + 2 + extraLengthBytes(mc);
      ip += MINMATCH + mc;
      anchor = ip;
      if (ip > mflimit) return finish(size, nSeq, anchor);
      table[hash32(dv.getInt32(ip - 2, true))] = ip - 2;
      // Test the next position at once: a hit becomes a sequence with no literals.
      const seqNow = dv.getInt32(ip, true);
      const h = hash32(seqNow);
      match = table[h];
      table[h] = ip;
      if (dv.getInt32(match, true) !== seqNow) break;
      litLen = 0;
    }
    forwardSeq = dv.getInt32(++ip, true);
  }
}

function finish(size: number, nSeq: number, anchor: number): number {
  parsed.count = nSeq;
  parsed.lastAnchor = anchor;
  return size;
}
