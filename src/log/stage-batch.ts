// Checks and encodes a batch of appends before anything is written, so a batch is taken
// whole or not at all: seqs must be the positions, page keys must keep to their bytes, every
// event must fit the schema. Shared by the file writer and the in-memory store.
import type { Recorded, ZramEvent } from '../events/types';
import { LogAppendError } from './errors';
import type { NewEvent } from './event-store';
import type { PageBatch, PageTable } from './page-table';
import { MAX_RECORD_BYTES } from './frame';
import { encodeEventRecord, encodePageRecord } from './record-codec';

/** One event of a staged batch: the event with the log's own copies of its pages, and the
 * records (new PageContents, then the Event) that write it; `newKeys`: the keys of those
 * PageContents, in order. */
export interface StagedEvent {
  readonly rec: Recorded<ZramEvent>;
  readonly records: readonly Uint8Array[];
  readonly newKeys: readonly number[];
}

/** Validates and encodes a batch without writing anything; `commit` adopts its new page keys
 * once the batch is stored. */
export function stageBatch(events: readonly NewEvent[], version: number, pages: PageTable): { staged: StagedEvent[]; commit: () => void } {
  const batch = pages.batch();
  const staged = events.map((e, i) => stageEvent(positioned(e, version + i), batch));
  return { staged, commit: () => batch.commit() };
}

function stageEvent(rec: Recorded<ZramEvent>, batch: PageBatch): StagedEvent {
  const records: Uint8Array[] = [];
  const newKeys: number[] = [];
  let canonical = rec;
  if (rec.event.type === 'BioQueued') {
    const own = rec.event.pages.map((p) => {
      const admitted = admitPage(batch, p, rec.seq);
      if (admitted.isNew) { records.push(encodePageRecord(p.key, admitted.data)); newKeys.push(p.key); }
      return { key: p.key, data: admitted.data };
    });
    canonical = { seq: rec.seq, ts: rec.ts, event: { ...rec.event, pages: own } };
  }
  records.push(encodeEventRecord(rec));
  for (const r of records) {
    if (r.length > MAX_RECORD_BYTES) throw new LogAppendError(rec.seq, `a record of ${r.length} bytes exceeds MAX_RECORD_BYTES (${MAX_RECORD_BYTES})`);
  }
  return { rec: canonical, records, newKeys };
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
