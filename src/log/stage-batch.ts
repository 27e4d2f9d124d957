// Checks and encodes a batch of appends before anything is written, so a batch is taken
// whole or not at all: seqs must be the positions, page keys must keep to their bytes, every
// event must fit the schema. Shared by the file writer and the in-memory store.
import type { Recorded, ZramEvent } from '../events/types';
import { LogAppendError } from './errors';
import type { NewEvent } from './event-store';
import type { PageBatch, PageTable } from './page-table';
import { encodeEventRecord, encodePageRecord } from './record-codec';

/** Validates and encodes a batch without writing: the records of each event, and a commit
 * of its new page keys to run once they are written. */
export function stageBatch(events: readonly NewEvent[], version: number, pages: PageTable): { perEvent: Uint8Array[][]; commit: () => void } {
  const batch = pages.batch();
  const perEvent = events.map((e, i) => {
    const rec = positioned(e, version + i);
    const records: Uint8Array[] = [];
    if (rec.event.type === 'BioQueued') {
      for (const p of rec.event.pages) {
        const admitted = admitPage(batch, p, rec.seq);
        if (admitted.isNew) records.push(encodePageRecord(p.key, admitted.data));
      }
    }
    records.push(encodeEventRecord(rec));
    return records;
  });
  return { perEvent, commit: () => batch.commit() };
}

/** The event as a Recorded at `seq`; its own seq, if any, must be `seq`. */
export function positioned(e: NewEvent, seq: number): Recorded<ZramEvent> {
  if (e.seq !== undefined && e.seq !== seq) throw new LogAppendError(seq, `the event says seq ${e.seq}, but its position is ${seq}`);
  return e.seq === seq ? (e as Recorded<ZramEvent>) : { seq, ts: e.ts, event: e.event };
}

/** PageBatch.admit with its RangeError as a LogAppendError naming the seq. */
export function admitPage(batch: PageBatch, p: { key: number; data: Uint8Array }, seq: number): { data: Uint8Array; isNew: boolean } {
  try {
    return batch.admit(p);
  } catch (e) {
    if (e instanceof RangeError) throw new LogAppendError(seq, e.message);
    throw e;
  }
}
