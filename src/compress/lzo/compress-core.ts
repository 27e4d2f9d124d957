// The kernel's LZO1X-1 compressor (lzogeneric1x_1_compress in lib/lzo/lzo1x_compress.c),
// shared by lzo (bitstream version 0) and lzo-rle (version 1). `out` null means "count only".
import { IP_END_MARGIN, LZO_VERSION_MARKER, M3_MAX_OFFSET, M4_MAX_LEN, M4_MAX_OFFSET_V0,
  M4_MAX_OFFSET_V1 } from './constants';
import { dictIndex, freshDict, readLe32 } from './dict';
import { emitEnd, emitLiterals, emitMatch, emitTrailingLiterals, emitZeroRun } from './emit';
import { matchLength, zeroRunLength } from './scan';

/** Output position and the state_offset the next 1..3-literal run patches, across chunks. */
const st = { op: 0, stateOffset: -2 };

/**
 * lzo-rle only: a long M4 copy whose fields would read as a zero-run instruction is cut to 260
 * bytes (kernel fix "lib/lzo: fix ambiguous encoding bug in lzo-rle"). Needs distances > 32 KiB.
 */
function rleSafeLength(mLen: number, mOff: number): number {
  if (mOff <= M3_MAX_OFFSET || mLen <= M4_MAX_LEN) return mLen;
  const ambiguous = ((mOff - 0x4000) & 0x403f) === 0x403f && mLen >= 261 && mLen <= 264;
  return ambiguous ? 260 : mLen;
}

/**
 * Emits the literals src[start, ip) and then the instruction found at ip: a zero run of `run`
 * bytes (lzo-rle) or the match with src[mPos..]. Returns where the next probe starts.
 */
function emitInstruction(src: Uint8Array, out: Uint8Array | null, start: number, ip: number,
  run: number, mPos: number, ipEnd: number, version: number): number {
  let op = st.op;
  if (ip !== start) op = emitLiterals(out, op, st.stateOffset, src, start, ip - start);
  if (run !== 0) {
    st.op = emitZeroRun(out, op, run);
    st.stateOffset = -3; // 1..3 following literals go into the run's second byte
    return ip + run;
  }
  const mOff = ip - mPos;
  let mLen = matchLength(src, ip, mPos, ipEnd);
  if (version !== 0) mLen = rleSafeLength(mLen, mOff);
  st.op = emitMatch(out, op, mLen, mOff);
  st.stateOffset = -2;
  return ip + mLen;
}

/**
 * One chunk src[inBase, inBase + inLen) with `ti` literals pending from the previous chunk.
 * Returns the literals still pending at its end; output state goes through `st`.
 */
function doCompress(src: Uint8Array, inBase: number, inLen: number, out: Uint8Array | null,
  ti: number, version: number): number {
  const dict = freshDict();
  const ipEnd = inBase + inLen - IP_END_MARGIN;
  let ii = inBase;
  let ip = inBase + (ti < 4 ? 4 - ti : 0);
  ip += 1 + ((ip - ii) >> 5); // the first probe is therefore at inBase + 5 for ti = 0
  while (ip < ipEnd) {
    const dv = readLe32(src, ip);
    let run = 0;
    let mPos = 0;
    if (dv === 0 && version !== 0) {
      run = zeroRunLength(src, ip, ipEnd); // zero words never enter the dictionary
    } else {
      const h = dictIndex(dv);
      mPos = inBase + dict[h];
      dict[h] = ip - inBase;
      if (dv !== readLe32(src, mPos)) {
        ip += 1 + ((ip - ii) >> 5); // the longer the literal run, the bigger the skip
        continue;
      }
    }
    ip = emitInstruction(src, out, ii - ti, ip, run, mPos, ipEnd, version);
    ti = 0;
    ii = ip; // resume at `next`: no skip after an instruction
  }
  return inBase + inLen - (ii - ti);
}

/** Compresses all of `src`; returns the stream length (writes it to `out` unless null). */
export function lzoGenericCompress(src: Uint8Array, out: Uint8Array | null, version: number): number {
  let op = 0;
  if (version !== 0) {
    if (out !== null) {
      out[0] = LZO_VERSION_MARKER;
      out[1] = version;
    }
    op = 2;
  }
  const dataStart = op;
  const chunkMax = (version !== 0 ? M4_MAX_OFFSET_V1 : M4_MAX_OFFSET_V0) + 1;
  st.op = op;
  st.stateOffset = -2;
  let ip = 0;
  let l = src.length;
  let t = 0;
  while (l > IP_END_MARGIN) {
    const ll = Math.min(l, chunkMax);
    t = doCompress(src, ip, ll, out, t, version);
    ip += ll;
    l -= ll;
  }
  t += l;
  op = st.op;
  if (t > 0) op = emitTrailingLiterals(out, op, dataStart, st.stateOffset, src, src.length - t, t);
  return emitEnd(out, op);
}
