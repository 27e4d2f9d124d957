// The safe LZO1X decompressor (behaviour of the kernel's lzo1x_decompress_safe): understands
// bitstream versions 0 and 1, checks every input read, output write and back-reference, and
// returns -1 on any error. Each loop turn consumes input, so it always terminates.
import { LZO_VERSION_MARKER, M2_MAX_OFFSET } from './constants';
import { dec, decodeLongInsn, readCount, STEP_EOF, STEP_ERROR, STEP_MATCH, STEP_RUN } from './decode-match';

/**
 * Copies t literals from input to output (a literal run, or the 0..3 after a match). Like the
 * kernel it also demands 3 more input bytes: no valid stream ends without the end marker.
 */
function copyLiterals(src: Uint8Array, dst: Uint8Array, t: number): boolean {
  const op = dec.op;
  const ip = dec.ip;
  if (dst.length - op < t || src.length - ip < t + 3) return false;
  if (t >= 64) dst.set(src.subarray(ip, ip + t), op);
  else for (let i = 0; i < t; i++) dst[op + i] = src[ip + i];
  dec.op = op + t;
  dec.ip = ip + t;
  return true;
}

/** Copies a t-byte match from dec.mPos byte by byte (overlapping copies repeat the pattern). */
function copyMatch(dst: Uint8Array, t: number): boolean {
  const mPos = dec.mPos;
  if (mPos < 0 || dst.length - dec.op < t) return false;
  const op = dec.op;
  if (t >= 64 && op - mPos >= t) dst.copyWithin(op, mPos, mPos + t); // no overlap: memmove is fine
  else for (let i = 0; i < t; i++) dst[op + i] = dst[mPos + i];
  dec.op = op + t;
  return true;
}

/**
 * Opcodes 0..15. After a match (state 1..3) they are M1 2-byte matches; right after a literal
 * run (state 4) M1 3-byte matches; otherwise (state 0) a literal run.
 */
function shortInsn(src: Uint8Array, dst: Uint8Array, insn: number, state: number): number {
  if (state === 0) {
    const t = insn === 0 ? readCount(src, 15 + 3) : insn + 3;
    return t >= 0 && copyLiterals(src, dst, t) ? STEP_RUN : STEP_ERROR;
  }
  dec.next = insn & 3;
  const far = state === 4 ? M2_MAX_OFFSET : 0;
  dec.mPos = dec.op - 1 - far - (insn >> 2) - (src[dec.ip++] << 2);
  dec.t = state === 4 ? 3 : 2;
  return STEP_MATCH;
}

/** Decodes `src` into `dst`; returns the decoded length, or -1 for a corrupt or overlong stream. */
export function lzo1xDecompressSafe(src: Uint8Array, dst: Uint8Array): number {
  if (src.length < 3) return -1;
  dec.ip = 0;
  dec.op = 0;
  dec.version = 0;
  if (src.length >= 5 && src[0] === LZO_VERSION_MARKER) {
    dec.version = src[1];
    dec.ip = 2;
  }
  let state = 0;
  if (src[dec.ip] > 17) { // a first literal run announced as 17 + t
    const t = src[dec.ip++] - 17;
    if (!copyLiterals(src, dst, t)) return -1;
    state = t >= 4 ? 4 : t; // 1..3 literals leave the state a match's trailing literals would
  }
  for (;;) { // invariant: at least 3 input bytes remain here
    const insn = src[dec.ip++];
    const step = insn < 16 ? shortInsn(src, dst, insn, state) : decodeLongInsn(src, dst, insn);
    if (step === STEP_ERROR) return -1;
    if (step === STEP_EOF) return dec.t === 3 && dec.ip === src.length ? dec.op : -1;
    if (step === STEP_RUN) {
      state = 4;
      continue;
    }
    if (step === STEP_MATCH && !copyMatch(dst, dec.t)) return -1;
    state = dec.next;
    if (!copyLiterals(src, dst, state)) return -1;
  }
}
