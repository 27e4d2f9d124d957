// Content keys for PagePayload: one key per distinct 4096-byte content in a log (the log stores
// each content once). A hash picks the bucket, full byte comparison decides, so two different
// pages can never share a key.
import type { PagePayload } from '../events/types';

/** FNV-1a over 32-bit words when the page is word-aligned (4x fewer steps), else over bytes. */
function fnv1a(b: Uint8Array): number {
  let h = 0x811c9dc5;
  const w = words(b);
  if (w) {
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i], 0x01000193);
  } else {
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  }
  return h >>> 0;
}

const words = (b: Uint8Array): Uint32Array | null =>
  b.byteOffset % 4 === 0 && b.length % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset, b.length >> 2) : null;

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const wa = words(a);
  const wb = words(b);
  if (wa && wb) {
    for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** With `maxRetained`, only the most recent distinct pages are kept for comparison (memory stays
 * bounded on long streams): a content seen again after it was dropped gets a new key. That loses
 * deduplication, never correctness: two different contents still never share a key. */
export class PageKeys {
  private readonly buckets = new Map<number, PagePayload[]>();
  private readonly retained: { h: number; p: PagePayload }[] = [];
  private next = 0;

  constructor(private readonly maxRetained = Infinity) {}

  get distinct(): number {
    return this.next;
  }

  payload(data: Uint8Array): PagePayload {
    const h = fnv1a(data);
    const bucket = this.buckets.get(h);
    const hit = bucket?.find((p) => equal(p.data, data));
    if (hit) return hit;
    const p: PagePayload = { key: this.next++, data };
    if (bucket) bucket.push(p);
    else this.buckets.set(h, [p]);
    if (this.maxRetained !== Infinity) this.retain(h, p);
    return p;
  }

  private retain(h: number, p: PagePayload): void {
    this.retained.push({ h, p });
    if (this.retained.length <= this.maxRetained) return;
    const old = this.retained.shift()!;
    const b = this.buckets.get(old.h)!;
    b.splice(b.indexOf(old.p), 1);
    if (b.length === 0) this.buckets.delete(old.h);
  }
}
