// A closed log file as a read-only EventStore: what a fold reads. Opening scans the file once
// (every frame CRC-checked, events counted without decoding them) so `version` is known and a
// damaged log is refused before any output is written; read(from) skips the first `from` events
// without decoding them. A replay opens it unscanned instead (one pass: its read checks the
// frames, and its outputs are written only once it is through). Appending is refused: logs are
// written by ingest and record only.
import * as fs from 'node:fs';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import type { EventStore, NewEvent } from './event-store';
import { LogReader, type LogReaderOptions } from './reader';

/** A fold reads the whole file: fewer, larger reads. */
const FOLD_CHUNK_BYTES = 1 << 20;

/** What a scan of the whole file found: events, bytes, and the file identity its CRCs hold for. */
interface Scanned { readonly version: number; readonly bytes: number; readonly checked: string }

export class LogFileStore implements EventStore {
  private reading: LogReader | null = null;
  private scanned: Scanned | null;

  private readonly fileBytes: number;

  private constructor(readonly path: string, readonly header: LogHeader, scanned: Scanned | null,
    private readonly opts: LogReaderOptions) {
    this.scanned = scanned;
    this.fileBytes = fs.statSync(path).size;
  }

  /** Throws LogCorruptError for a file that is not a whole, valid log. */
  static open(path: string, given: LogReaderOptions = {}): LogFileStore {
    const opts = { chunkBytes: FOLD_CHUNK_BYTES, ...given };
    const store = LogFileStore.openUnscanned(path, opts);
    store.scan();
    return store;
  }

  /** The header read (a LogCorruptError if it is not a log's), the rest of the file not yet: a
   * fold reading it once from the start checks every frame as it goes (a damaged frame is then a
   * LogCorruptError from readSync, after the events before it), and anything that needs `version`
   * first scans the file then. Saves a whole pass over the file for a replay. */
  static openUnscanned(path: string, given: LogReaderOptions = {}): LogFileStore {
    const opts = { chunkBytes: FOLD_CHUNK_BYTES, ...given };
    const reader = LogReader.open(path, { ...opts, chunkBytes: 64 * 1024 });
    try {
      return new LogFileStore(path, reader.header, null, opts);
    } finally {
      reader.close();
    }
  }

  /** Events in the log (the file is scanned now if it was opened unscanned and not yet read through). */
  get version(): number {
    return this.scan().version;
  }

  /** Bytes of whole records in the log. */
  get bytes(): number {
    return this.scan().bytes;
  }

  /** `version` if known without reading the file. */
  get knownVersion(): number | null {
    return this.scanned?.version ?? null;
  }

  /** Bytes read so far by the read in progress, and the file's size when opened (a progress estimate). */
  readProgress(): { done: number; total: number } {
    return { done: this.reading?.offset ?? 0, total: this.fileBytes };
  }

  private scan(): Scanned {
    if (this.scanned) return this.scanned;
    const before = identity(this.path);
    const reader = LogReader.open(this.path, this.opts);
    try {
      reader.skip(Infinity);
      // the CRCs were checked for the file as it was at `before` (if it changed meanwhile: never)
      this.scanned = { version: reader.events, bytes: reader.offset, checked: identity(this.path) === before ? before : '' };
      return this.scanned;
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

  /** `transientPages`: see LogReaderOptions. Frames a scan checked are not CRC-checked again
   * while the file is unchanged (device, inode, size, mtime and ctime in ns): the CRC was a
   * tenth of a replay's time. A read from the start of a log opened unscanned checks each frame
   * and, once through, stands for the scan. */
  *readSync(fromPosition = 0, transientPages = false): Generator<Recorded<ZramEvent>> {
    const known = fromPosition > 0 ? this.scan() : this.scanned;
    const unchanged = known !== null && known.checked !== '' && identity(this.path) === known.checked;
    const before = known === null ? identity(this.path) : '';
    const reader = LogReader.open(this.path, { ...this.opts, checkCrc: unchanged ? false : this.opts.checkCrc, transientPages });
    this.reading = reader;
    try {
      const end = known?.version ?? Infinity;
      reader.skip(Math.min(Math.max(0, fromPosition), end));
      let r = reader.next();
      for (; r !== null && r.seq < end; r = reader.next()) yield r;
      if (known === null && r === null && this.scanned === null) {
        this.scanned = { version: reader.events, bytes: reader.offset, checked: identity(this.path) === before ? before : '' };
      }
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
