// Bios as time spans from a blktrace trace's Q and C records (ts, pid, cpu of the Q), paired as
// ingest pairs them (src/ingest/pair.ts), each placed on a lane of its CPU: a lane holds one bio
// at a time, so the spans of a lane never overlap (slices on one Perfetto track must nest).
import type { MergedRecord } from '../../blktrace/merge';
import {
  actionCode, BLK_TA, BLK_TC, BLK_TN_PROCESS, hasCategory, isNotify, type BlkRecord,
} from '../../blktrace/record';
import { opOf } from '../../blktrace/latency';
import { QcPairer } from '../../ingest/pair';

export interface BioSpan {
  id: number; startNs: number; endNs: number; cpu: number; lane: number; pid: number; comm: string;
  op: string; sector: number; bytes: number; error: number;
}

export interface SpanStats { spans: number; unpairedQ: number; unpairedC: number }

interface Open {
  id: number; startNs: number; cpu: number; lane: number; pid: number; op: string; sector: number; bytes: number;
}

/** comm of a PROCESS note: the payload up to its first NUL. */
export function noteComm(r: BlkRecord): string | null {
  if (!isNotify(r) || (r.action >>> 0) !== BLK_TN_PROCESS) return null;
  const end = r.pdu.indexOf(0);
  return String.fromCharCode(...r.pdu.subarray(0, end < 0 ? r.pdu.length : end));
}

class Lanes {
  private readonly busy = new Map<number, boolean[]>();
  take(cpu: number): number {
    const l = this.busy.get(cpu) ?? [];
    this.busy.set(cpu, l);
    let i = l.indexOf(false);
    if (i < 0) { i = l.length; l.push(true); } else l[i] = true;
    return i;
  }
  free(cpu: number, lane: number): void {
    const l = this.busy.get(cpu);
    if (l) l[lane] = false;
  }
}

/** Spans in completion order. `comms` maps pid to process name (from PROCESS notes). */
export function* bioSpans(records: Iterable<MergedRecord>, comms: ReadonlyMap<number, string>,
  stats: SpanStats = { spans: 0, unpairedQ: 0, unpairedC: 0 }): Generator<BioSpan> {
  const pairer = new QcPairer();
  const open = new Map<number, Open>();
  const lanes = new Lanes();
  let next = 0;
  const span = (o: Open, endNs: number, error: number): BioSpan => {
    lanes.free(o.cpu, o.lane);
    stats.spans++;
    return { id: o.id, startNs: o.startNs, endNs, cpu: o.cpu, lane: o.lane, pid: o.pid, comm: comms.get(o.pid) ?? '',
      op: o.op, sector: o.sector, bytes: o.bytes, error };
  };
  for (const m of records) {
    const r = m.rec;
    if (isNotify(r)) continue;
    const code = actionCode(r);
    if (code !== BLK_TA.QUEUE && code !== BLK_TA.COMPLETE) continue;
    const key = { device: r.device, sector: r.sector, bytes: r.bytes, write: hasCategory(r, BLK_TC.WRITE) };
    const t = Number(m.relTime);
    if (code === BLK_TA.QUEUE) {
      const o: Open = { id: next++, startNs: t, cpu: r.cpu, lane: lanes.take(r.cpu), pid: r.pid, op: opOf(r),
        sector: Number(r.sector), bytes: r.bytes };
      // a completion seen before its queue (another CPU's clock): a span of no length
      if (pairer.queued(key, o.id)) yield span(o, t, r.error);
      else open.set(o.id, o);
      continue;
    }
    const id = pairer.completed(key);
    const o = id === null ? undefined : open.get(id);
    if (o === undefined) continue;
    open.delete(o.id);
    yield span(o, Math.max(t, o.startNs), r.error);
  }
  stats.unpairedQ = open.size;
  stats.unpairedC = pairer.unpairedC;
}
