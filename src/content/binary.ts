// Binary-like pages: fixed-size structs, int32 counters, float64 series, pointer-like u64 tables.
// All little-endian (x86-64) and built from integer arithmetic only.
import { newPage, PageGenerator } from './page';

function view(page: Uint8Array): DataView {
  return new DataView(page.buffer, page.byteOffset, page.byteLength);
}

/** 32-byte records: id, flags, a growing u64 timestamp, a length, and a pointer-like u64. */
export const structs: PageGenerator = (rng) => {
  const page = newPage();
  const v = view(page);
  let id = rng.below(1 << 20);
  let time = rng.next() * 1024;
  const base = 0x7f0000000000 + rng.below(1 << 24) * 4096;
  for (let off = 0; off + 32 <= page.length; off += 32) {
    v.setUint32(off, id++, true);
    v.setUint32(off + 4, rng.pick([0, 1, 3, 0x80, 0x81]), true);
    time += rng.range(1, 5000);
    v.setBigUint64(off + 8, BigInt(time), true);
    v.setUint32(off + 16, rng.range(0, 4096), true);
    // bytes 20..23 stay zero: padding, as in real structs
    v.setBigUint64(off + 24, BigInt(base + rng.below(4096) * 64), true);
  }
  return page;
};

/** int32 counters: several interleaved counters advancing by small steps. */
export const int32Counters: PageGenerator = (rng) => {
  const page = newPage();
  const v = view(page);
  const lanes = rng.range(1, 8);
  const counters = Array.from({ length: lanes }, () => rng.below(1 << 24));
  const maxStep = rng.pick([1, 3, 16, 300]);
  for (let i = 0; i < page.length / 4; i++) {
    const lane = i % lanes;
    counters[lane] = (counters[lane] + rng.range(0, maxStep)) | 0;
    v.setInt32(i * 4, counters[lane], true);
  }
  return page;
};

/** float64 series: a random walk with rational steps (exact in binary64 on every machine). */
export const float64Series: PageGenerator = (rng) => {
  const page = newPage();
  const v = view(page);
  let x = rng.range(-1000, 1000);
  const scale = rng.pick([1, 8, 1024, 1000]);
  for (let off = 0; off < page.length; off += 8) {
    x += (rng.range(0, 2000) - 1000) / scale;
    v.setFloat64(off, x, true);
  }
  return page;
};

/** Pointer-like u64 tables: user-space or kernel addresses, aligned, clustered, some NULLs. */
export const pointerTable: PageGenerator = (rng) => {
  const page = newPage();
  const v = view(page);
  const kernel = rng.chance(0.5);
  const hi = kernel ? 0xffff8880 + rng.below(16) : 0x00007f00 + rng.below(256);
  const align = rng.pick([8, 16, 64]);
  for (let off = 0; off < page.length; off += 8) {
    if (rng.chance(0.15)) continue; // NULL entry
    const lo = (rng.below(1 << 20) * align) >>> 0;
    v.setUint32(off, lo, true);
    v.setUint32(off + 4, hi, true);
  }
  return page;
};
