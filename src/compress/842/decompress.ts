// An 842 decoder written from the format description in lib/842/842.h (not from compress.ts):
// reads templates until END, then checks the crc32_be that follows against the output.
// Returns the output length, or -1 for anything malformed (unknown template, index before the
// output start, output past `dst`, input cut short, bad CRC), like sw842_decompress's errors.
import { crc32Be } from './crc32-be';
import {
  CRC_BITS, I2_BITS, I4_BITS, I8_BITS, OPS_MAX, OP_BITS, OP_END, OP_REPEAT, OP_SHORT_DATA, OP_ZEROS,
  REPEAT_BITS, SHORT_DATA_BITS,
} from './format';
import { BitReader } from './bit-reader';
import { DECODE_OPS } from './decode-ops';

const INDEX_BITS: Record<number, number> = { 2: I2_BITS, 4: I4_BITS, 8: I8_BITS };

/** Where an index points: `size`-byte position `index` of a ring of (1 << bits) such
 * positions over the output, taken as the latest one wholly before `start` (the current
 * group's first byte). -1 if the output is not that long yet. */
export function ringOffset(index: number, size: number, bits: number, start: number): number {
  const ring = size << bits;
  const first = index * size;
  if (first + size > start) return -1;
  const back = start - size - first;
  return first + back - (back % ring);
}

/** The output length the ring counts from: whole 8-byte groups only (after a SHORT_DATA in
 * mid-stream, which no compressor writes, the partial group is not yet in the ring). */
const groupStart = (out: number): number => out - (out % 8);

/** One regular template (code < OPS_MAX) at output position `out`; the new position or -1. */
function template(r: BitReader, code: number, dst: Uint8Array, out: number): number {
  for (const [kind, size] of DECODE_OPS[code]) {
    if (out + size > dst.length) return -1;
    if (kind === 'D') {
      for (let i = 0; i < size; i++) {
        const v = r.read(8);
        if (v < 0) return -1;
        dst[out++] = v;
      }
    } else {
      const index = r.read(INDEX_BITS[size]);
      const from = index < 0 ? -1 : ringOffset(index, size, INDEX_BITS[size], groupStart(out));
      if (from < 0) return -1;
      dst.copyWithin(out, from, from + size);
      out += size;
    }
  }
  return out;
}

/** One template of any kind; the new output position, or -1. */
function step(r: BitReader, code: number, dst: Uint8Array, out: number): number {
  if (code < OPS_MAX) return template(r, code, dst, out);
  if (code === OP_ZEROS) {
    if (out + 8 > dst.length) return -1;
    dst.fill(0, out, out + 8);
    return out + 8;
  }
  if (code === OP_REPEAT) {
    const n = r.read(REPEAT_BITS) + 1; // copies of the last 8 bytes
    if (n <= 0 || out < 8 || out + 8 * n > dst.length) return -1;
    for (let i = 0; i < n; i++, out += 8) dst.copyWithin(out, out - 8, out);
    return out;
  }
  if (code === OP_SHORT_DATA) {
    const n = r.read(SHORT_DATA_BITS);
    if (n <= 0 || out + n > dst.length) return -1;
    for (let i = 0; i < n; i++) {
      const v = r.read(8);
      if (v < 0) return -1;
      dst[out++] = v;
    }
    return out;
  }
  return -1; // 0x1a, 0x1f: no such template
}

export function sw842Decompress(src: Uint8Array, dst: Uint8Array): number {
  const r = new BitReader(src);
  let out = 0;
  for (;;) {
    const code = r.read(OP_BITS);
    if (code < 0) return -1;
    if (code === OP_END) break;
    out = step(r, code, dst, out);
    if (out < 0) return -1;
  }
  const crc = r.read(CRC_BITS);
  return crc >= 0 && crc === crc32Be(0, dst, 0, out) ? out : -1;
}
