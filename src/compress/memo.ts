// Compressed lengths shared between folds (one per `compare` configuration, each on its own
// worker thread): the same page content under the same algorithm and params always compresses
// to the same length, so K configurations with one algorithm compress each distinct page once.
// The table lives in a SharedArrayBuffer: an open-addressing hash of fixed capacity whose slots
// are claimed with a compare-and-swap and published with a release store, so any number of
// threads read and insert without a lock. A missed lookup (a slot still being written, a full
// table) only means the page is compressed again; a hit is always exact: the key is the whole
// (content key, algorithm, level, winbits), never a hash of it.
import { ALL_COMP_ALGORITHMS, type CompAlgorithm, type CompParams, type Compressor } from './types';

/** Int32 words per slot: state, key lo, key hi, algorithm+flags, level, winbits, length, ns. */
const STRIDE = 8;
const EMPTY = 0;
const CLAIMED = 1; // key being written: readers pass it by
const READY = 2;
/** Probes before giving up: bounds the cost of a lookup in a nearly full table. */
const MAX_PROBES = 32;
const HAS_LEVEL = 1 << 8;
const HAS_WINBITS = 1 << 9;
const MAX_SLOTS = 1 << 21; // 64 MiB: beyond this, pages are compressed again rather than remembered

export interface MemoHit { readonly len: number; readonly ns: number }

/** Slots for `pages` distinct contents under `groups` (algorithm, params) pairs, at most half full. */
export function memoSlots(pages: number, groups: number): number {
  const want = 2 * Math.max(1, pages) * Math.max(1, groups);
  let n = 1024;
  while (n < want && n < MAX_SLOTS) n *= 2;
  return n;
}

export const newMemoBuffer = (slots: number): SharedArrayBuffer => new SharedArrayBuffer(slots * STRIDE * 4);

const int32 = (x: number | undefined): boolean => x !== undefined && (x | 0) === x;

export class LengthMemo {
  private readonly t: Int32Array;
  private readonly mask: number;

  constructor(buffer: SharedArrayBuffer) {
    this.t = new Int32Array(buffer);
    this.mask = this.t.length / STRIDE - 1;
    if (this.mask < 0 || ((this.mask + 1) & this.mask) !== 0) {
      throw new RangeError('memo buffer: slots must be a power of two');
    }
  }

  /** The words naming (algorithm, params), or null when they cannot be keyed exactly. */
  private static tag(alg: CompAlgorithm, p: CompParams): [number, number, number] | null {
    if ((p.level !== undefined && !int32(p.level)) || (p.winbits !== undefined && !int32(p.winbits))) return null;
    const a = ALL_COMP_ALGORITHMS.indexOf(alg) | (p.level !== undefined ? HAS_LEVEL : 0)
      | (p.winbits !== undefined ? HAS_WINBITS : 0);
    return [a, p.level ?? 0, p.winbits ?? 0];
  }

  /** The slot holding the key, or the empty slot where it would go (-1-slot), or null (give up). */
  private find(lo: number, hi: number, tag: [number, number, number], claim: boolean): number | null {
    const t = this.t;
    const h = lo ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(tag[0] ^ tag[1], 0x165667b1);
    let i = (Math.imul(h, 0x9e3779b1) >>> 7) & this.mask;
    for (let probe = 0; probe < MAX_PROBES; probe++, i = (i + 1) & this.mask) {
      const o = i * STRIDE;
      let state = Atomics.load(t, o);
      if (state === EMPTY) {
        if (!claim) return -1 - i;
        state = Atomics.compareExchange(t, o, EMPTY, CLAIMED);
        if (state === EMPTY) return -1 - i;
      }
      if (state === READY && t[o + 1] === lo && t[o + 2] === hi && t[o + 3] === tag[0] && t[o + 4] === tag[1]
        && t[o + 5] === tag[2]) return i;
    }
    return null;
  }

  get(key: number, alg: CompAlgorithm, p: CompParams): MemoHit | null {
    const tag = LengthMemo.tag(alg, p);
    if (tag === null) return null;
    const i = this.find(key | 0, Math.floor(key / 2 ** 32) | 0, tag, false);
    if (i === null || i < 0) return null;
    return { len: this.t[i * STRIDE + 6], ns: this.t[i * STRIDE + 7] };
  }

  set(key: number, alg: CompAlgorithm, p: CompParams, len: number, ns: number): void {
    const tag = LengthMemo.tag(alg, p);
    if (tag === null) return;
    const lo = key | 0;
    const hi = Math.floor(key / 2 ** 32) | 0;
    const i = this.find(lo, hi, tag, true);
    if (i === null || i >= 0) return; // full here, or another thread stored it first (the same value)
    const o = (-1 - i) * STRIDE;
    const t = this.t;
    t[o + 1] = lo; t[o + 2] = hi; t[o + 3] = tag[0]; t[o + 4] = tag[1]; t[o + 5] = tag[2];
    t[o + 6] = len; t[o + 7] = Math.min(ns, 0x7fffffff);
    Atomics.store(t, o, READY); // publishes the words above (sequentially consistent store)
  }
}

/** What a memoised compressor did: calls made by the fold, and the compression time they stand for. */
export interface MemoMeter { calls: number; ns: number; hits: number }

/**
 * `base` with compressedLength answered from the memo when the page's content key is known
 * (`keyOf` maps the page bytes the fold hands over to the log's content key, or null). Each call
 * counts as one page compressed, at the time its first compression took (wherever that ran),
 * so the meter reads the same whether or not another fold compressed the page first.
 * compress() (the bytes) always runs the backend: the memo keeps lengths only.
 */
export function memoCompressor(base: Compressor, memo: LengthMemo, keyOf: (src: Uint8Array) => number | null,
  meter: MemoMeter, clock: () => number): Compressor {
  const compressedLength = (src: Uint8Array, params: CompParams): number => {
    meter.calls++;
    const key = keyOf(src);
    const hit = key === null ? null : memo.get(key, base.name, params);
    if (hit) { meter.hits++; meter.ns += hit.ns; return hit.len; }
    const t0 = clock();
    const len = base.compressedLength(src, params);
    const ns = Math.round((clock() - t0) * 1e6);
    meter.ns += ns;
    if (key !== null) memo.set(key, base.name, params, len, ns);
    return len;
  };
  const compress = (src: Uint8Array, dst: Uint8Array, params: CompParams): number => {
    meter.calls++;
    const t0 = clock();
    const len = base.compress(src, dst, params);
    meter.ns += Math.round((clock() - t0) * 1e6);
    return len;
  };
  return { name: base.name, compress, compressedLength, decompress: base.decompress.bind(base) };
}
