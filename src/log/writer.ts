// Writes a log file, append-only: the header first, then for each event the PageContent
// records of page keys not yet in the log, then the event (DESIGN.md decisions 2, 8).
//
// fsync policy (the caller chooses; it trades speed for what survives a power loss):
//   'never'        buffered; bytes reach the kernel when the buffer fills, on flush() and
//                  close(). A process crash loses at most what was not flushed; a power
//                  loss may lose anything the kernel had not written back.
//   'close'        as 'never', plus fsync(2) on close(): a closed log is on stable storage.
//   'every-record' every append writes through and fsyncs before returning: nothing
//                  acknowledged is lost. Costs one fsync per event (ms on real disks).
// A crash mid-write leaves a torn tail; readers then throw LogCorruptError, and
// recoverLog() cuts it, only when asked.
import * as fs from 'node:fs';
import { LOG_FORMAT_VERSION, type LogHeader } from '../events/types';
import { PAGE_SIZE } from '../units';
import { BufferedFile } from './buffered-file';
import type { NewEvent } from './event-store';
import { FRAME_HEADER_BYTES } from './frame';
import { PageOffsets } from './page-offsets';
import { PageTable } from './page-table';
import { LogReader } from './reader';
import { encodeHeaderRecord } from './record-codec';
import { stageBatch } from './stage-batch';

/** Page contents a writer keeps in memory to check keys that come again (16 MiB); older ones
 * are read back from its file. */
export const WRITER_RETAINED_PAGES = 4096;

export type FsyncPolicy = 'never' | 'close' | 'every-record';

export interface LogWriterOptions {
  readonly fsync?: FsyncPolicy;     // default 'close'
  readonly bufferBytes?: number;    // default 256 KiB
  readonly retainedPages?: number;  // default WRITER_RETAINED_PAGES
}

export class LogWriter {
  private failed: unknown = null;
  private readonly pages: PageTable;

  /** `pageAt`: where the bytes of each page content in the file sit, by key. */
  private constructor(
    private readonly out: BufferedFile,
    readonly header: LogHeader,
    private readonly pageAt: PageOffsets,
    private count: number,
    readonly fsync: FsyncPolicy,
    retained = WRITER_RETAINED_PAGES,
  ) {
    const size = header.pageSize;
    this.pages = new PageTable(size, {
      has: (key) => pageAt.has(key),
      read: (key) => out.readAt(pageAt.get(key)!, new Uint8Array(size)),
    }, retained);
  }

  /** Creates a new log at `path` (fails if the file exists) and writes its header. */
  static create(path: string, header: LogHeader, opts: LogWriterOptions = {}): LogWriter {
    checkHeader(header);
    const headerRecord = encodeHeaderRecord(header);
    const fd = fs.openSync(path, 'wx');
    const out = new BufferedFile(path, fd, opts.bufferBytes);
    const w = new LogWriter(out, header, new PageOffsets(), 0, opts.fsync ?? 'close', opts.retainedPages);
    w.out.writeFrame(headerRecord);
    if (w.fsync === 'every-record') w.out.sync();
    return w;
  }

  /** Opens an existing log to append to it. Reads it whole first (to learn where its page keys
   * are, and its version); a torn or corrupt log throws LogCorruptError: recoverLog() it first,
   * if wanted. */
  static openAppend(path: string, opts: LogWriterOptions = {}): LogWriter {
    const reader = LogReader.open(path);
    const pageAt = new PageOffsets();
    try {
      while (reader.next() !== null);
      for (const [key, at] of reader.pageOffsets()) pageAt.set(key, at);
    } finally {
      reader.close();
    }
    const fd = fs.openSync(path, 'a');
    const out = new BufferedFile(path, fd, opts.bufferBytes);
    return new LogWriter(out, reader.header, pageAt, reader.events, opts.fsync ?? 'close', opts.retainedPages);
  }

  /** Number of events in the log; the seq the next event gets. */
  get version(): number {
    return this.count;
  }

  /** Appends one event; returns the new version. */
  append(e: NewEvent): number {
    return this.appendBatch([e]);
  }

  /** Appends all events or, if any is invalid, none; returns the new version. */
  appendBatch(events: readonly NewEvent[]): number {
    if (this.failed !== null) throw new Error(`${this.out.path}: an earlier write failed; the writer is unusable`, { cause: this.failed });
    const { staged, commit } = stageBatch(events, this.count, this.pages);
    try {
      const size = this.header.pageSize; // a PageContent's bytes are its last field: they end the record
      for (const { records, newKeys } of staged) {
        for (let i = 0; i < records.length; i++) {
          // a page's bytes: read back when its key comes again after it left the table's memory
          const r = records[i];
          if (i < newKeys.length) this.pageAt.set(newKeys[i], this.out.position + FRAME_HEADER_BYTES + r.length - size);
          this.out.writeFrame(r);
        }
        if (this.fsync === 'every-record') this.out.sync();
      }
    } catch (e) {
      this.failed = e;
      throw e;
    }
    commit();
    this.count += events.length;
    return this.count;
  }

  /** Hands buffered records to the kernel (no fsync). */
  flush(): void {
    this.out.flush();
  }

  /** Flushes and fsyncs now, whatever the policy. */
  sync(): void {
    this.out.sync();
  }

  /** fsync(2) calls made so far. */
  get syncs(): number {
    return this.out.syncs;
  }

  /** Flushes, fsyncs unless the policy is 'never', closes. Closing twice is a no-op. */
  close(): void {
    if (this.out.closed) return;
    if (this.fsync !== 'never' && this.failed === null) this.out.sync();
    this.out.close();
  }
}

/** Throws RangeError for a header this writer cannot write. */
export function checkHeader(h: LogHeader): void {
  if (h.formatVersion !== LOG_FORMAT_VERSION) throw new RangeError(`LogHeader.formatVersion must be ${LOG_FORMAT_VERSION}, got ${h.formatVersion}`);
  if (h.pageSize !== PAGE_SIZE) throw new RangeError(`LogHeader.pageSize must be ${PAGE_SIZE}, got ${h.pageSize}`);
}
