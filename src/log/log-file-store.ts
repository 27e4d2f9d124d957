// A closed log file as a read-only EventStore: what a fold reads. Opening scans the file once
// (every frame CRC-checked, events counted without decoding them) so `version` is known and a
// damaged log is refused before any output is written; read(from) skips the first `from` events
// without decoding them. Appending is refused: logs are written by ingest and record only.
import * as fs from 'node:fs';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import type { EventStore, NewEvent } from './event-store';
import { LogReader, type LogReaderOptions } from './reader';

/** A fold reads the whole file: fewer, larger reads. */
const FOLD_CHUNK_BYTES = 1 << 20;

export class LogFileStore implements EventStore {
  private reading: LogReader | null = null;
  private constructor(readonly path: string, readonly header: LogHeader, readonly version: number,
    readonly bytes: number, private readonly opts: LogReaderOptions, private readonly checked: string) {}

  /** Throws LogCorruptError for a file that is not a whole, valid log. */
  static open(path: string, given: LogReaderOptions = {}): LogFileStore {
    const opts = { chunkBytes: FOLD_CHUNK_BYTES, ...given };
    const before = identity(path);
    const reader = LogReader.open(path, opts);
    try {
      reader.skip(Infinity);
      // the CRCs were checked for the file as it was at `before` (if it changed meanwhile: never)
      const checked = identity(path) === before ? before : '';
      return new LogFileStore(path, reader.header, reader.events, reader.offset, opts, checked);
    } finally {
      reader.close();
    }
  }

  async append(_events: readonly NewEvent[], _expectedVersion: number): Promise<number> {
    throw new Error(`${this.path}: a log read for folding is read-only`);
  }

  async *read(fromPosition = 0): AsyncGenerator<Recorded<ZramEvent>> {
    yield* this.readSync(fromPosition);
  }

  /** `transientPages`: see LogReaderOptions. Frames checked by open() are not CRC-checked again while the file is unchanged (device,
   * inode, size, mtime and ctime in ns): the CRC was a tenth of a replay's time. */
  *readSync(fromPosition = 0, transientPages = false): Generator<Recorded<ZramEvent>> {
    const unchanged = this.checked !== '' && identity(this.path) === this.checked;
    const reader = LogReader.open(this.path, { ...this.opts, checkCrc: unchanged ? false : this.opts.checkCrc, transientPages });
    this.reading = reader;
    try {
      reader.skip(Math.min(Math.max(0, fromPosition), this.version));
      for (let r = reader.next(); r !== null && r.seq < this.version; r = reader.next()) yield r;
    } finally {
      reader.close();
      if (this.reading === reader) this.reading = null;
    }
  }

  /** The content of page `key` as met by the read in progress (readSync), or undefined: lets a
   * fold keep content keys instead of page bytes (DeviceDeps.pageContent). Valid until the next
   * call: copy what you keep. */
  page(key: number): Uint8Array | undefined {
    return this.reading?.pageTransient(key);
  }

  async close(): Promise<void> {}
}

function identity(path: string): string {
  const s = fs.statSync(path, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}
