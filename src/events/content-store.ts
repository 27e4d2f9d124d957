// Assigns keys to page contents (DESIGN.md decision 2): one key per distinct content, in
// order of first appearance from `firstKey`. A hash only nominates candidates; a full byte
// comparison decides, so two different pages with the same hash get two keys, never one.
// Keeps one copy of every distinct page: that is the memory dedup costs, and all it costs.
import { bytesEqual } from './bytes-equal';
import { hashPage, type PageHash } from './content-hash';
import type { PagePayload } from './types';

export interface ContentStoreOptions {
  readonly hash?: PageHash;      // default hashPage; tests inject a colliding one
  readonly pageSize?: number;    // required length of every content; default 4096
  readonly firstKey?: number;    // default 0
}

export class ContentStore {
  private readonly hash: PageHash;
  private readonly pageSize: number;
  private readonly byHash = new Map<number, number[]>(); // hash → keys with that hash
  private readonly byKey: Uint8Array[] = [];             // key - firstKey → content
  private readonly firstKey: number;
  /** How many contents had a hash equal to an earlier different content's. */
  collisions = 0;

  constructor(opts: ContentStoreOptions = {}) {
    this.hash = opts.hash ?? hashPage;
    this.pageSize = opts.pageSize ?? 4096;
    this.firstKey = opts.firstKey ?? 0;
  }

  /** The key of this content, assigning the next one if it is new. Copies new contents, so
   * the caller may reuse its buffer. */
  intern(data: Uint8Array): { key: number; isNew: boolean } {
    if (data.length !== this.pageSize) {
      throw new RangeError(`page content must be ${this.pageSize} bytes, got ${data.length}`);
    }
    const h = this.hash(data);
    const candidates = this.byHash.get(h);
    if (candidates !== undefined) {
      for (const key of candidates) if (bytesEqual(this.byKey[key - this.firstKey]!, data)) return { key, isNew: false };
      this.collisions++;
    }
    const key = this.firstKey + this.byKey.length;
    this.byKey.push(new Uint8Array(data));
    if (candidates !== undefined) candidates.push(key);
    else this.byHash.set(h, [key]);
    return { key, isNew: true };
  }

  /** A PagePayload for this content, its data being the store's own copy. */
  payload(data: Uint8Array): PagePayload {
    const { key } = this.intern(data);
    return { key, data: this.byKey[key - this.firstKey]! };
  }

  /** The content stored under `key`, or undefined. */
  get(key: number): Uint8Array | undefined {
    return this.byKey[key - this.firstKey];
  }

  /** Number of distinct contents. */
  get size(): number {
    return this.byKey.length;
  }
}
