// Content-addressed page store of a bundle: each distinct 4 KiB page once, in first-write
// order, keyed by its SHA-256 (a key two different pages cannot share). On disk:
// pages.bin.gz (the pages back to back, gzip) and pages.sha256 (one hex digest per line).
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { gunzipBounded } from '../input/read-bounded';
import { PAGE_SIZE } from '../units';

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export class PageStore {
  private readonly index = new Map<string, number>();
  private readonly pages: Buffer[] = [];
  readonly hashes: string[] = [];

  /** The page's number in the store (added if new). */
  add(page: Uint8Array): number {
    return this.addHashed(page, sha256Hex(page));
  }

  /** add() for a page whose SHA-256 (hex) the caller computed, e.g. on another thread. */
  addHashed(page: Uint8Array, h: string): number {
    if (page.length !== PAGE_SIZE) throw new RangeError(`page of ${page.length} bytes`);
    const known = this.index.get(h);
    if (known !== undefined) return known;
    const n = this.pages.length;
    this.index.set(h, n);
    this.pages.push(Buffer.from(page));
    this.hashes.push(h);
    return n;
  }

  get size(): number {
    return this.pages.length;
  }

  serialize(): { bin: Buffer; sha: string } {
    return { bin: zlib.gzipSync(Buffer.concat(this.pages), { level: 9 }), sha: this.hashes.map((h) => h + '\n').join('') };
  }
}

/** Reads pages back and checks every digest: a damaged bundle must not replay silently wrong. */
export function loadPages(binGz: Buffer, shaText: string): Uint8Array[] {
  const hashes = shaText.split('\n').filter((l) => l !== '');
  // never more than the listing declares: a gzip bomb stops here
  const all = gunzipBounded(binGz, hashes.length * PAGE_SIZE, 'pages.bin.gz');
  if (all.length !== hashes.length * PAGE_SIZE) {
    throw new Error(`pages.bin.gz holds ${all.length} bytes, pages.sha256 lists ${hashes.length} pages`);
  }
  return hashes.map((h, i) => {
    const p = new Uint8Array(all.buffer, all.byteOffset + i * PAGE_SIZE, PAGE_SIZE);
    if (sha256Hex(p) !== h) throw new Error(`page ${i} does not match its SHA-256 ${h}`);
    return p;
  });
}
