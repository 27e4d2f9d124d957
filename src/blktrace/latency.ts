// Q2C and D2C per operation type (btt's vocabulary, blktrace.md §3). Bio-based devices (zram)
// emit Q and C only; request-based ones add G/I/D, and merges/splits mean one C can finish
// several Qs. As in btt, a C completes every pending Q (and D) on its device whose sector range
// lies inside the C's range; zero-byte flushes pair with a zero-byte C at the same sector.
import { Histogram, LatencySummary } from '../latency/histogram';
import { MergedRecord } from './merge';
import { actionCode, BLK_TA, BLK_TC, BlkRecord, hasCategory, isNotify } from './record';

export type LatencyOp = 'read' | 'write' | 'discard' | 'flush';
export const LATENCY_OPS: readonly LatencyOp[] = ['read', 'write', 'discard', 'flush'];

/** Operation of a Q (same rules as ingest): discard bit, write with data, empty flush, else read. */
export function opOf(r: BlkRecord): LatencyOp {
  if (hasCategory(r, BLK_TC.DISCARD)) return 'discard';
  if (r.bytes === 0 && hasCategory(r, BLK_TC.FLUSH)) return 'flush';
  if (hasCategory(r, BLK_TC.WRITE)) return 'write';
  return 'read';
}

interface Pending { readonly time: bigint; readonly start: bigint; readonly end: bigint; readonly op: LatencyOp; left: bigint }

export interface LatencyReport {
  readonly q2c: Record<LatencyOp, LatencySummary>;
  readonly d2c: Record<LatencyOp, LatencySummary>;
  readonly queued: number;
  readonly completed: number;
  readonly unpairedQ: number;   // Qs never completed
  readonly unpairedC: number;   // Cs that completed no pending Q (e.g. the second C of a flush sequence)
}

class Tracker {
  private readonly pending = new Map<number, Pending[]>();
  add(dev: number, p: Pending): void {
    const l = this.pending.get(dev);
    if (l) l.push(p);
    else this.pending.set(dev, [p]);
  }
  /** Applies a completion of [start, end): every pending entry it overlaps loses the overlap
   * (a split bio completes piece by piece); entries with nothing left are removed and returned.
   * A zero-byte completion finishes a zero-byte entry at the same sector. Oldest first. */
  take(dev: number, start: bigint, end: bigint): Pending[] {
    const l = this.pending.get(dev);
    if (!l) return [];
    const hit: Pending[] = [];
    const keep: Pending[] = [];
    let zeroDone = false;
    this.touched = 0;
    for (const p of l) {
      if (start === end) {
        if (!zeroDone && p.start === start && p.end === p.start) { hit.push(p); zeroDone = true; this.touched++; } else keep.push(p);
        continue;
      }
      const lo = p.start > start ? p.start : start;
      const hi = p.end < end ? p.end : end;
      if (hi > lo) { p.left -= hi - lo; this.touched++; }
      (hi > lo && p.left <= 0n ? hit : keep).push(p);
    }
    if (hit.length) this.pending.set(dev, keep);
    return hit;
  }
  /** How many entries the last take() overlapped, completed or not. */
  touched = 0;
  get size(): number {
    let n = 0;
    for (const l of this.pending.values()) n += l.length;
    return n;
  }
}

export function computeLatency(records: Iterable<MergedRecord>): LatencyReport {
  const q = new Tracker();
  const d = new Tracker();
  const q2c = Object.fromEntries(LATENCY_OPS.map((o) => [o, new Histogram()])) as Record<LatencyOp, Histogram>;
  const d2c = Object.fromEntries(LATENCY_OPS.map((o) => [o, new Histogram()])) as Record<LatencyOp, Histogram>;
  let queued = 0;
  let completed = 0;
  let unpairedC = 0;
  for (const { rec: r } of records) {
    if (isNotify(r)) continue;
    const code = actionCode(r);
    const len = BigInt(r.bytes >>> 9);
    const p: Pending = { time: r.time, start: r.sector, end: r.sector + len, op: opOf(r), left: len };
    if (code === BLK_TA.QUEUE) { q.add(r.device, p); queued++; }
    else if (code === BLK_TA.ISSUE) d.add(r.device, p);
    else if (code === BLK_TA.COMPLETE) {
      completed++;
      const qs = q.take(r.device, p.start, p.end);
      for (const x of qs) q2c[x.op].add(Number(r.time - x.time));
      for (const x of d.take(r.device, p.start, p.end)) d2c[x.op].add(Number(r.time - x.time));
      if (qs.length === 0 && q.touched === 0) unpairedC++;
    }
  }
  const sum = (m: Record<LatencyOp, Histogram>): Record<LatencyOp, LatencySummary> =>
    Object.fromEntries(LATENCY_OPS.map((o) => [o, m[o].summary()])) as Record<LatencyOp, LatencySummary>;
  return { q2c: sum(q2c), d2c: sum(d2c), queued, completed, unpairedQ: q.size, unpairedC };
}

/** btt-style table: seconds with 9 decimals. */
export function formatLatency(rep: LatencyReport): string {
  const sec = (ns: number | null): string => (ns === null ? '-' : (ns / 1e9).toFixed(9));
  const head = '      op stage        N          MIN          AVG          P50          P90          P99        P99.9          MAX\n';
  let out = head;
  for (const [stage, m] of [['Q2C', rep.q2c], ['D2C', rep.d2c]] as const) {
    for (const op of LATENCY_OPS) {
      const s = m[op];
      if (!s.count) continue;
      out += `${op.padStart(8)} ${stage.padEnd(5)} ${String(s.count).padStart(8)} ` +
        [s.min, s.mean, s.p50, s.p90, s.p99, s.p999, s.max].map((v) => sec(v).padStart(12)).join(' ') + '\n';
    }
  }
  out += `\nqueued ${rep.queued}, completed ${rep.completed}, unpaired Q ${rep.unpairedQ}, unpaired C ${rep.unpairedC}\n`;
  return out;
}
