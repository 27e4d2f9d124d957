// zcomp_compress() for one page, memoised by content key: the same page content under the
// same algorithm and params always gives the same bytes, so replays compress each distinct
// page once. The memo never changes a result; it is bounded so long runs stay in memory.
import { pageParams } from '../compress/params';
import type { CompAlgorithm, CompParams, Compressor } from '../compress/types';
import { PAGE_SIZE } from '../units';
import type { DeviceState } from './state';

/** `digest`: the page's read digest, when whoever compressed it ahead also computed that. */
export interface Compressed { readonly len: number; readonly bytes: Uint8Array; readonly digest?: string }
interface Entry extends Compressed { readonly alg: CompAlgorithm; readonly key: string }
/** A page compressed elsewhere (src/replay/compress-ahead.ts), with what it was compressed as;
 * `digest`: the page's read digest as the replay computes it (opaque here), when it came along. */
export interface Precompressed extends Compressed {
  readonly alg: CompAlgorithm; readonly paramsKey: string; readonly digest?: string;
}
/** Direct-mapped by content key (a colliding key replaces the entry): no Map, no allocation
 * beyond the entry itself, a fixed size. */
export class CompressionMemo {
  private readonly keys: Float64Array;
  private readonly entries: (Entry | undefined)[];
  private readonly shift: number;
  /** Results computed ahead by page key (or, given the page's bytes, at once by whoever computes
   * them ahead); used only when algorithm and params match. */
  ahead?: (key: number, data: Uint8Array) => Precompressed | undefined;

  /** `keptOnReset`: clear() keeps the entries (a caller whose keys name the same bytes across resets). */
  constructor(max: number, private readonly keptOnReset = false) {
    let bits = 4;
    while (1 << bits < max && bits < 24) bits++;
    this.shift = 32 - bits;
    this.keys = new Float64Array(1 << bits).fill(-1);
    this.entries = new Array<Entry | undefined>(1 << bits);
  }

  private slot(key: number): number {
    const hi = Math.floor(key / 4294967296) | 0;
    return Math.imul((key | 0) ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  get(key: number): Entry | undefined {
    const i = this.slot(key);
    return this.keys[i] === key ? this.entries[i] : undefined;
  }

  set(key: number, e: Entry): void {
    const i = this.slot(key);
    this.keys[i] = key;
    this.entries[i] = e;
  }

  /** resetDevice's: the memory goes with the device (unless kept on reset). */
  clear(): void {
    if (this.keptOnReset) return;
    this.keys.fill(-1);
    this.entries.fill(undefined);
  }
}

export const newCompressionMemo = (max = 8192): CompressionMemo => new CompressionMemo(max);

/** zcomp's per-CPU stream buffer: 2 * PAGE_SIZE, so every backend's worst case fits. */
const streamBuffer = new Uint8Array(2 * PAGE_SIZE);
const EMPTY = new Uint8Array(0);

/** Effective lz4 acceleration: unset or < 1 means LZ4_ACCELERATION_DEFAULT (1). */
export const lz4Acceleration = (level: number | null): number => (level === null || level < 1 ? 1 : level);

/** The last deviceParams answer and what it depended on: every page asks, and the answer
 * changes only with comp_algorithm, algorithm_params or a new disksize (params are read-only). */
let last: { alg: CompAlgorithm; init: CompParams; level: number | null; params: CompParams } | null = null;

/** The params the device's current backend compresses (and decompresses) a page with. */
export function deviceParams(s: DeviceState): CompParams {
  const alg = s.compAlgorithm, init = s.initParams, level = s.level;
  if (last !== null && last.alg === alg && last.init === init && last.level === level) return last.params;
  last = { alg, init, level, params: pageParams(alg, init, s) };
  return last.params;
}

/** What makes two compressions of one content differ: the params as the backend sees them. */
export function paramsKey(c: Pick<Compressor, 'name'>, p: CompParams): string {
  if (c.name === 'lz4') return String(lz4Acceleration(p.level ?? null));
  if (c.name === 'lzo' || c.name === 'lzo-rle' || c.name === '842') return '';
  return `${p.level ?? ''}/${p.winbits ?? ''}`;
}

/** Compresses `page`; with `lengthOnly` the bytes are not produced (`bytes` is then empty). */
export function compressPage(memo: CompressionMemo, c: Compressor, params: CompParams,
  pageKey: number, data: Uint8Array, lengthOnly = false): Compressed {
  const key = paramsKey(c, params);
  const hit = memo.get(pageKey);
  if (hit && hit.alg === c.name && hit.key === key && (lengthOnly || hit.bytes.length === hit.len)) return hit;
  const pre = memo.ahead?.(pageKey, data);
  let entry: Entry;
  // a result computed ahead serves a length-only call even when it carries no bytes
  if (pre && pre.alg === c.name && pre.paramsKey === key && (lengthOnly || pre.len <= 0 || pre.bytes.length === pre.len)) {
    entry = { alg: c.name, key, len: pre.len, bytes: pre.len > 0 ? pre.bytes : EMPTY, digest: pre.digest };
  } else {
    const len = lengthOnly ? c.compressedLength(data, params) : c.compress(data, streamBuffer, params);
    entry = { alg: c.name, key, len, bytes: len > 0 && !lengthOnly ? streamBuffer.slice(0, len) : EMPTY };
  }
  memo.set(pageKey, entry);
  return entry;
}
