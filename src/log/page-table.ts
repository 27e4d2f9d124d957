// Keys → page contents of one log, as a writer admits them. A key names one content for the
// life of the log: a second, different content under a known key is refused (it would merge
// two pages silently). New keys are staged per batch and committed only if the whole batch
// is valid, so a refused append leaves no trace. Keys come from the producer (normally a
// ContentStore, src/events/content-store.ts); the table only checks them.
//
// Memory: an in-memory log keeps every content (it is the log). A file's writer keeps the
// `retain` most recently used and reads older ones back from its file (`older`) when their key
// comes again: a long ingest held every page of its log before (a 300,000-bio trace: 1.1 GiB).
import { bytesEqual } from '../events/bytes-equal';
import type { PagePayload } from '../events/types';

/** Contents no longer kept in memory: the writer's file. */
export interface OlderPages {
  has(key: number): boolean;
  read(key: number): Uint8Array;
}

export class PageTable {
  private readonly pages = new Map<number, Uint8Array>(); // oldest use first

  constructor(readonly pageSize: number, private readonly older: OlderPages | null = null,
    private readonly retain = Infinity) {}

  /** Contents held in memory now (at most `retain`). */
  get size(): number {
    return this.pages.size;
  }

  /** A staging area for one batch of appends. */
  batch(): PageBatch {
    return new PageBatch(this);
  }

  /** The committed content of `key`, read back if it is no longer kept; undefined if none. */
  known(key: number): Uint8Array | undefined {
    const kept = this.pages.get(key);
    if (kept !== undefined || this.older === null || !this.older.has(key)) return kept;
    const data = this.older.read(key);
    this.keep(key, data); // a key seen again is likely to come again soon
    return data;
  }

  /** Holds `key`'s committed content, the newest; the oldest beyond `retain` are let go. */
  keep(key: number, data: Uint8Array): void {
    this.pages.delete(key);
    this.pages.set(key, data);
    while (this.pages.size > this.retain) this.pages.delete(this.pages.keys().next().value as number);
  }
}

export class PageBatch {
  private readonly staged = new Map<number, Uint8Array>();

  constructor(private readonly table: PageTable) {}

  /** The canonical bytes for this payload, and whether the log must store them now.
   * Throws RangeError if the key is invalid, the size wrong, or the key taken by other bytes. */
  admit(p: PagePayload): { data: Uint8Array; isNew: boolean } {
    if (!Number.isSafeInteger(p.key) || p.key < 0) throw new RangeError(`page key ${String(p.key)} is not a safe unsigned integer`);
    if (p.data.length !== this.table.pageSize) {
      throw new RangeError(`page key ${p.key}: ${p.data.length} bytes, a page is ${this.table.pageSize}`);
    }
    const known = this.staged.get(p.key) ?? this.table.known(p.key);
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
    for (const [k, v] of this.staged) this.table.keep(k, v);
    this.staged.clear();
  }
}
