// Frames → header, then events with their pages resolved. Checks what the CRC cannot: the
// header comes first and only first, each page key is defined once with page_size bytes and
// before its first use, and seqs run 0, 1, 2... without a gap. Every failure, whatever threw
// it, becomes a LogCorruptError at the offset of the record that is wrong.
import { LOG_FORMAT_VERSION, type LogHeader, type Recorded, type ZramEvent } from '../events/types';
import { PAGE_SIZE } from '../units';
import { LogCorruptError } from './errors';
import { FRAME_HEADER_BYTES } from './frame';
import { PageOffsets } from './page-offsets';
import type { Frame, FrameScanner } from './frame-scanner';
import { decodeRecord, type LogItem } from './record-codec';

/** First byte of an encoded LogRecord holding an Event: field 3, wire type 2 (length-delimited). */
const EVENT_TAG = (3 << 3) | 2;
/** Page contents kept in memory, the latest defined: a writer stores a content just before its
 * first use, so nearly every key resolves here; older keys are read back from the file. */
const RECENT_PAGES = 256;
const WINDOW_BYTES = 128 * 1024;
const SLAB_PAGES = 64;

export class LogDecoder {
  readonly header: LogHeader;
  /** Where each page content met so far sits in the file, by key: the only memory that grows
   * with the log (a number per distinct page, not its 4 KiB). */
  private readonly pageAt = new PageOffsets();
  /** Copies of the latest RECENT_PAGES contents defined, oldest first (not transient pages). */
  private readonly recent = new Map<number, Uint8Array>();
  private slab = new Uint8Array(0);
  private slabUsed = 0;
  /** Transient pages: no copies, views of the scanner's buffer, in a ring of RECENT_PAGES slots,
   * each reused by the page defined RECENT_PAGES later; keys[i] is the key slot i holds, at[i] the
   * scanner's buffer generation the view belongs to (a later one may have moved the bytes), and a
   * key's tag in pageAt is its slot + 1. Copying every page here was 2% of a replay. */
  private readonly ring: { readonly views: (Uint8Array | null)[]; readonly keys: Float64Array;
    readonly at: Float64Array } | null;
  private ringNext = 0;
  /** pageTransient's read-ahead: a window of the file [start, start + length) and the last miss. */
  private window: { readonly bytes: Uint8Array; start: number; length: number; readonly scratch: Uint8Array } | null = null;
  private lastMiss = -Infinity;
  /** Events read so far; the seq the next event must have. */
  events = 0;

  /** `transientPages`: the page bytes of an event are valid until the next event is read (the
   * consumer copies what it keeps); otherwise they stay valid for as long as they are held. */
  constructor(private readonly frames: FrameScanner, private readonly name: string, transientPages = false) {
    const first = frames.next();
    if (first === null) throw new LogCorruptError(name, 0, 'a LogHeader record', 'an empty file');
    const item = this.decode(first);
    if (item.kind !== 'header') this.fail(first, 'a LogHeader as the first record', `a record of kind ${item.kind}`);
    this.header = item.header;
    if (this.header.formatVersion !== LOG_FORMAT_VERSION) {
      this.fail(first, `format_version ${LOG_FORMAT_VERSION}`, `format_version ${this.header.formatVersion}`);
    }
    if (this.header.pageSize !== PAGE_SIZE) this.fail(first, `page_size ${PAGE_SIZE}`, `page_size ${this.header.pageSize}`);
    this.ring = transientPages ? { views: new Array<Uint8Array | null>(RECENT_PAGES).fill(null),
      keys: new Float64Array(RECENT_PAGES).fill(-1), at: new Float64Array(RECENT_PAGES).fill(-1) } : null;
  }

  /** End of the last whole record read (where recovery would cut). */
  get offset(): number {
    return this.frames.offset;
  }

  /** The next event, or null at a clean end of the log. */
  next(): Recorded<ZramEvent> | null {
    for (;;) {
      const frame = this.frames.next();
      if (frame === null) return null;
      const item = this.decode(frame);
      if (item.kind === 'page') this.definePage(frame, item.key, item.data);
      else if (item.kind === 'header') this.fail(frame, 'a PageContent or Event record', 'a second LogHeader');
      else return this.checkSeq(frame, item.recorded);
    }
  }

  /** Moves past events until `n` have been read or the log ends, without decoding them: their
   * frames are still CRC-checked and page records still read (later events may use their keys).
   * A fold that starts from a snapshot at event n pays for a scan of the prefix, not for folding it. */
  skip(n: number): void {
    while (this.events < n) {
      const frame = this.frames.next();
      if (frame === null) return;
      if (frame.payload[0] === EVENT_TAG) { this.events++; continue; }
      const item = this.decode(frame);
      if (item.kind === 'page') this.definePage(frame, item.key, item.data, false);
      else if (item.kind === 'header') this.fail(frame, 'a PageContent or Event record', 'a second LogHeader');
      else this.checkSeq(frame, item.recorded);
    }
  }

  private decode(frame: Frame): LogItem {
    try {
      return decodeRecord(frame.payload, (key) => this.page(key));
    } catch (e) {
      return this.fail(frame, 'a decodable LogRecord', e instanceof Error ? e.message : String(e));
    }
  }

  /** Distinct page contents met so far. */
  get pageCount(): number {
    return this.pageAt.size;
  }

  /** The keys of the page contents met so far, in log order. */
  pageKeys(): IterableIterator<number> {
    return this.pageAt.keys();
  }

  /** File offset of page `key`'s bytes (undefined if not met yet). */
  pageOffset(key: number): number | undefined {
    return this.pageAt.get(key);
  }

  /** The content of page `key` (undefined if not met yet); shared by the events using it. */
  page(key: number): Uint8Array | undefined {
    const kept = this.kept(key);
    if (kept !== undefined) return kept;
    const at = this.pageAt.get(key);
    return at === undefined ? undefined : this.frames.readAt(at, this.header.pageSize);
  }

  /** The content of page `key` like page(), but one read back from the file lands in a buffer
   * reused by the next call: for a caller that copies the bytes at once (a fold's read). A miss
   * just past the previous one reads a window of the file ahead (reads of pages written in order
   * then cost one read per window, not one per page); other misses read the page alone. */
  pageTransient(key: number): Uint8Array | undefined {
    const kept = this.kept(key);
    if (kept !== undefined) return kept;
    const at = this.pageAt.get(key);
    if (at === undefined) return undefined;
    const size = this.header.pageSize;
    const w = (this.window ??= { bytes: new Uint8Array(WINDOW_BYTES), start: 0, length: 0, scratch: new Uint8Array(size) });
    if (at >= w.start && at + size <= w.start + w.length) return w.bytes.subarray(at - w.start, at - w.start + size);
    const sequential = at > this.lastMiss && at - this.lastMiss <= WINDOW_BYTES;
    this.lastMiss = at;
    if (!sequential) return this.frames.readAt(at, size, w.scratch);
    const got = this.frames.readAt(at, WINDOW_BYTES, w.bytes);
    w.start = at;
    w.length = got.length;
    return w.bytes.subarray(0, Math.min(size, got.length));
  }

  /** `data` is a view into the frame's payload. `keep`: copy it for events coming next. */
  private definePage(frame: Frame, key: number, data: Uint8Array, keep = true): void {
    if (this.pageAt.has(key)) this.fail(frame, 'a PageContent with a new key', `key ${key} defined again`);
    if (data.length !== this.header.pageSize) {
      this.fail(frame, `a PageContent of ${this.header.pageSize} bytes`, `${data.length} bytes (key ${key})`);
    }
    const p = frame.payload;
    if (data.buffer !== p.buffer) throw new Error('LogDecoder: page data is not a view of its frame');
    this.pageAt.set(key, frame.offset + FRAME_HEADER_BYTES + (data.byteOffset - p.byteOffset));
    if (!keep) return;
    if (this.ring !== null) {
      const slot = this.ringNext;
      this.ringNext = (slot + 1) % RECENT_PAGES;
      this.ring.keys[slot] = key;
      this.ring.views[slot] = data;
      this.ring.at[slot] = this.frames.generation;
      this.pageAt.setTag(key, slot + 1);
      return;
    }
    if (this.recent.size >= RECENT_PAGES) this.recent.delete(this.recent.keys().next().value as number);
    this.recent.set(key, this.copy(data));
  }

  /** Page `key` as kept in memory (a copy, or a transient page's view while valid), if it still is. */
  private kept(key: number): Uint8Array | undefined {
    const r = this.ring;
    if (r === null) return this.recent.get(key);
    const slot = this.pageAt.getTag(key) - 1;
    if (slot < 0 || r.keys[slot] !== key || r.at[slot] !== this.frames.generation) return undefined;
    return r.views[slot] ?? undefined;
  }

  /** A copy of `data` carved from a slab of SLAB_PAGES pages: one allocation per slab instead of
   * one per page (each was a tenth of a replay's time with the collector's share). A slab lives
   * while any page of it is referenced: whoever keeps page bytes beyond the event copies them. */
  private copy(data: Uint8Array): Uint8Array {
    if (this.slabUsed + data.length > this.slab.length) {
      this.slab = new Uint8Array(Math.max(SLAB_PAGES * this.header.pageSize, data.length));
      this.slabUsed = 0;
    }
    const page = this.slab.subarray(this.slabUsed, this.slabUsed + data.length);
    page.set(data);
    this.slabUsed += data.length;
    return page;
  }

  private checkSeq(frame: Frame, rec: Recorded<ZramEvent>): Recorded<ZramEvent> {
    if (rec.seq !== this.events) this.fail(frame, `event seq ${this.events}`, `seq ${rec.seq}`);
    this.events++;
    return rec;
  }

  private fail(frame: Frame, expected: string, found: string): never {
    throw new LogCorruptError(this.name, frame.offset, expected, found);
  }
}
