// blkparse pipe mode (`-i -`), blktrace.md §2.2: records are read in batches of 512, genesis is the
// earliest time in the FIRST batch, and everything is ordered by (time, device, sequence). Ties
// keep blkparse's red-black-tree order: earlier batches first, and within a batch the record read
// later first (blkparse prepends each batch to a list before inserting it).
// Not reproduced: blkparse's incremental printing with per-CPU sequence checks, which only
// changes the order for relay traces whose batches overlap in time; this sorts the whole input.
import { MergedRecord, RB_BATCH_DEFAULT } from './merge';
import { BLK_TN_MESSAGE, BlkRecord, isNotify } from './record';

export interface PipeMerge {
  readonly records: MergedRecord[];
  readonly deviceOrder: number[];
  readonly genesis: bigint | null;
}

/** Streams in fixed batches of `batch` stream records (notes go to onNote, uncounted). */
export function mergePipeMode(records: Iterable<BlkRecord>, onNote: (r: BlkRecord) => void,
  batch = RB_BATCH_DEFAULT): PipeMerge {
  const batches: BlkRecord[][] = [];
  for (const r of records) {
    if (isNotify(r) && r.action !== BLK_TN_MESSAGE) { onNote(r); continue; }
    if (batches.length === 0 || batches[batches.length - 1].length >= batch) batches.push([]);
    batches[batches.length - 1].push(r);
  }
  return sortPipeBatches(batches);
}

/** Orders batches as blkparse's sort tree does; genesis is the first batch's earliest time. */
export function sortPipeBatches(batches: readonly BlkRecord[][]): PipeMerge {
  const keyed: { rec: BlkRecord; b: number; i: number }[] = [];
  const deviceOrder: number[] = [];
  const seen = new Set<number>();
  let genesis: bigint | null = null;
  let n = 0;
  batches.forEach((list, b) => {
    for (const r of list) {
      if (b === 0 && (genesis === null || r.time < genesis)) genesis = r.time;
      if (!seen.has(r.device)) { seen.add(r.device); deviceOrder.push(r.device); }
      keyed.push({ rec: r, b, i: n++ });
    }
  });
  keyed.sort((x, y) => cmp(x.rec.time, y.rec.time) || x.rec.device - y.rec.device ||
    x.rec.sequence - y.rec.sequence || x.b - y.b || y.i - x.i);
  const g = genesis ?? 0n;
  return {
    records: keyed.map((k) => ({ rec: k.rec, streamCpu: k.rec.cpu, relTime: BigInt.asUintN(64, k.rec.time - g) })),
    deviceOrder, genesis,
  };
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
