// AssemblyScript: LZ4_decompress_safe's rules as src/compress/lz4/decompress.ts applies them,
// reading the block from SRC and writing into DST; corrupt input gives -1 (and DST is then
// not the caller's buffer, so nothing of a failed decode reaches it).
import { DST, SRC } from './layout';

@inline function ld(p: i32): i32 { return <i32>load<u8>(SRC + <usize>p); }

/** Copies 8 bytes at a time from s to d until d reaches end (up to 7 bytes past it; DST and SRC
 * have room, and bytes past the current output position are overwritten before they count).
 * Exact for overlapping copies too as long as d - s >= 8. */
@inline function wildCopy(d: usize, s: usize, end: usize): void {
  do { store<u64>(d, load<u64>(s)); d += 8; s += 8; } while (d < end);
}

/** Decodes SRC[0, iend) into DST with capacity oend; returns the decoded length or -1. */
export function lz4Decompress(iend: i32, oend: i32): i32 {
  if (iend == 0) return -1;
  let ip: i32 = 0, op: i32 = 0;
  for (;;) {
    if (ip >= iend) return -1;
    const token = ld(ip++);
    let len = token >> 4;
    if (len == 15) {
      let b: i32;
      do {
        if (ip >= iend) return -1;
        b = ld(ip++);
        len += b;
      } while (b == 255);
    }
    const cpy = op + len;
    // The last literal run must end both buffers cleanly (offset 2 + token 1 + 5 literals).
    if (cpy > oend - 12 || ip + len > iend - 8) {
      if (ip + len != iend || cpy > oend) return -1;
      memory.copy(DST + <usize>op, SRC + <usize>ip, <usize>len);
      return cpy;
    }
    wildCopy(DST + <usize>op, SRC + <usize>ip, DST + <usize>cpy);
    ip += len;
    op = cpy;
    const offset = ld(ip) | (ld(ip + 1) << 8);
    ip += 2;
    if (offset == 0 || offset > op) return -1;
    let ml = token & 15;
    if (ml == 15) {
      let b: i32;
      do {
        if (ip >= iend - 5) return -1;
        b = ld(ip++);
        ml += b;
      } while (b == 255);
    }
    ml += 4;
    if (op + ml > oend - 5) return -1;
    const end = op + ml;
    // A match repeats the output with period `offset`; any multiple of it that is >= 8 reads
    // only bytes already final, 8 at a time. The first (dist - offset) bytes go one by one.
    const dist = offset >= 8 ? offset : (8 + offset - 1) / offset * offset;
    const head = min(end, op + dist - offset);
    for (let m = op - offset; op < head; op++, m++) store<u8>(DST + <usize>op, load<u8>(DST + <usize>m));
    if (op < end) wildCopy(DST + <usize>op, DST + <usize>(op - dist), DST + <usize>end);
    op = end;
  }
  return unreachable();
}
