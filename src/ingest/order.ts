// Ingest's one ordering and numbering step for inputs with several sources of events (a record
// bundle: the trace's bios, the recorder's sysfs stores, the kernel's stat samples): each event
// carries its absolute CLOCK_MONOTONIC time and its order within its source; the merged
// stream is sorted by time (ties keep source order), renumbered 0, 1, 2... and timed from the
// first event. Nothing downstream (log, fold) orders, pairs or numbers events again.
import type { Recorded, ZramEvent } from '../events/types';
import { nanos, PAGE_SIZE } from '../units';

export interface TimedEvent { readonly abs: bigint; readonly order: number; readonly event: ZramEvent }

/** A v7 trace cannot tell write-zeroes from writes. Exact bundles know (their op log); for an
 * external command, a write larger than one bio of 256 pages (1 MiB) can only be write-zeroes
 * (BLKZEROOUT, mkfs): a heuristic, documented in traces/README.md; smaller zero-outs stay writes. */
export const MAX_DATA_BIO = 256 * PAGE_SIZE;

/** The trace's ingested bios as timed events; `zeroes` (bioIds known to be zero-outs) and, for
 * approximate contents, the size guess turn writes into write_zeroes without pages. */
export function timedBios(events: readonly Recorded<ZramEvent>[], genesis: bigint, zeroes: ReadonlySet<number>,
  approx: boolean): TimedEvent[] {
  return events.map((r, k) => {
    const e = r.event;
    const guessed = approx && e.type === 'BioQueued' && e.op === 'write' && e.bytes > MAX_DATA_BIO;
    const isZeroes = e.type === 'BioQueued' && (zeroes.has(e.bioId) || guessed);
    return { abs: genesis + BigInt(r.ts), order: k, event: isZeroes ? { ...e, op: 'write_zeroes', pages: [] } : e };
  });
}

/** Sorts by time (stable on `order`), numbers from 0 and times from the first event. */
export function orderAndNumber(timed: TimedEvent[]): { events: Recorded<ZramEvent>[]; origin: bigint } {
  timed.sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : a.order - b.order));
  const origin = timed.length ? timed[0].abs : 0n;
  return { events: timed.map((t, seq) => ({ seq, ts: nanos(Number(t.abs - origin)), event: t.event })), origin };
}
