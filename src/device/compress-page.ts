// zcomp_compress() for one page, memoised by content key: the same page content under the
// same algorithm and level always gives the same bytes, so replays compress each distinct
// page once. The memo never changes a result; it is bounded so long runs stay in memory.
import type { CompAlgorithm, Compressor } from '../compress/types';
import type { PagePayload } from '../events/types';
import { PAGE_SIZE } from '../units';

export interface Compressed { readonly len: number; readonly bytes: Uint8Array }
interface Entry extends Compressed { readonly alg: CompAlgorithm; readonly accel: number }
export interface CompressionMemo { readonly map: Map<number, Entry>; readonly max: number }

export const newCompressionMemo = (max = 8192): CompressionMemo => ({ map: new Map(), max });

/** zcomp's per-CPU stream buffer: 2 * PAGE_SIZE, so every backend's worst case fits. */
const streamBuffer = new Uint8Array(2 * PAGE_SIZE);
const EMPTY = new Uint8Array(0);

/** Effective lz4 acceleration: unset or < 1 means LZ4_ACCELERATION_DEFAULT (1). */
export const lz4Acceleration = (level: number | null): number => (level === null || level < 1 ? 1 : level);

/** Compresses `page`; with `lengthOnly` the bytes are not produced (`bytes` is then empty). */
export function compressPage(memo: CompressionMemo, c: Compressor, level: number | null,
  page: PagePayload, lengthOnly = false): Compressed {
  const accel = c.name === 'lz4' ? lz4Acceleration(level) : 0;
  const hit = memo.map.get(page.key);
  if (hit && hit.alg === c.name && hit.accel === accel && (lengthOnly || hit.bytes.length === hit.len)) return hit;
  const params = { level: accel || undefined };
  const len = lengthOnly ? c.compressedLength(page.data, params) : c.compress(page.data, streamBuffer, params);
  const bytes = len > 0 && !lengthOnly ? streamBuffer.slice(0, len) : EMPTY;
  const entry: Entry = { alg: c.name, accel, len, bytes };
  if (memo.map.size >= memo.max) memo.map.delete(memo.map.keys().next().value as number);
  memo.map.set(page.key, entry);
  return entry;
}
