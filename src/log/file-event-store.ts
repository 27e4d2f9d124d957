// The file-backed EventStore: a LogWriter for appends, a fresh LogReader per read().
// Each append is flushed to the kernel before it resolves, so a read sees it; durability
// beyond that follows the writer's fsync policy.
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import { WrongExpectedVersionError } from './errors';
import type { EventStore, NewEvent } from './event-store';
import { LogReader, type LogReaderOptions } from './reader';
import { LogWriter, type LogWriterOptions } from './writer';

export class FileEventStore implements EventStore {
  private constructor(readonly path: string, private readonly writer: LogWriter, private readonly readOpts: LogReaderOptions) {}

  /** A new log file at `path` (must not exist). */
  static create(path: string, header: LogHeader, opts: LogWriterOptions & LogReaderOptions = {}): FileEventStore {
    return new FileEventStore(path, LogWriter.create(path, header, opts), opts);
  }

  /** An existing, whole log file (LogCorruptError if not: see recoverLog). */
  static open(path: string, opts: LogWriterOptions & LogReaderOptions = {}): FileEventStore {
    return new FileEventStore(path, LogWriter.openAppend(path, opts), opts);
  }

  get header(): LogHeader {
    return this.writer.header;
  }

  get version(): number {
    return this.writer.version;
  }

  async append(events: readonly NewEvent[], expectedVersion: number): Promise<number> {
    if (expectedVersion !== this.version) throw new WrongExpectedVersionError(expectedVersion, this.version);
    const v = this.writer.appendBatch(events);
    this.writer.flush();
    return v;
  }

  async *read(fromPosition = 0): AsyncGenerator<Recorded<ZramEvent>> {
    yield* this.readSync(fromPosition);
  }

  *readSync(fromPosition = 0): Generator<Recorded<ZramEvent>> {
    const end = this.version; // events appended after this call are not part of this read
    if (fromPosition >= end) return;
    for (const r of LogReader.open(this.path, this.readOpts)) {
      if (r.seq >= end) break;
      if (r.seq >= fromPosition) yield r;
    }
  }

  async close(): Promise<void> {
    this.writer.close();
  }
}
