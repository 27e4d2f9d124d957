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
import { PageTable } from './page-table';
import { LogReader } from './reader';
import { encodeHeaderRecord } from './record-codec';
import { stageBatch } from './stage-batch';

export type FsyncPolicy = 'never' | 'close' | 'every-record';

export interface LogWriterOptions {
  readonly fsync?: FsyncPolicy;     // default 'close'
  readonly bufferBytes?: number;    // default 256 KiB
}

export class LogWriter {
  private failed: unknown = null;

  private constructor(
    private readonly out: BufferedFile,
    readonly header: LogHeader,
    private readonly pages: PageTable,
    private count: number,
    readonly fsync: FsyncPolicy,
  ) {}

  /** Creates a new log at `path` (fails if the file exists) and writes its header. */
  static create(path: string, header: LogHeader, opts: LogWriterOptions = {}): LogWriter {
    checkHeader(header);
    const headerRecord = encodeHeaderRecord(header);
    const fd = fs.openSync(path, 'wx');
    const w = new LogWriter(new BufferedFile(path, fd, opts.bufferBytes), header, new PageTable(header.pageSize), 0, opts.fsync ?? 'close');
    w.out.writeFrame(headerRecord);
    if (w.fsync === 'every-record') w.out.sync();
    return w;
  }

  /** Opens an existing log to append to it. Reads it whole first (to learn its page keys and
   * version); a torn or corrupt log throws LogCorruptError: recoverLog() it first, if wanted. */
  static openAppend(path: string, opts: LogWriterOptions = {}): LogWriter {
    const reader = LogReader.open(path);
    let known: Map<number, Uint8Array>;
    try {
      while (reader.next() !== null);
      known = reader.pages();
    } finally {
      reader.close();
    }
    const fd = fs.openSync(path, 'a');
    const pages = new PageTable(reader.header.pageSize, known);
    return new LogWriter(new BufferedFile(path, fd, opts.bufferBytes), reader.header, pages, reader.events, opts.fsync ?? 'close');
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
      for (const { records } of staged) {
        for (const r of records) this.out.writeFrame(r);
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
