// The recorder's read-backs (capture reads, ops.jsonl `io` entries with capture:true) tied to
// their trace bios like workload requests (same pid, range inside the request, Q inside its
// [t0, t1]), and indexed by device page: for each page, the reads that saw it, in Q order, with
// the PageStore number of the bytes they read. Numbers only: contents stay in the store.
import { RequestMatcher } from '../../record/bundle-match';
import type { IoEntry } from '../../record/oplog';
import { PAGE_SIZE, SECTOR_SIZE } from '../../units';
import type { BioSpan } from '../bio-timeline';

export interface CapturedPage {
  readonly q: bigint;
  readonly c: bigint;
  readonly store: number;     // -1: the read returned no bytes for this page (short or failed)
}

export interface Captures {
  /** page -> reads of it, in Q order */
  readonly byPage: ReadonlyMap<number, readonly CapturedPage[]>;
  readonly bios: ReadonlySet<number>;   // bioIds that are capture reads
  readonly entries: number;             // capture entries in ops.jsonl
  readonly untied: number;              // of them, with bytes read but no trace bio
}

const isStore = (v: unknown, size: number): boolean =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < size;

/** `storePages`: pages in the bundle's PageStore; a read-back naming another page is a bad bundle. */
export function tieCaptures(bios: readonly BioSpan[], entries: readonly IoEntry[], storePages: number): Captures {
  const caps = entries.filter((e) => e.capture === true && e.op === 'read');
  for (const e of caps) {
    if (e.errno === null && !(Array.isArray(e.pages) && e.pages.every((p) => isStore(p, storePages)))) {
      throw new Error(`ops.jsonl: read-back at ${e.off} (t0 ${e.t0}): pages must be page numbers below ${storePages}`);
    }
  }
  const matcher = new RequestMatcher(caps, ['read'], true);
  const byPage = new Map<number, CapturedPage[]>();
  const ids = new Set<number>();
  const tied = new Set<IoEntry>();
  for (const b of bios) {
    if (b.op !== 'read' || b.c === null) continue;
    const e = matcher.find({ bioId: b.bioId, op: b.op, sector: b.sector, bytes: b.bytes, time: b.q, pid: b.pid });
    if (!e) continue;
    ids.add(b.bioId);
    tied.add(e);
    const first = (b.sector * SECTOR_SIZE - e.off) / PAGE_SIZE;
    const page0 = (b.sector * SECTOR_SIZE) / PAGE_SIZE;
    for (let i = 0; i < Math.floor(b.bytes / PAGE_SIZE); i++) {
      const store = e.errno === null ? e.pages?.[first + i] ?? -1 : -1;
      const l = byPage.get(page0 + i);
      const p = { q: b.q, c: b.c, store };
      if (l) l.push(p); else byPage.set(page0 + i, [p]);
    }
  }
  const untied = caps.filter((e) => !tied.has(e) && e.errno === null && (e.n ?? e.len) > 0).length;
  return { byPage, bios: ids, entries: caps.length, untied };
}

/** The first read of `page` queued after `t` (binary search), or null. */
export function firstCaptureAfter(list: readonly CapturedPage[] | undefined, t: bigint): CapturedPage | null {
  if (!list) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].q <= t) lo = mid + 1; else hi = mid;
  }
  return list[lo] ?? null;
}
