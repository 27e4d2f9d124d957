// AssemblyScript (compiled to WebAssembly by tools/build-wasm.js, not by tsc): the kernel's
// LZO1X-1 compressor (lzo and lzo-rle), the same steps as src/compress/lzo/compress-core.ts,
// emit.ts and scan.ts, writing into DST. Byte-identical to them (test/compress/wasm-identity).
import { DST, HASH, SRC } from './layout';

const IP_END_MARGIN: i32 = 20;
const D_BITS: u32 = 13;

/** Output position and the state_offset the next 1..3-literal run patches, across chunks. */
let gOp: i32 = 0;
let gStateOffset: i32 = -2;

@inline function rd(p: i32): u32 { return load<u32>(SRC + <usize>p); }
@inline function put(op: i32, v: i32): void { store<u8>(DST + <usize>op, <u8>v); }

// `write` (a constant once inlined into lzoCompress or lzoCompressedLength): false stores
// nothing and only advances the output position, for the length-only pass.

/** Copies [s, s + (end - d)) to d 8 bytes at a time, writing up to 7 bytes past end: DST has
 * room, and what lies past the stream is never read (the caller copies out its length only). */
@inline function wildCopy(d: usize, s: usize, end: usize): void {
  do { store<u64>(d, load<u64>(s)); d += 8; s += 8; } while (d < end);
}

/** n as a run of zero bytes plus a remainder byte (n >= 1). */
@inline function longCount(op: i32, n: i32, write: bool): i32 {
  if (!write) return op + (n - 1) / 255 + 1;
  while (n > 255) { n -= 255; put(op++, 0); }
  put(op, n);
  return op + 1;
}

/** A literal run of t >= 1 bytes from src[start..]; 1..3 ride in the byte at op + stateOffset. */
@inline function literals(op: i32, stateOffset: i32, start: i32, t: i32, write: bool): i32 {
  if (!write) return op + t + (t <= 3 ? 0 : t <= 18 ? 1 : 1 + (t - 19) / 255 + 1);
  if (t <= 3) {
    const q = DST + <usize>(op + stateOffset);
    store<u8>(q, load<u8>(q) | <u8>t);
  } else if (t <= 18) {
    put(op++, t - 3);
  } else {
    put(op++, 0);
    op = longCount(op, t - 18, true);
  }
  wildCopy(DST + <usize>op, SRC + <usize>start, DST + <usize>(op + t));
  return op + t;
}

/** A match of mLen >= 4 bytes at distance mOff as M2, M3 or M4. */
@inline function match(op: i32, mLen: i32, mOff: i32, write: bool): i32 {
  if (!write) {
    if (mLen <= 8 && mOff <= 0x0800) return op + 2;
    const short = mOff <= 0x4000 ? 33 : 9;
    return op + 3 + (mLen <= short ? 0 : (mLen - short - 1) / 255 + 1);
  }
  if (mLen <= 8 && mOff <= 0x0800) {
    mOff -= 1;
    put(op, ((mLen - 1) << 5) | ((mOff & 7) << 2));
    put(op + 1, mOff >> 3);
    return op + 2;
  }
  if (mOff <= 0x4000) {
    mOff -= 1;
    if (mLen <= 33) put(op++, 32 | (mLen - 2));
    else { put(op, 32); op = longCount(op + 1, mLen - 33, true); }
  } else {
    mOff -= 0x4000;
    const hi = 16 | ((mOff >> 11) & 8);
    if (mLen <= 9) put(op++, hi | (mLen - 2));
    else { put(op, hi); op = longCount(op + 1, mLen - 9, true); }
  }
  put(op, (mOff << 2) & 0xff);
  put(op + 1, (mOff >> 6) & 0xff);
  return op + 2;
}

/** Length of a match verified for 4 bytes; 8 bytes per step, the limit checked per step. */
function matchLength(ip: i32, mPos: i32, ipEnd: i32): i32 {
  let m: i32 = 4;
  for (;;) {
    const x = load<u64>(SRC + <usize>(ip + m)) ^ load<u64>(SRC + <usize>(mPos + m));
    if (x != 0) return m + <i32>(ctz<u64>(x) >> 3);
    m += 8;
    if (ip + m >= ipEnd) return m;
  }
  return unreachable();
}

/** lzo-rle: the zero run at ip, up to min(ipEnd, ip + 2052), capped at 2051. */
function zeroRunLength(ip: i32, ipEnd: i32): i32 {
  const limit = min(ipEnd, ip + 2052);
  let ir = ip + 4;
  while (ir + 4 <= limit && rd(ir) == 0) ir += 4;
  while (ir < limit && load<u8>(SRC + <usize>ir) == 0) ir++;
  return min(ir - ip, 2051);
}

/** lzo-rle: an M4 copy whose fields would read as a zero run is cut to 260 bytes. */
@inline function rleSafeLength(mLen: i32, mOff: i32): i32 {
  if (mOff <= 0x4000 || mLen <= 9) return mLen;
  return ((mOff - 0x4000) & 0x403f) == 0x403f && mLen >= 261 && mLen <= 264 ? 260 : mLen;
}

/** Literals src[start, ip), then the zero run or match at ip; returns the next probe. */
@inline function instruction(start: i32, ip: i32, run: i32, mPos: i32, ipEnd: i32, version: i32,
  write: bool): i32 {
  let op = gOp;
  if (ip != start) op = literals(op, gStateOffset, start, ip - start, write);
  if (run != 0) {
    op = write ? put4ZeroRun(op, run) : op + 4;
    gOp = op;
    gStateOffset = -3;
    return ip + run;
  }
  const mOff = ip - mPos;
  let mLen = matchLength(ip, mPos, ipEnd);
  // the distance first: within a 4 KiB page it never exceeds 0x4000, and so tested the loop
  // compiles as tight as lzo's (lzo-rle was 13% slower on text pages with the version first)
  if (mOff > 0x4000 && version != 0) mLen = rleSafeLength(mLen, mOff);
  gOp = match(op, mLen, mOff, write);
  gStateOffset = -2;
  return ip + mLen;
}

@inline function put4ZeroRun(op: i32, run: i32): i32 {
  const r = run - 4;
  put(op, 0x18 | (r & 7));
  put(op + 1, 0xfc);
  put(op + 2, 0xff);
  put(op + 3, r >> 3);
  return op + 4;
}

/** One chunk src[inBase, inBase + inLen) with ti literals pending; returns those pending after. */
@inline function chunk(inBase: i32, inLen: i32, ti: i32, version: i32, write: bool): i32 {
  memory.fill(HASH, 0, 2 << D_BITS);
  const ipEnd = inBase + inLen - IP_END_MARGIN;
  let ii = inBase;
  let ip = inBase + (ti < 4 ? 4 - ti : 0);
  ip += 1 + ((ip - ii) >> 5);
  while (ip < ipEnd) {
    const dv = rd(ip);
    let run: i32 = 0;
    let mPos: i32 = 0;
    if (version != 0 && dv == 0) {
      run = zeroRunLength(ip, ipEnd);
    } else {
      const h = HASH + (<usize>((dv * 0x1824429d) >>> (32 - D_BITS)) << 1);
      mPos = inBase + <i32>load<u16>(h);
      store<u16>(h, <u16>(ip - inBase));
      if (dv != rd(mPos)) {
        ip += 1 + ((ip - ii) >> 5);
        continue;
      }
    }
    ip = instruction(ii - ti, ip, run, mPos, ipEnd, version, write);
    ti = 0;
    ii = ip;
  }
  return inBase + inLen - (ii - ti);
}

/** Compresses SRC[0, n) into DST (version 0: lzo, 1: lzo-rle); returns the stream length. */
export function lzoCompress(n: i32, version: i32): i32 {
  return compress(n, version, true);
}

/** lzoCompress's return value without writing the stream. */
export function lzoCompressedLength(n: i32, version: i32): i32 {
  return compress(n, version, false);
}

@inline function compress(n: i32, version: i32, write: bool): i32 {
  let op: i32 = 0;
  if (version != 0) {
    if (write) { put(0, 17); put(1, version); }
    op = 2;
  }
  const dataStart = op;
  const chunkMax: i32 = (version != 0 ? 0xbffe : 0xbfff) + 1;
  gOp = op;
  gStateOffset = -2;
  let ip: i32 = 0, l = n, t: i32 = 0;
  while (l > IP_END_MARGIN) {
    const ll = min(l, chunkMax);
    t = chunk(ip, ll, t, version, write);
    ip += ll;
    l -= ll;
  }
  t += l;
  op = gOp;
  if (t > 0) {
    if (op == dataStart && t <= 238) {
      if (write) {
        put(op, 17 + t);
        memory.copy(DST + <usize>(op + 1), SRC + <usize>(n - t), <usize>t);
      }
      op += 1 + t;
    } else {
      op = literals(op, gStateOffset, n - t, t, write);
    }
  }
  if (write) { put(op, 17); put(op + 1, 0); put(op + 2, 0); }
  return op + 3;
}
