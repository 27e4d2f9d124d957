// AssemblyScript (compiled to WebAssembly by tools/build-wasm.js, not by tsc): the same LZ4
// v1.7.3 byU16 / noDict compressor as src/compress/lz4/parse.ts + emit.ts, in one pass that
// writes the block as it finds the sequences (what the kernel's LZ4_compress_generic does).
// It must produce the bytes of the TypeScript one exactly (test/compress/wasm-identity.test.ts).
import { DST, HASH, SRC } from './layout';

const MINMATCH: i32 = 4;
const MFLIMIT: i32 = 12;
const LASTLITERALS: i32 = 5;
const SKIP_TRIGGER: u32 = 6;
const HASH_LOG: u32 = 13;

@inline function hash(seq: u32): usize {
  return <usize>((seq * 2654435761) >>> (32 - HASH_LOG)) << 1;
}

@inline function tableGet(h: usize): i32 {
  return <i32>load<u16>(HASH + h);
}

@inline function tablePut(h: usize, pos: i32): void {
  store<u16>(HASH + h, <u16>pos);
}

@inline function read32(p: i32): u32 {
  return load<u32>(SRC + <usize>p);
}

/** LZ4_count: bytes equal at p and m, p up to (not including) limit. */
@inline function count(p: i32, m: i32, limit: i32): i32 {
  const start = p;
  while (p < limit - 7) {
    const x = load<u64>(SRC + <usize>p) ^ load<u64>(SRC + <usize>m);
    if (x != 0) return p - start + <i32>(ctz<u64>(x) >> 3);
    p += 8; m += 8;
  }
  while (p < limit && load<u8>(SRC + <usize>p) == load<u8>(SRC + <usize>m)) { p++; m++; }
  return p - start;
}

/** Copies [s, s + (end - d)) to d 8 bytes at a time, writing up to 7 bytes past end (DST has
 * room, and the caller copies out only the block's length); LZ4's own wildCopy. */
@inline function wildCopy(d: usize, s: usize, end: usize): void {
  do { store<u64>(d, load<u64>(s)); d += 8; s += 8; } while (d < end);
}

/** The 255-run and remainder of a length field of value >= 15 (rest = value - 15). */
@inline function writeExtra(op: usize, rest: i32, write: bool): usize {
  if (!write) return op + <usize>(rest / 255) + 1;
  while (rest >= 255) { store<u8>(op++, 255); rest -= 255; }
  store<u8>(op++, <u8>rest);
  return op;
}

/** Token (literal part | matchNibble), literal length bytes, literals; returns the new op.
 * With write false nothing is stored: only op advances (the length-only pass). */
@inline function writeLiterals(op: usize, anchor: i32, litLen: i32, matchNibble: i32, write: bool): usize {
  if (litLen >= 15) {
    if (write) store<u8>(op, <u8>(0xf0 | matchNibble));
    op = writeExtra(op + 1, litLen - 15, write);
  } else {
    if (write) store<u8>(op, <u8>((litLen << 4) | matchNibble));
    op++;
  }
  if (write) wildCopy(op, SRC + <usize>anchor, op + <usize>litLen);
  return op + <usize>litLen;
}

/** One sequence: literals src[anchor, anchor + litLen), then the match (offset, mc + 4 bytes). */
@inline function writeSequence(op: usize, anchor: i32, litLen: i32, offset: i32, mc: i32, write: bool): usize {
  op = writeLiterals(op, anchor, litLen, mc >= 15 ? 15 : mc, write);
  if (write) store<u16>(op, <u16>offset);
  op += 2;
  if (mc >= 15) op = writeExtra(op, mc - 15, write);
  return op;
}

/**
 * Compresses SRC[0, n) (n < 64 KiB + 11, the byU16 path) into DST with the given acceleration
 * (>= 1); returns the block length.
 */
export function lz4Compress(n: i32, acceleration: u32): i32 {
  return compress(n, acceleration, true);
}

/** lz4Compress's return value without writing the block (DST is left as it was). */
export function lz4CompressedLength(n: i32, acceleration: u32): i32 {
  return compress(n, acceleration, false);
}

// Inlined into both exports so that `write` is a constant there and the optimizer drops the
// stores from the length-only one.
@inline function compress(n: i32, acceleration: u32, write: bool): i32 {
  if (n < MFLIMIT + 1) return <i32>(writeLiterals(DST, 0, n, 0, write) - DST);
  memory.fill(HASH, 0, 2 << HASH_LOG);
  const mflimit = n - MFLIMIT;
  const matchlimit = n - LASTLITERALS;
  let op = DST;
  let anchor: i32 = 0;
  let ip: i32 = 1;
  let forwardSeq = read32(ip);
  for (;;) {
    let forwardIp = ip;
    let step: u32 = 1;
    let searchMatchNb: u32 = acceleration << SKIP_TRIGGER;
    let match: i32;
    let seqAtIp: u32;
    do {
      seqAtIp = forwardSeq;
      const h = hash(seqAtIp);
      ip = forwardIp;
      forwardIp += <i32>step;
      step = searchMatchNb >>> SKIP_TRIGGER;
      searchMatchNb++;
      if (forwardIp > mflimit) return <i32>(writeLiterals(op, anchor, n - anchor, 0, write) - DST);
      match = tableGet(h);
      forwardSeq = read32(forwardIp);
      tablePut(h, ip);
    } while (read32(match) != seqAtIp);
    while (ip > anchor && match > 0) {
      if (load<u8>(SRC + <usize>(ip - 1)) != load<u8>(SRC + <usize>(match - 1))) break;
      ip--; match--;
    }
    let litLen = ip - anchor;
    for (;;) {
      const mc = count(ip + MINMATCH, match + MINMATCH, matchlimit);
      op = writeSequence(op, anchor, litLen, ip - match, mc, write);
      ip += MINMATCH + mc;
      anchor = ip;
      if (ip > mflimit) return <i32>(writeLiterals(op, anchor, n - anchor, 0, write) - DST);
      tablePut(hash(read32(ip - 2)), ip - 2);
      const seqNow = read32(ip);
      const h = hash(seqNow);
      match = tableGet(h);
      tablePut(h, ip);
      if (read32(match) != seqNow) break;
      litLen = 0;
    }
    forwardSeq = read32(++ip);
  }
  return unreachable(); // the loop only ends through a return; asc wants one here
}
