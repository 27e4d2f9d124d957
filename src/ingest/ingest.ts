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
import { QcPairer } from './pair';
import { emptyIngestStats, IngestStats, noteUnaligned } from './ingest-stats';

export interface IngestOptions {
  readonly content: ContentSource;
  /** Only records of this dev_t (major << 20 | minor); default: the single device with Q events. */
  readonly device?: number;
  /** Writes larger than this many pages are not ingested (listed in stats.oversized): a damaged
   * trace can claim a 4 GiB write, which would mean a million page contents. Default 16384 (64 MiB). */
  readonly maxWritePages?: number;
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
  const st = emptyIngestStats();
  const pairer = new QcPairer();
  const keys = new PageKeys();
  const events: Recorded<ZramEvent>[] = [];
  const emit = (ts: bigint, event: ZramEvent): void => {
    events.push({ seq: events.length, ts: nanos(Number(ts)), event });
  };
  let lastTime = -1n;
  let nextBio = 0;
  let pageOrdinal = 0;
  const skipped = new Set<number>();
  for (const m of records) {
    const r = m.rec;
    if (r.time < lastTime) st.timeInversions++;
    lastTime = r.time > lastTime ? r.time : lastTime;
    if (isNotify(r)) { st.notes++; continue; }
    if (r.device !== device) { st.otherDevices++; continue; }
    // a damaged trace can hold times before genesis (u64 wrap) or sectors past 2^53: reported
    if (m.relTime > MAX_SAFE || r.sector > MAX_SAFE) { st.unrepresentable++; continue; }
    const code = actionCode(r);
    const key = { device: r.device, sector: r.sector, bytes: r.bytes, write: hasCategory(r, BLK_TC.WRITE) };
    if (code === BLK_TA.QUEUE) {
      const bioId = nextBio++;
      const op = opOfQueue(r);
      const info: BioInfo = { bioId, op, sector: Number(r.sector), bytes: r.bytes, time: r.time, pageOrdinal };
      noteUnaligned(st, info);
      if (op === 'write' && Math.ceil(r.bytes / PAGE_SIZE) > (opts.maxWritePages ?? 16384)) {
        st.oversized.push(bioId);
        skipped.add(bioId);
        pairer.queued(key, bioId);
        continue;
      }
      const pages = op === 'write' ? writePages(info, opts.content, keys) : [];
      pageOrdinal += pages.length;
      st.queued++;
      emit(m.relTime, { type: 'BioQueued', bioId, op, sector: sector(info.sector), bytes: bytes(r.bytes), context: 'process', pages });
      if (pairer.queued(key, bioId)) emit(m.relTime, { type: 'BioCompleted', bioId });
    } else if (code === BLK_TA.COMPLETE) {
      st.completed++;
      const bioId = pairer.completed(key);
      if (bioId !== null && !skipped.has(bioId)) emit(m.relTime, { type: 'BioCompleted', bioId });
    } else st.otherActions++;
  }
  st.paired = pairer.paired;
  st.outOfOrder = pairer.outOfOrder;
  st.unpairedC = pairer.unpairedC;
  st.unpairedQ = pairer.unpairedQ();
  st.distinctPages = keys.distinct;
  return { events, stats: st, contentSource: opts.content.description, device };
}

function writePages(bio: BioInfo, src: ContentSource, keys: PageKeys): PagePayload[] {
  const n = Math.ceil(bio.bytes / PAGE_SIZE);
  const pages: PagePayload[] = [];
  for (let i = 0; i < n; i++) pages.push(keys.payload(src.page(bio, i)));
  return pages;
}

