// The in-memory EventStore: the same checks as the file store (seq, page keys, what the
// codec can carry), no file. For tests, and for API sessions that need no log on disk.
import { encodeEvent, encodeHeader } from '../events/codec';
import type { LogHeader, PagePayload, Recorded, ZramEvent } from '../events/types';
import { WrongExpectedVersionError } from './errors';
import type { EventStore, NewEvent } from './event-store';
import { PageTable } from './page-table';
import { admitPage, positioned } from './stage-batch';
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
    const batch = this.pages.batch();
    const staged = events.map((e, i) => {
      const rec = positioned(e, this.version + i);
      encodeEvent(rec); // only to refuse what the file store could not write
      return rec.event.type === 'BioQueued' ? withCanonicalPages(rec, rec.event.pages.map((p) => ({ key: p.key, data: admitPage(batch, p, rec.seq).data }))) : rec;
    });
    batch.commit();
    this.events.push(...staged);
    return this.version;
  }

  async *read(fromPosition = 0): AsyncGenerator<Recorded<ZramEvent>> {
    const end = this.version;
    for (let i = Math.max(0, fromPosition); i < end; i++) yield this.events[i]!;
  }

  async close(): Promise<void> {}
}

function withCanonicalPages(rec: Recorded<ZramEvent>, pages: PagePayload[]): Recorded<ZramEvent> {
  return { seq: rec.seq, ts: rec.ts, event: { ...rec.event, pages } as ZramEvent };
}
