// Checks a captured bundle against what the recorded command is known to have written: for each
// traced write W (not the recorder's) and each page x of it, the first capture read R of x
// queued after W's completion either holds W's bytes for x, or something changed x between W's
// C and R's end (a later write or discard of x queued before R finished: a race, which ingest
// marks; the later write is checked in its turn). Also checks each capture entry has its read
// bio in the trace, by the entry's pid, inside its [t0, t1].
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeAll } from '../../src/blktrace/decode';
import { actionCode, BLK_TA, BLK_TC, BlkRecord, hasCategory } from '../../src/blktrace/record';
import type { IoEntry } from '../../src/record/oplog';
import { parseOpLog } from '../../src/record/oplog';
import { loadPages } from '../../src/record/page-store';

const PAGE = 4096;

export interface CaptureCheck {
  readonly writes: number;          // (write, page) pairs checked
  readonly exact: number;
  readonly races: number;
  readonly wrong: string[];         // first few pairs whose capture holds other bytes
  readonly missing: string[];       // pairs with no capture read after them
  readonly lastWritesExact: number; // pages whose last write was captured exact
  readonly lastWrites: number;
  readonly unmatchedReads: number;  // capture entries with no read bio in the trace
}

export interface Bundle {
  readonly records: BlkRecord[];
  readonly captures: IoEntry[];
  readonly pages: Uint8Array[];
}

export function loadBundle(dir: string): Bundle {
  const files = fs.readdirSync(dir).filter((f) => /^trace\.blktrace\.\d+$/.test(f));
  const records = files.flatMap((f) => decodeAll(new Uint8Array(fs.readFileSync(path.join(dir, f)))).records);
  records.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const captures = parseOpLog(fs.readFileSync(path.join(dir, 'ops.jsonl'), 'utf8'))
    .filter((e): e is IoEntry => e.kind === 'io' && e.capture === true);
  const read = (f: string): Buffer => fs.readFileSync(path.join(dir, f));
  const pages = loadPages(read('pages.bin.gz'), read('pages.sha256').toString('utf8'));
  return { records, captures, pages };
}

const code = (r: BlkRecord): number => actionCode(r) & 0xff;
const pagesOf = (r: BlkRecord): number[] => {
  const first = Number(r.sector) * 512 / PAGE;
  return Array.from({ length: Math.ceil(r.bytes / PAGE) }, (_, i) => first + i);
};

/** `expected(page, k)`: the bytes of the k-th write of `page` (0-based, trace order). */
export function checkCapture(b: Bundle, expected: (page: number, k: number) => Uint8Array | null): CaptureCheck {
  const own = new Set(b.captures.map((c) => c.pid));
  const isWrite = (r: BlkRecord): boolean => hasCategory(r, BLK_TC.WRITE) && !own.has(r.pid) && r.bytes > 0;
  const writesC = b.records.filter((r) => code(r) === BLK_TA.COMPLETE && isWrite(r) && !hasCategory(r, BLK_TC.DISCARD));
  // anything that changes a page: write or discard Q
  const changes = b.records.filter((r) => code(r) === BLK_TA.QUEUE && isWrite(r));
  const out = { writes: 0, exact: 0, races: 0, wrong: [] as string[], missing: [] as string[], lastWritesExact: 0,
    lastWrites: 0, unmatchedReads: 0 };
  const nth = new Map<number, number>();
  const last = new Map<number, boolean>();
  for (const w of writesC) {
    for (const x of pagesOf(w)) {
      const k = nth.get(x) ?? 0;
      nth.set(x, k + 1);
      out.writes++;
      const r = b.captures.find((c) => BigInt(c.t0) > w.time && c.off <= x * PAGE && x * PAGE < c.off + c.len);
      if (!r) { out.missing.push(`page ${x} write ${k}`); continue; }
      const raced = changes.some((q) => q.time > w.time && q.time < BigInt(r.t1) && pagesOf(q).includes(x));
      if (raced) { out.races++; last.set(x, false); continue; }
      const got = b.pages[r.pages![(x * PAGE - r.off) / PAGE]];
      const want = expected(x, k);
      const same = want !== null && Buffer.compare(Buffer.from(got), Buffer.from(want)) === 0;
      if (same) out.exact++; else if (out.wrong.length < 10) out.wrong.push(`page ${x} write ${k}`);
      last.set(x, same);
    }
  }
  out.lastWrites = last.size;
  out.lastWritesExact = [...last.values()].filter(Boolean).length;
  const reads = b.records.filter((r) => code(r) === BLK_TA.QUEUE && hasCategory(r, BLK_TC.READ));
  out.unmatchedReads = b.captures.filter((c) => !reads.some((q) => q.pid === c.pid && q.time >= BigInt(c.t0) &&
    q.time <= BigInt(c.t1) && Number(q.sector) * 512 >= c.off && Number(q.sector) * 512 < c.off + c.len)).length;
  return out;
}
