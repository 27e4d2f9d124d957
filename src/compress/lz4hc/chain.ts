// LZ4HC's hash-chain match finder as lib/lz4/lz4hc_compress.c has it (LZ4 1.7.3, the kernel's
// copy): a 15-bit hash of the next 4 bytes heads a chain of 16-bit position deltas. Positions are
// kept as the kernel's indices (offset by 64 KiB), so "index 0 = empty" works the same way.
import { MINMATCH } from '../lz4/constants';

export const HC_HASH_LOG = 15;
const MAX_DISTANCE = 65535;
/** LZ4HC_init: base = start - 64 KiB, so the first byte of the input has index 65536. */
export const BASE = 65536;

export interface HcState {
  readonly src: Uint8Array;
  readonly hashTable: Uint32Array; // 1 << 15 entries, zeroed per call
  readonly chainTable: Uint16Array; // 64 Ki entries, 0xFFFF per call
  nextToUpdate: number;
}

export function newHcState(src: Uint8Array): HcState {
  const chainTable = new Uint16Array(65536).fill(0xffff);
  return { src, hashTable: new Uint32Array(1 << HC_HASH_LOG), chainTable, nextToUpdate: BASE };
}

const read32 = (s: Uint8Array, p: number): number => (s[p] | (s[p + 1] << 8) | (s[p + 2] << 16) | (s[p + 3] << 24)) >>> 0;
const hashAt = (s: Uint8Array, p: number): number => Math.imul(read32(s, p), 2654435761) >>> (MINMATCH * 8 - HC_HASH_LOG);

/** LZ4_count: how many bytes from `a` equal those from `b`, stopping at `limit` (for `a`). */
export function count(s: Uint8Array, a: number, b: number, limit: number): number {
  const start = a;
  while (a < limit && s[a] === s[b]) { a++; b++; }
  return a - start;
}

/** LZ4HC_Insert: chains every position from nextToUpdate up to `pos` (excluded). */
function insert(h: HcState, pos: number): void {
  const target = pos + BASE;
  for (let idx = h.nextToUpdate; idx < target; idx++) {
    const k = hashAt(h.src, idx - BASE);
    h.chainTable[idx & 0xffff] = Math.min(idx - h.hashTable[k], MAX_DISTANCE);
    h.hashTable[k] = idx;
  }
  h.nextToUpdate = target;
}

/** The oldest index a match may use (the 64 KiB window, never before the input). */
const lowLimitAt = (pos: number): number => (BASE + 65536 > pos + BASE ? BASE : pos + BASE - (65536 - 1));

export interface Found { len: number; ref: number; start: number }

/** LZ4HC_InsertAndFindBestMatch: the longest match for `ip` (length 0 when none). */
export function findBestMatch(h: HcState, ip: number, iLimit: number, attempts: number, out: Found): number {
  const s = h.src;
  insert(h, ip);
  const low = lowLimitAt(ip);
  let ml = 0;
  let idx = h.hashTable[hashAt(s, ip)];
  for (let n = attempts; idx >= low && n > 0; n--) {
    const m = idx - BASE;
    if (s[m + ml] === s[ip + ml] && read32(s, m) === read32(s, ip)) {
      const mlt = count(s, ip + MINMATCH, m + MINMATCH, iLimit) + MINMATCH;
      if (mlt > ml) { ml = mlt; out.ref = m; }
    }
    idx -= h.chainTable[idx & 0xffff];
  }
  return ml;
}

/** LZ4HC_InsertAndGetWiderMatch: a match longer than `longest` that may also extend backwards
 * down to `iLow`; sets out.ref and out.start when it finds one. */
export function getWiderMatch(h: HcState, ip: number, iLow: number, iHigh: number, longest: number,
  attempts: number, out: Found): number {
  const s = h.src;
  const delta = ip - iLow;
  insert(h, ip);
  const low = lowLimitAt(ip);
  let idx = h.hashTable[hashAt(s, ip)];
  for (let n = attempts; idx >= low && n > 0; n--) {
    const m = idx - BASE;
    if (s[iLow + longest] === s[m - delta + longest] && read32(s, m) === read32(s, ip)) {
      let mlt = MINMATCH + count(s, ip + MINMATCH, m + MINMATCH, iHigh);
      let back = 0;
      while (ip + back > iLow && m + back > 0 && s[ip + back - 1] === s[m + back - 1]) back--;
      mlt -= back;
      if (mlt > longest) { longest = mlt; out.ref = m + back; out.start = ip + back; }
    }
    idx -= h.chainTable[idx & 0xffff];
  }
  return longest;
}
