// k-way merge of per-CPU streams by time, with blkparse's file-mode rules (blktrace.md §2.1–2.2):
// - streams are primed in batches (512 records); a record whose cpu differs from the stream's
//   is rejected but still uses a batch slot, so a full batch of rejects ends the stream;
// - notify records other than MESSAGE are handed to `onNote` as they are read, and leave the stream;
// - the stream list is kept sorted by the time of each stream's next record, with blkparse's tie
//   rules (a stream keeps its place unless its next record is strictly later than the next
//   stream's), so equal timestamps come out in the same order as blkparse prints them;
// - genesis = the earliest primed record; times are u64 `time - genesis` (wrapping like C).
import { BLK_TN_MESSAGE, BlkRecord, isNotify } from './record';

export const RB_BATCH_DEFAULT = 512;

/** A source of decoded records, in file order; null at the end (or when decoding stopped). */
export interface RecordSource {
  readonly cpu: number;       // the file's CPU number (NAME.blktrace.N)
  readonly name: string;
  /** Which named input (blkparse device) the stream belongs to, when several are merged. */
  readonly group?: number;
  next(): BlkRecord | null;
}

export interface MergedRecord {
  readonly rec: BlkRecord;
  readonly streamCpu: number;
  readonly relTime: bigint;   // u64 time - genesis
  readonly source?: RecordSource;
}

export interface MergeHooks {
  onNote?(rec: BlkRecord, source: RecordSource): void;
  onCpuMismatch?(rec: BlkRecord, source: RecordSource): void;
  /** false: keep records whose cpu differs from their file's (blktrace.md §7.4); default true. */
  readonly strictCpu?: boolean;
}

interface Stream {
  readonly src: RecordSource;
  queue: BlkRecord[];
  head: number;
  done: boolean;
}

const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);

/** Reads the next batch; returns how many records were queued. */
function prime(s: Stream, hooks: MergeHooks, batch: number): number {
  s.queue = [];
  s.head = 0;
  for (let i = 0; !s.done && i < batch; i++) {
    const r = s.src.next();
    if (r === null) { s.done = true; break; }
    if (r.cpu !== s.src.cpu && hooks.strictCpu !== false) { hooks.onCpuMismatch?.(r, s.src); continue; }
    if (isNotify(r) && r.action !== BLK_TN_MESSAGE) {
      hooks.onNote?.(r, s.src);
      i -= 1;
      continue;
    }
    s.queue.push(r);
  }
  return s.queue.length;
}

const peek = (s: Stream): bigint => s.queue[s.head].time;

/** blkparse's ms_sort: before the head if strictly earlier, else after every stream strictly earlier. */
function insertSorted(list: Stream[], s: Stream): void {
  if (list.length === 0 || peek(s) < peek(list[0])) { list.unshift(s); return; }
  let i = 0;
  while (i + 1 < list.length && peek(list[i + 1]) < peek(s)) i++;
  list.splice(i + 1, 0, s);
}

export function* mergeFileMode(sources: readonly RecordSource[], hooks: MergeHooks = {},
  batch = RB_BATCH_DEFAULT): Generator<MergedRecord> {
  const list: Stream[] = [];
  for (const src of sources) {
    const s: Stream = { src, queue: [], head: 0, done: false };
    if (prime(s, hooks, batch) > 0) insertSorted(list, s);
  }
  if (list.length === 0) return;
  const genesis = peek(list[0]);
  while (list.length > 0) {
    const s = list[0];
    const rec = s.queue[s.head++];
    yield { rec, streamCpu: s.src.cpu, relTime: U64(rec.time - genesis), source: s.src };
    if (s.head >= s.queue.length && prime(s, hooks, batch) === 0) {
      list.shift();
      continue;
    }
    if (list.length > 1 && peek(s) > peek(list[1])) {
      list.shift();
      insertSorted(list, s);
    }
  }
}
