// AssemblyScript: lzo1x_decompress_safe's rules as src/compress/lzo/decompress.ts and
// decode-match.ts apply them (versions 0 and 1, every read, write and back-reference checked),
// reading the stream from SRC and writing into DST; corrupt input gives -1 (DST is then not the
// caller's buffer, so nothing of a failed decode reaches it).
import { DST, SRC } from './layout';

const VERSION_MARKER: i32 = 17;
const M2_MAX_OFFSET: i32 = 0x0800;
const MIN_ZERO_RUN_LENGTH: i32 = 4;

@inline function ld(p: i32): i32 { return <i32>load<u8>(SRC + <usize>p); }

/** Copies 8 bytes at a time from s to d until d reaches end (up to 7 bytes past it: DST and SRC
 * have room, and bytes past the output position are overwritten before they count). Exact for
 * overlapping copies as long as d - s >= 8. */
@inline function wildCopy(d: usize, s: usize, end: usize): void {
  do { store<u64>(d, load<u64>(s)); d += 8; s += 8; } while (d < end);
}

/** A match of t bytes from `dist` back: the output repeats with that period, so any multiple
 * of it that is >= 8 reads only final bytes; the first (multiple - dist) bytes go one by one. */
@inline function copyMatch(op: i32, dist: i32, t: i32): void {
  const end = op + t;
  const step = dist >= 8 ? dist : (8 + dist - 1) / dist * dist;
  const head = min(end, op + step - dist);
  for (; op < head; op++) store<u8>(DST + <usize>op, load<u8>(DST + <usize>(op - dist)));
  if (op < end) wildCopy(DST + <usize>op, DST + <usize>(op - step), DST + <usize>end);
}

// The decoder's registers, shared with readCount (a module global is cheaper than a return pair).
let gIp: i32 = 0;

/** A "255 count" at gIp: zero bytes worth 255 each, then a non-zero byte; base plus the total,
 * or -1 if the input ends first. The caller guarantees gIp < iend. */
@inline function readCount(iend: i32, base: i32): i32 {
  const first = gIp;
  let ip = first;
  while (ld(ip) == 0) {
    ip++;
    if (ip >= iend) return -1;
  }
  gIp = ip + 1;
  return (ip - first) * 255 + base + ld(ip);
}

/** Decodes SRC[0, iend) into DST with capacity oend; returns the decoded length or -1. */
export function lzoDecompress(iend: i32, oend: i32): i32 {
  if (iend < 3) return -1;
  let ip: i32 = 0, op: i32 = 0, version: i32 = 0;
  if (iend >= 5 && ld(0) == VERSION_MARKER) { version = ld(1); ip = 2; }
  let state: i32 = 0;
  let t: i32 = 0;
  if (ld(ip) > 17) { // a first literal run announced as 17 + t
    t = ld(ip++) - 17;
    if (oend - op < t || iend - ip < t + 3) return -1;
    wildCopy(DST + <usize>op, SRC + <usize>ip, DST + <usize>(op + t));
    op += t; ip += t;
    state = t >= 4 ? 4 : t;
  }
  for (;;) { // invariant: at least 3 input bytes remain here
    const insn = ld(ip++);
    let mPos: i32;
    let next: i32;
    if (insn < 16) {
      if (state == 0) { // a literal run
        if (insn == 0) {
          gIp = ip;
          t = readCount(iend, 15 + 3);
          ip = gIp;
          if (t < 0) return -1;
        } else {
          t = insn + 3;
        }
        if (oend - op < t || iend - ip < t + 3) return -1;
        wildCopy(DST + <usize>op, SRC + <usize>ip, DST + <usize>(op + t));
        op += t; ip += t;
        state = 4;
        continue;
      }
      // M1: 2 bytes after a match's trailing literals, 3 bytes (2 KiB further) after a run.
      next = insn & 3;
      mPos = op - 1 - (state == 4 ? M2_MAX_OFFSET : 0) - (insn >> 2) - (ld(ip++) << 2);
      t = state == 4 ? 3 : 2;
    } else if (insn >= 64) { // M2: length 3..8, distance up to 2 KiB
      next = insn & 3;
      mPos = op - 1 - ((insn >> 2) & 7) - (ld(ip++) << 3);
      t = (insn >> 5) + 1;
    } else if (insn >= 32) { // M3: distance up to 16 KiB
      t = (insn & 31) + 2;
      if (t == 2) {
        gIp = ip;
        t = readCount(iend, 31 + 2);
        ip = gIp;
        if (t < 0 || iend - ip < 2) return -1;
      }
      const nx = ld(ip) | (ld(ip + 1) << 8);
      ip += 2;
      mPos = op - 1 - (nx >> 2);
      next = nx & 3;
    } else { // M4: a zero run (version 1), the end marker, or a match 16..48 KiB back
      if (iend - ip < 2) return -1;
      let nx = ld(ip) | (ld(ip + 1) << 8);
      if ((nx & 0xfffc) == 0xfffc && (insn & 0xf8) == 0x18 && version != 0) {
        if (iend - ip < 3) return -1;
        const run = ((insn & 7) | (ld(ip + 2) << 3)) + MIN_ZERO_RUN_LENGTH;
        if (oend - op < run) return -1;
        memory.fill(DST + <usize>op, 0, <usize>run);
        op += run;
        ip += 3;
        state = nx & 3;
        if (oend - op < state || iend - ip < state + 3) return -1;
        wildCopy(DST + <usize>op, SRC + <usize>ip, DST + <usize>(op + state));
        op += state; ip += state;
        continue;
      }
      mPos = op - ((insn & 8) << 11);
      t = (insn & 7) + 2;
      if (t == 2) {
        gIp = ip;
        t = readCount(iend, 7 + 2);
        ip = gIp;
        if (t < 0 || iend - ip < 2) return -1;
        nx = ld(ip) | (ld(ip + 1) << 8);
      }
      ip += 2;
      mPos -= nx >> 2;
      next = nx & 3;
      if (mPos == op) return t == 3 && ip == iend ? op : -1; // the end marker
      mPos -= 0x4000;
    }
    if (mPos < 0 || oend - op < t) return -1;
    copyMatch(op, op - mPos, t);
    op += t;
    state = next;
    if (oend - op < state || iend - ip < state + 3) return -1;
    if (state != 0) wildCopy(DST + <usize>op, SRC + <usize>ip, DST + <usize>(op + state));
    op += state; ip += state;
  }
  return unreachable(); // the loop only ends through a return; asc wants one here
}
