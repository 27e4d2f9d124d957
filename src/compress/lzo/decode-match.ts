// Decoding of the match instructions with an opcode >= 16 (M2, M3, M4, lzo-rle zero runs and
// the end marker) for the safe decompressor. Results go through the shared `dec` registers.
import { MIN_ZERO_RUN_LENGTH } from './constants';

/** Decoder registers: input/output positions, match source and length, trailing literal count. */
export const dec = { ip: 0, op: 0, mPos: 0, t: 0, next: 0, version: 0 };

export const STEP_ERROR = -1;
export const STEP_MATCH = 0; // copy dec.t bytes from dec.mPos, then dec.next literals
export const STEP_LITERALS = 1; // output done (zero run); copy dec.next literals next
export const STEP_EOF = 2; // end marker reached; dec.t must be 3
export const STEP_RUN = 3; // a literal run: the next short opcode is an M1 3-byte match

/**
 * Reads a "255 count": zero bytes each worth 255, then a non-zero byte; returns base plus the
 * total, or -1 if the input ends first. The caller guarantees dec.ip < src.length.
 */
export function readCount(src: Uint8Array, base: number): number {
  const first = dec.ip;
  let ip = first;
  while (src[ip] === 0) {
    ip++;
    if (ip >= src.length) return -1;
  }
  dec.ip = ip + 1;
  return (ip - first) * 255 + base + src[ip];
}

/** M4 opcodes 16..31: a zero run (v1), the end marker, or a match 16..48 KiB back. */
function decodeM4(src: Uint8Array, dst: Uint8Array, insn: number): number {
  if (src.length - dec.ip < 2) return STEP_ERROR;
  let next = src[dec.ip] | (src[dec.ip + 1] << 8);
  if ((next & 0xfffc) === 0xfffc && (insn & 0xf8) === 0x18 && dec.version !== 0) {
    if (src.length - dec.ip < 3) return STEP_ERROR;
    const run = ((insn & 7) | (src[dec.ip + 2] << 3)) + MIN_ZERO_RUN_LENGTH;
    if (dst.length - dec.op < run) return STEP_ERROR;
    dst.fill(0, dec.op, dec.op + run);
    dec.op += run;
    dec.next = next & 3;
    dec.ip += 3;
    return STEP_LITERALS;
  }
  let mPos = dec.op - ((insn & 8) << 11);
  let t = (insn & 7) + 2;
  if (t === 2) {
    t = readCount(src, 7 + 2);
    if (t < 0 || src.length - dec.ip < 2) return STEP_ERROR;
    next = src[dec.ip] | (src[dec.ip + 1] << 8);
  }
  dec.ip += 2;
  mPos -= next >> 2;
  dec.next = next & 3;
  dec.t = t;
  if (mPos === dec.op) return STEP_EOF;
  dec.mPos = mPos - 0x4000;
  return STEP_MATCH;
}

/** Opcodes >= 16. On entry dec.ip is just past the opcode and at least 2 input bytes remain. */
export function decodeLongInsn(src: Uint8Array, dst: Uint8Array, insn: number): number {
  if (insn >= 64) { // M2: length 3..8, distance up to 2 KiB
    dec.next = insn & 3;
    dec.mPos = dec.op - 1 - ((insn >> 2) & 7) - (src[dec.ip++] << 3);
    dec.t = (insn >> 5) + 1;
    return STEP_MATCH;
  }
  if (insn >= 32) { // M3: distance up to 16 KiB
    let t = (insn & 31) + 2;
    if (t === 2) {
      t = readCount(src, 31 + 2);
      if (t < 0 || src.length - dec.ip < 2) return STEP_ERROR;
    }
    const next = src[dec.ip] | (src[dec.ip + 1] << 8);
    dec.ip += 2;
    dec.mPos = dec.op - 1 - (next >> 2);
    dec.next = next & 3;
    dec.t = t;
    return STEP_MATCH;
  }
  return decodeM4(src, dst, insn);
}
