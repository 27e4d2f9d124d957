// The trace's bios with their Q and C times and the issuing pid, numbered exactly as ingest
// numbers them (same filters, same Q/C pairing): the index the captured-contents rules and slot
// frees work on before the trace is ingested. Pure.
import type { MergedRecord } from '../blktrace/merge';
import { actionCode, BLK_TA, BLK_TC, hasCategory, isNotify } from '../blktrace/record';
import type { BioOp } from '../events/types';
import { opOfQueue } from './ingest';
import { QcPairer } from './pair';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export interface BioSpan {
  readonly bioId: number;
  readonly op: BioOp;          // as the trace shows it (write-zeroes are writes)
  readonly sector: number;
  readonly bytes: number;
  readonly pid: number;
  readonly q: bigint;          // absolute trace time (CLOCK_MONOTONIC ns in a bundle)
  c: bigint | null;            // null: never completed
}

/** Every bio of `device` in Q order; bios[i].bioId === i. */
export function bioTimeline(records: Iterable<MergedRecord>, device: number): BioSpan[] {
  const bios: BioSpan[] = [];
  const pairer = new QcPairer();
  for (const m of records) {
    const r = m.rec;
    if (isNotify(r) || r.device !== device || m.relTime > MAX_SAFE || r.sector > MAX_SAFE) continue;
    const key = { device: r.device, sector: r.sector, bytes: r.bytes, write: hasCategory(r, BLK_TC.WRITE) };
    const code = actionCode(r);
    if (code === BLK_TA.QUEUE) {
      const span: BioSpan = { bioId: bios.length, op: opOfQueue(r), sector: Number(r.sector), bytes: r.bytes,
        pid: r.pid, q: r.time, c: null };
      bios.push(span);
      if (pairer.queued(key, span.bioId, r.pid)) span.c = r.time; // its C came first: completes at once, as ingest does
    } else if (code === BLK_TA.COMPLETE) {
      const id = pairer.completed(key, r.pid);
      if (id !== null) bios[id].c = r.time;
    }
  }
  return bios;
}

/** The whole 4 KiB pages a discard or write-zeroes bio frees (zram-6.18.md §4.5: a partial head
 * page is skipped, then every whole page counts, a short tail does not). */
export function wholePages(sector: number, bytes: number): { first: number; count: number } {
  const offset = (sector % 8) * 512;
  let first = Math.floor(sector / 8);
  let n = bytes;
  if (offset !== 0) {
    if (n <= 4096 - offset) return { first, count: 0 };
    n -= 4096 - offset;
    first++;
  }
  return { first, count: Math.floor(n / 4096) };
}
