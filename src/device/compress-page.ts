// zcomp_compress() for one page, memoised by content key: the same page content under the
// same algorithm and params always gives the same bytes, so replays compress each distinct
// page once. The memo never changes a result; it is bounded so long runs stay in memory.
import { pageParams } from '../compress/params';
import type { CompAlgorithm, CompParams, Compressor } from '../compress/types';
import type { PagePayload } from '../events/types';
import { PAGE_SIZE } from '../units';
import type { DeviceState } from './state';

export interface Compressed { readonly len: number; readonly bytes: Uint8Array }
interface Entry extends Compressed { readonly alg: CompAlgorithm; readonly key: string }
/** A page compressed elsewhere (src/replay/compress-ahead.ts), with what it was compressed as. */
export interface Precompressed extends Compressed { readonly alg: CompAlgorithm; readonly paramsKey: string }
export interface CompressionMemo {
  readonly map: Map<number, Entry>;
  readonly max: number;
  /** Results computed ahead by page key; used only when algorithm and params match. */
  ahead?: (key: number) => Precompressed | undefined;
}

export const newCompressionMemo = (max = 8192): CompressionMemo => ({ map: new Map(), max });

/** zcomp's per-CPU stream buffer: 2 * PAGE_SIZE, so every backend's worst case fits. */
const streamBuffer = new Uint8Array(2 * PAGE_SIZE);
const EMPTY = new Uint8Array(0);

/** Effective lz4 acceleration: unset or < 1 means LZ4_ACCELERATION_DEFAULT (1). */
export const lz4Acceleration = (level: number | null): number => (level === null || level < 1 ? 1 : level);

/** The params the device's current backend compresses (and decompresses) a page with. */
export const deviceParams = (s: DeviceState): CompParams => pageParams(s.compAlgorithm, s.initParams, s);

/** What makes two compressions of one content differ: the params as the backend sees them. */
export function paramsKey(c: Compressor, p: CompParams): string {
  if (c.name === 'lz4') return String(lz4Acceleration(p.level ?? null));
  if (c.name === 'lzo' || c.name === 'lzo-rle' || c.name === '842') return '';
  return `${p.level ?? ''}/${p.winbits ?? ''}`;
}

/** Compresses `page`; with `lengthOnly` the bytes are not produced (`bytes` is then empty). */
export function compressPage(memo: CompressionMemo, c: Compressor, params: CompParams,
  page: PagePayload, lengthOnly = false): Compressed {
  const key = paramsKey(c, params);
  const hit = memo.map.get(page.key);
  if (hit && hit.alg === c.name && hit.key === key && (lengthOnly || hit.bytes.length === hit.len)) return hit;
  const pre = lengthOnly ? undefined : memo.ahead?.(page.key);
  let entry: Entry;
  if (pre && pre.alg === c.name && pre.paramsKey === key) {
    entry = { alg: c.name, key, len: pre.len, bytes: pre.len > 0 ? pre.bytes : EMPTY };
  } else {
    const len = lengthOnly ? c.compressedLength(page.data, params) : c.compress(page.data, streamBuffer, params);
    entry = { alg: c.name, key, len, bytes: len > 0 && !lengthOnly ? streamBuffer.slice(0, len) : EMPTY };
  }
  if (memo.map.size >= memo.max) memo.map.delete(memo.map.keys().next().value as number);
  memo.map.set(page.key, entry);
  return entry;
}
