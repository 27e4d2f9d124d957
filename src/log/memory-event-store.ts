// The in-memory EventStore: the same checks as the file store (seq, page keys, what the
// codec can carry), no file. For tests, and for API sessions that need no log on disk.
import { encodeHeader } from '../events/codec';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import { WrongExpectedVersionError } from './errors';
import type { EventStore, NewEvent } from './event-store';
import { PageTable } from './page-table';
import { stageBatch } from './stage-batch';
import { checkHeader } from './writer';

export class InMemoryEventStore implements EventStore {
  private readonly events: Recorded<ZramEvent>[] = [];
  private readonly pages: PageTable;

  constructor(readonly header: LogHeader) {
    checkHeader(header);
    encodeHeader(header); // refuse what the file store could not write
    this.pages = new PageTable(header.pageSize);
  }

  get version(): number {
    return this.events.length;
  }

  async append(events: readonly NewEvent[], expectedVersion: number): Promise<number> {
    if (expectedVersion !== this.version) throw new WrongExpectedVersionError(expectedVersion, this.version);
    // The same staging as the file writer (records encoded and dropped): the same refusals.
    const { staged, commit } = stageBatch(events, this.version, this.pages);
    commit();
    for (const s of staged) this.events.push(s.rec);
    return this.version;
  }

  async *read(fromPosition = 0): AsyncGenerator<Recorded<ZramEvent>> {
    yield* this.readSync(fromPosition);
  }

  *readSync(fromPosition = 0): Generator<Recorded<ZramEvent>> {
    const end = this.version;
    for (let i = Math.max(0, fromPosition); i < end; i++) yield this.events[i]!;
  }

  async close(): Promise<void> {}
}
