// A closed log file as a read-only EventStore: what a fold reads. Opening scans the file once
// (every frame CRC-checked, events counted without decoding them) so `version` is known and a
// damaged log is refused before any output is written; read(from) skips the first `from` events
// without decoding them. Appending is refused: logs are written by ingest and record only.
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import type { EventStore, NewEvent } from './event-store';
import { LogReader, type LogReaderOptions } from './reader';

export class LogFileStore implements EventStore {
  private constructor(readonly path: string, readonly header: LogHeader, readonly version: number,
    readonly bytes: number, private readonly opts: LogReaderOptions) {}

  /** Throws LogCorruptError for a file that is not a whole, valid log. */
  static open(path: string, opts: LogReaderOptions = {}): LogFileStore {
    const reader = LogReader.open(path, opts);
    try {
      reader.skip(Infinity);
      return new LogFileStore(path, reader.header, reader.events, reader.offset, opts);
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

  *readSync(fromPosition = 0): Generator<Recorded<ZramEvent>> {
    const reader = LogReader.open(this.path, this.opts);
    try {
      reader.skip(Math.min(Math.max(0, fromPosition), this.version));
      for (let r = reader.next(); r !== null && r.seq < this.version; r = reader.next()) yield r;
    } finally {
      reader.close();
    }
  }

  async close(): Promise<void> {}
}
