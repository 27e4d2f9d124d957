// Reads a log file as a stream: the header, then Recorded<ZramEvent> with pages resolved.
// Memory: one chunk buffer, the latest page contents, and where each distinct page sits. A torn or damaged
// record throws LogCorruptError (path, offset, what was expected); the read never ends
// early without saying so. Page data handed out is shared by all events using that key:
// treat it as read-only. A log still being written by another process may end in a partial
// record (a LogCorruptError at its offset); in-process, FileEventStore never shows one.
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import { FileSource, type ByteSource } from './byte-source';
import { DEFAULT_CHUNK_BYTES, FrameScanner } from './frame-scanner';
import { LogDecoder } from './log-decoder';

export interface LogReaderOptions {
  readonly chunkBytes?: number; // read size; default 64 KiB
  /** false: do not check frame CRCs (only for a file whose frames were checked and that has
   * not changed since: LogFileStore's second pass). Default true. */
  readonly checkCrc?: boolean;
  /** Page bytes valid only until the next event is read (LogDecoder's transientPages): for a
   * fold that keeps no page bytes; no allocation per page. Default false. */
  readonly transientPages?: boolean;
}

export class LogReader implements Iterable<Recorded<ZramEvent>> {
  private readonly frames: FrameScanner;
  private readonly decoder: LogDecoder;

  /** Reads the header from `src` now; closes `src` if that fails. */
  constructor(private readonly src: ByteSource, opts: LogReaderOptions = {}) {
    this.frames = new FrameScanner(src, opts.chunkBytes ?? DEFAULT_CHUNK_BYTES, 0, opts.checkCrc ?? true);
    try {
      this.decoder = new LogDecoder(this.frames, src.name, opts.transientPages ?? false);
    } catch (e) {
      src.close();
      throw e;
    }
  }

  static open(path: string, opts: LogReaderOptions = {}): LogReader {
    return new LogReader(new FileSource(path), opts);
  }

  get header(): LogHeader {
    return this.decoder.header;
  }

  /** Events read so far. */
  get events(): number {
    return this.decoder.events;
  }

  /** Distinct page contents read so far. */
  get pageCount(): number {
    return this.decoder.pageCount;
  }

  /** Where each page content read so far sits in the file: [key, offset of its bytes] (for appending). */
  *pageOffsets(): IterableIterator<readonly [number, number]> {
    for (const k of this.decoder.pageKeys()) yield [k, this.decoder.pageOffset(k)!];
  }

  /** The content of page `key` read so far (undefined if none yet). */
  page(key: number): Uint8Array | undefined {
    return this.decoder.page(key);
  }

  /** page(key), with a read from the file into a buffer the next call reuses (LogDecoder.pageTransient). */
  pageTransient(key: number): Uint8Array | undefined {
    return this.decoder.pageTransient(key);
  }

  /** End of the last whole record read. */
  get offset(): number {
    return this.decoder.offset;
  }

  /** The chunk buffer's size: with the page table, all the memory a read holds. */
  get bufferBytes(): number {
    return this.frames.bufferBytes;
  }

  /** Passes over events until `n` have been read or the log ends, without decoding them
   * (see LogDecoder.skip). */
  skip(n: number): void {
    this.decoder.skip(n);
  }

  /** The next event, or null at the end of the log. */
  next(): Recorded<ZramEvent> | null {
    return this.decoder.next();
  }

  *[Symbol.iterator](): Iterator<Recorded<ZramEvent>> {
    try {
      for (let r = this.next(); r !== null; r = this.next()) yield r;
    } finally {
      this.close();
    }
  }

  close(): void {
    this.src.close();
  }
}

/** Every event of the log at `path` with seq >= fromSeq, as an async stream. */
export async function* readLogEvents(path: string, fromSeq = 0, opts: LogReaderOptions = {}): AsyncGenerator<Recorded<ZramEvent>> {
  for (const r of LogReader.open(path, opts)) if (r.seq >= fromSeq) yield r;
}
