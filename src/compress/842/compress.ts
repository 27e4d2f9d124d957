// sw842_compress (lib/842/842_compress.c, Linux 6.18) for one buffer: per 8-byte group, a
// run of equal groups becomes REPEAT, an all-zero group ZEROS, otherwise the first template
// of COMP_TEMPLATES whose index ops all find their value among the earlier groups (the three
// SlotTables, updated after every group, also repeated and zero ones); a tail of 1..7 bytes
// is SHORT_DATA; then END, the crc32_be of the input, and padding.
import { BitWriter } from './bit-writer';
import { crc32Be } from './crc32-be';
import {
  CRC_BITS, I2_BITS, I4_BITS, I8_BITS, OP_BITS, OP_END, OP_REPEAT, OP_SHORT_DATA, OP_ZEROS, REPEAT_BITS,
  REPEAT_BITS_MAX, SHORT_DATA_BITS,
} from './format';
import { SlotTable } from './slot-table';
import { COMP_TEMPLATES, lookupKey, type Template } from './templates';

const NOT_CHECKED = -2;
// Node counts are the index ranges (1 << I*_BITS); bucket bits as SW842_HASHTABLE*_BITS.
const T8 = new SlotTable(1 << I8_BITS, 10);
const T4 = new SlotTable(1 << I4_BITS, 11);
const T2 = new SlotTable(1 << I2_BITS, 10);

const be16 = (s: Uint8Array, i: number): number => (s[i] << 8) | s[i + 1];
const be32 = (s: Uint8Array, i: number): number => ((s[i] << 24) | (s[i + 1] << 16) | (s[i + 2] << 8) | s[i + 3]) >>> 0;

/** The current group (8 bytes at `pos`) and its lookups, each done at most once. */
class Group {
  pos = 0;
  hi = 0;
  lo = 0;
  readonly idx = new Int32Array(7); // by lookup key

  constructor(private readonly src: Uint8Array) {}

  load(pos: number): void {
    this.pos = pos;
    this.hi = be32(this.src, pos);
    this.lo = be32(this.src, pos + 4);
    this.idx.fill(NOT_CHECKED);
  }

  /** The lookup `k` (templates.ts lookupKey): the node holding that value, or -1. */
  index(k: number): number {
    if (this.idx[k] === NOT_CHECKED) {
      const at = this.pos + (k < 3 ? (k - 1) * 4 : (k - 3) * 2);
      if (k === 0) this.idx[k] = T8.find(this.hi, this.lo);
      else if (k < 3) this.idx[k] = T4.find(0, be32(this.src, at));
      else this.idx[k] = T2.find(0, be16(this.src, at));
    }
    return this.idx[k];
  }

  fits(t: Template): boolean {
    for (const k of t.lookups) if (this.index(k) < 0) return false;
    return true;
  }

  emit(w: BitWriter, t: Template): void {
    w.put(t.code, OP_BITS);
    let b = 0;
    for (let i = 0; i < t.ops.length; i++) {
      const op = t.ops[i];
      const at = this.pos + b;
      if (op === 'I8') w.put(this.index(0), I8_BITS);
      else if (op === 'I4') w.put(this.index(lookupKey(op, b)), I4_BITS);
      else if (op === 'I2') w.put(this.index(lookupKey(op, b)), I2_BITS);
      else if (op === 'D8') { w.put(this.hi, 32); w.put(this.lo, 32); }
      else if (op === 'D4') w.put(be32(this.src, at), 32);
      else w.put(be16(this.src, at), 16);
      b += t.sizes[i];
    }
  }

  /** update_hashtables: the nodes for this group's ring positions take its values. */
  record(): void {
    const { pos, src } = this;
    const n4 = (pos >> 2) % (1 << I4_BITS);
    const n2 = (pos >> 1) % (1 << I2_BITS);
    T8.replace((pos >> 3) % (1 << I8_BITS), this.hi, this.lo);
    T4.replace(n4, 0, this.hi);
    T4.replace(n4 + 1, 0, this.lo);
    for (let k = 0; k < 4; k++) T2.replace(n2 + k, 0, be16(src, pos + 2 * k));
  }
}

/** process_next: the first template that fits; the last one (D8) always does. */
function chooseTemplate(g: Group): Template {
  const last = COMP_TEMPLATES.length - 1;
  for (let k = 0; k < last; k++) if (g.fits(COMP_TEMPLATES[k])) return COMP_TEMPLATES[k];
  return COMP_TEMPLATES[last];
}

function putRepeat(w: BitWriter, count: number): void {
  w.put(OP_REPEAT, OP_BITS);
  w.put(count - 1, REPEAT_BITS); // the argument is 0-based
}

/** Compresses src[0, len) into dst (capacity `cap`; null: count only). Returns the length,
 * or -1 where the kernel returns -ENOSPC. */
export function sw842Compress(src: Uint8Array, dst: Uint8Array | null, cap: number): number {
  T8.reset(); T4.reset(); T2.reset();
  const w = new BitWriter(dst, cap);
  const g = new Group(src);
  const groups = src.length >> 3;
  let repeat = 0;
  for (let i = 0; i < groups; i++) {
    const lastHi = g.hi;
    const lastLo = g.lo;
    g.load(i * 8);
    const same = i > 0 && g.hi === lastHi && g.lo === lastLo;
    if (same && ++repeat <= REPEAT_BITS_MAX) { g.record(); continue; }
    if (repeat > 0) {
      putRepeat(w, repeat); // at 64 this group is the run's last
      repeat = 0;
      if (same) { g.record(); continue; }
    }
    if (g.hi === 0 && g.lo === 0) w.put(OP_ZEROS, OP_BITS);
    else g.emit(w, chooseTemplate(g));
    g.record();
  }
  if (repeat > 0) putRepeat(w, repeat);
  const tail = src.length - groups * 8;
  if (tail > 0) {
    w.put(OP_SHORT_DATA, OP_BITS);
    w.put(tail, SHORT_DATA_BITS);
    for (let i = groups * 8; i < src.length; i++) w.put(src[i], 8);
  }
  w.put(OP_END, OP_BITS);
  w.put(crc32Be(0, src), CRC_BITS);
  return w.finish();
}
