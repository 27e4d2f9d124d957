// trace -> events (DESIGN.md "ingest"): Q -> BioQueued, C -> BioCompleted with the same bioId.
// Operation from the Q's categories: DISCARD -> discard, WRITE with data -> write, FLUSH with 0
// bytes -> flush, anything else -> read. A v7 trace cannot tell REQ_OP_WRITE_ZEROES from a write
// (both carry only the WRITE category), so write-zeroes come in as writes. Other actions
// (G, I, D, M, X, A, P, U, notes) carry nothing zram models and are counted, not emitted.
import type { BioOp, PagePayload, Recorded, ZramEvent } from '../events/types';
import { MergedRecord } from '../blktrace/merge';
import { actionCode, BLK_TA, BLK_TC, BlkRecord, hasCategory, isNotify } from '../blktrace/record';
import { bytes, nanos, PAGE_SIZE, sector } from '../units';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
import { BioInfo, ContentSource } from './content-source';
import { PageKeys } from './page-keys';
import { PairKey, QcPairer } from './pair';
import { emptyIngestStats, IngestStats, noteUnaligned } from './ingest-stats';

export interface IngestOptions {
  readonly content: ContentSource;
  /** Only records of this dev_t (major << 20 | minor); default: the single device with Q events. */
  readonly device?: number;
  /** Writes larger than this many pages are not ingested (listed in stats.oversized): a damaged
   * trace can claim a 4 GiB write, which would mean a million page contents. Default 16384 (64 MiB). */
  readonly maxWritePages?: number;
  /** Distinct pages kept for deduplication (default: all). Streams bound it (see PageKeys). */
  readonly maxRetainedPages?: number;
  /** Events put before the trace's, at time 0 (a bare trace's made-up disksize store): numbered
   * here with the rest, so the log's seqs are ingest's alone. */
  readonly prelude?: readonly ZramEvent[];
}

export interface IngestResult {
  readonly events: Recorded<ZramEvent>[];
  readonly stats: IngestStats;
  readonly contentSource: string; // for LogHeader.contentSource
  readonly device: number;
}

export function opOfQueue(r: BlkRecord): BioOp {
  if (hasCategory(r, BLK_TC.DISCARD)) return 'discard';
  if (hasCategory(r, BLK_TC.WRITE) && r.bytes > 0) return 'write';
  if (hasCategory(r, BLK_TC.FLUSH) && r.bytes === 0) return 'flush';
  return 'read';
}

/** The device to ingest: the given one, or the only one with Q events. */
export function pickDevice(records: readonly MergedRecord[], wanted?: number): number {
  if (wanted !== undefined) return wanted;
  const devs = new Set<number>();
  for (const m of records) if (actionCode(m.rec) === BLK_TA.QUEUE) devs.add(m.rec.device);
  if (devs.size > 1) {
    const names = [...devs].map((d) => `${d >>> 20},${d & 0xfffff}`).join(' ');
    throw new RangeError(`trace has Q events for several devices (${names}): choose one`);
  }
  return devs.size ? [...devs][0] : 0;
}

export function ingestTrace(records: readonly MergedRecord[], opts: IngestOptions): IngestResult {
  const device = pickDevice(records, opts.device);
  const events: Recorded<ZramEvent>[] = [];
  const ing = new Ingester(opts, (r) => events.push(r));
  for (const m of records) ing.record(m, device);
  return { events, stats: ing.finish(), contentSource: opts.content.description, device };
}

/** The same fold as ingestTrace, one event at a time: memory does not grow with the trace (give
 * maxRetainedPages). `device` must be chosen beforehand (a first pass, see pickDevice). The stats
 * are complete once the generator is done. */
export function* ingestStream(records: Iterable<MergedRecord>, opts: IngestOptions & { readonly device: number },
  stats?: (s: IngestStats) => void): Generator<Recorded<ZramEvent>> {
  const pending: Recorded<ZramEvent>[] = [];
  const ing = new Ingester(opts, (r) => pending.push(r));
  while (pending.length > 0) yield pending.shift()!; // the prelude
  for (const m of records) {
    ing.record(m, opts.device);
    while (pending.length > 0) yield pending.shift()!;
  }
  stats?.(ing.finish());
}

/** The fold over merged records: filters, then Q and C handlers. */
class Ingester {
  private readonly st = emptyIngestStats();
  private readonly pairer = new QcPairer();
  private readonly keys: PageKeys;
  private readonly skipped = new Set<number>(); // oversized writes: their C is dropped too
  private lastTime = -1n;
  private nextBio = 0;
  private pageOrdinal = 0;
  private seq = 0;

  constructor(private readonly opts: IngestOptions, private readonly sink: (r: Recorded<ZramEvent>) => void) {
    this.keys = new PageKeys(opts.maxRetainedPages);
    for (const e of opts.prelude ?? []) this.emit(0n, e);
  }

  private emit(ts: bigint, event: ZramEvent): void {
    this.sink({ seq: this.seq++, ts: nanos(Number(ts)), event });
  }

  record(m: MergedRecord, device: number): void {
    const r = m.rec;
    if (r.time < this.lastTime) this.st.timeInversions++;
    if (r.time > this.lastTime) this.lastTime = r.time;
    if (isNotify(r)) { this.st.notes++; return; }
    if (r.device !== device) { this.st.otherDevices++; return; }
    // a damaged trace can hold times before genesis (u64 wrap) or sectors past 2^53: reported
    if (m.relTime > MAX_SAFE || r.sector > MAX_SAFE) { this.st.unrepresentable++; return; }
    const key = { device: r.device, sector: r.sector, bytes: r.bytes, write: hasCategory(r, BLK_TC.WRITE) };
    const code = actionCode(r);
    if (code === BLK_TA.QUEUE) this.queue(m, key);
    else if (code === BLK_TA.COMPLETE) this.complete(m, key);
    else this.st.otherActions++;
  }

  private queue(m: MergedRecord, key: PairKey): void {
    const r = m.rec;
    const bioId = this.nextBio++;
    const op = opOfQueue(r);
    const info: BioInfo = { bioId, op, sector: Number(r.sector), bytes: r.bytes, time: r.time, pageOrdinal: this.pageOrdinal };
    this.st.queued++;
    noteUnaligned(this.st, info);
    if (op === 'write' && Math.ceil(r.bytes / PAGE_SIZE) > (this.opts.maxWritePages ?? 16384)) {
      this.st.oversized.push(bioId);
      this.skipped.add(bioId);
      this.pairer.queued(key, bioId, r.pid);
      return;
    }
    const pages = op === 'write' ? writePages(info, this.opts.content, this.keys) : [];
    this.pageOrdinal += pages.length;
    this.emit(m.relTime, { type: 'BioQueued', bioId, op, sector: sector(info.sector), bytes: bytes(r.bytes), context: 'process', pages });
    if (this.pairer.queued(key, bioId, r.pid)) this.emit(m.relTime, { type: 'BioCompleted', bioId });
  }

  private complete(m: MergedRecord, key: PairKey): void {
    this.st.completed++;
    const bioId = this.pairer.completed(key, m.rec.pid);
    if (bioId !== null && !this.skipped.has(bioId)) this.emit(m.relTime, { type: 'BioCompleted', bioId });
  }

  finish(): IngestStats {
    const st = this.st;
    st.paired = this.pairer.paired;
    st.outOfOrder = this.pairer.outOfOrder;
    st.unpairedC = this.pairer.unpairedC;
    st.unpairedQ = this.pairer.unpairedQ();
    st.distinctPages = this.keys.distinct;
    return st;
  }
}

function writePages(bio: BioInfo, src: ContentSource, keys: PageKeys): PagePayload[] {
  const n = Math.ceil(bio.bytes / PAGE_SIZE);
  const pages: PagePayload[] = [];
  for (let i = 0; i < n; i++) pages.push(keys.payload(src.page(bio, i)));
  return pages;
}

