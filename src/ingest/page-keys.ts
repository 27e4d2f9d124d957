// Content keys for PagePayload: one key per distinct 4096-byte content in a log (the log stores
// each content once). A hash picks the bucket, full byte comparison decides, so two different
// pages can never share a key.
import type { PagePayload } from '../events/types';

function fnv1a(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class PageKeys {
  private readonly buckets = new Map<number, PagePayload[]>();
  private next = 0;

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
    return p;
  }
}
