// Keys → page contents of one log, as a writer admits them. A key names one content for the
// life of the log: a second, different content under a known key is refused (it would merge
// two pages silently). New keys are staged per batch and committed only if the whole batch
// is valid, so a refused append leaves no trace. Keys come from the producer (normally a
// ContentStore, src/events/content-store.ts); the table only checks them.
import { bytesEqual } from '../events/bytes-equal';
import type { PagePayload } from '../events/types';

export class PageTable {
  private readonly pages = new Map<number, Uint8Array>();

  constructor(readonly pageSize: number, initial?: ReadonlyMap<number, Uint8Array>) {
    if (initial) for (const [k, v] of initial) this.pages.set(k, v);
  }

  get(key: number): Uint8Array | undefined {
    return this.pages.get(key);
  }

  get size(): number {
    return this.pages.size;
  }

  /** A staging area for one batch of appends. */
  batch(): PageBatch {
    return new PageBatch(this, this.pages);
  }
}

export class PageBatch {
  private readonly staged = new Map<number, Uint8Array>();

  constructor(private readonly table: PageTable, private readonly committed: Map<number, Uint8Array>) {}

  /** The canonical bytes for this payload, and whether the log must store them now.
   * Throws RangeError if the key is invalid, the size wrong, or the key taken by other bytes. */
  admit(p: PagePayload): { data: Uint8Array; isNew: boolean } {
    if (!Number.isSafeInteger(p.key) || p.key < 0) throw new RangeError(`page key ${String(p.key)} is not a safe unsigned integer`);
    if (p.data.length !== this.table.pageSize) {
      throw new RangeError(`page key ${p.key}: ${p.data.length} bytes, a page is ${this.table.pageSize}`);
    }
    const known = this.committed.get(p.key) ?? this.staged.get(p.key);
    if (known !== undefined) {
      if (known !== p.data && !bytesEqual(known, p.data)) {
        throw new RangeError(`page key ${p.key} already names different content: one key, two pages would merge silently`);
      }
      return { data: known, isNew: false };
    }
    const copy = new Uint8Array(p.data); // the log's own copy: later changes by the caller don't leak in
    this.staged.set(p.key, copy);
    return { data: copy, isNew: true };
  }

  commit(): void {
    for (const [k, v] of this.staged) this.committed.set(k, v);
    this.staged.clear();
  }
}
