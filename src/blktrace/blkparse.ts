// Emulation of Debian blkparse 1.2.0's default output: event lines in merged order, then the
// summary. File mode follows blkparse's per-CPU stream rules (merge.ts); pipe mode sorts the whole
// input by (time, device, sequence) as blkparse ends up doing for ftrace data (sequence 0).
import * as acc from './io-stats';
import { mergeFileMode, MergedRecord, RecordSource } from './merge';
import { decodeNote } from './pdu';
import { fsLine, isPc, LineContext, messageLine, pcLine } from './print';
import { BLK_TA, BLK_TC, BLK_TN_MESSAGE, BLK_TN_PROCESS, BlkRecord, devMajor, devMinor, isNotify, tcAct } from './record';
import { SeqSkips } from './seq-skips';
import { DeviceSummary, deviceSummary, renderSummary } from './summary';

export interface BlkparseOutput {
  out(text: string): void;  // stdout: event lines and summary
  err(text: string): void;  // stderr: blkparse's complaints
  /** blkparse -d: every record as it would be dumped (notes with their absolute time, events with
   * the time relative to genesis), in the order blkparse writes them. */
  binary?(rec: BlkRecord, time: bigint): void;
  /** blkparse -O: no event lines (records still go to `binary`). */
  readonly noText?: boolean;
}

interface DevState { readonly sum: DeviceSummary; readonly curDepth: [number, number] }

const FS_LETTERS: Record<number, string> = {
  [BLK_TA.QUEUE]: 'Q', [BLK_TA.INSERT]: 'I', [BLK_TA.BACKMERGE]: 'M', [BLK_TA.FRONTMERGE]: 'F',
  [BLK_TA.GETRQ]: 'G', [BLK_TA.SLEEPRQ]: 'S', [BLK_TA.REQUEUE]: 'R', [BLK_TA.ISSUE]: 'D',
  [BLK_TA.COMPLETE]: 'C', [BLK_TA.PLUG]: 'P', [BLK_TA.UNPLUG_IO]: 'U', [BLK_TA.UNPLUG_TIMER]: 'UT',
  [BLK_TA.SPLIT]: 'X', [BLK_TA.BOUNCE]: 'B', [BLK_TA.REMAP]: 'A',
};
const PC_LETTERS: Record<number, string> = {
  [BLK_TA.QUEUE]: 'Q', [BLK_TA.GETRQ]: 'G', [BLK_TA.SLEEPRQ]: 'S', [BLK_TA.REQUEUE]: 'R',
  [BLK_TA.ISSUE]: 'D', [BLK_TA.COMPLETE]: 'C', [BLK_TA.INSERT]: 'I',
};

export class BlkparseEmulator {
  private readonly comms = new Map<number, string>();
  private readonly devices: DevState[] = [];
  private littleEndian = true;
  haveDrvData = false;

  constructor(private readonly o: BlkparseOutput) {}

  setByteOrder(le: boolean): void {
    this.littleEndian = le;
  }

  /** PROCESS notes name pids; TIMESTAMP only matters for %z, which the default format lacks. */
  onNote(r: BlkRecord): void {
    this.o.binary?.(r, r.time);
    const n = decodeNote(r, this.littleEndian);
    if (r.action === BLK_TN_PROCESS && n.kind === 'process') this.comms.set(r.pid, n.comm);
  }

  private device(name: string): DevState {
    const d: DevState = { sum: deviceSummary(name), curDepth: [0, 0] };
    this.devices.push(d);
    return d;
  }

  /** File mode: named inputs (blkparse -i NAME ...), all their per-CPU sources merged by time;
   * each source's `group` is the index of its name in `names`. */
  runFileMode(names: readonly string[], sources: readonly RecordSource[]): void {
    const devs = names.map((n) => this.device(n));
    const merged = mergeFileMode(sources, {
      onNote: (r) => this.onNote(r),
      onCpuMismatch: (r, s) => this.o.err(`cpu ${s.cpu} trace info has error cpu ${r.cpu}\n`),
    });
    for (const m of merged) this.handle(devs[m.source?.group ?? 0], m.streamCpu, m);
  }

  /** Pipe mode: records already sorted (merge-pipe.ts); devices keyed by dev_t in the order they
   * were first read, CPUs by the record's cpu field. */
  runPipeMode(sorted: Iterable<MergedRecord>, deviceOrder: readonly number[]): void {
    const byDev = new Map<number, DevState>();
    const skips = new Map<number, SeqSkips>();
    for (const d of deviceOrder) {
      byDev.set(d, this.device(`${devMajor(d)},${devMinor(d)}`));
      skips.set(d, new SeqSkips());
    }
    for (const m of sorted) {
      if (m.rec.action !== BLK_TN_MESSAGE) skips.get(m.rec.device)?.see(m.rec.cpu, m.rec.sequence);
      let dev = byDev.get(m.rec.device);
      if (!dev) {
        dev = this.device(`${devMajor(m.rec.device)},${devMinor(m.rec.device)}`);
        byDev.set(m.rec.device, dev);
      }
      this.handle(dev, m.rec.cpu, m);
    }
    for (const [d, st] of byDev) Object.assign(st.sum, skips.get(d)!.totals());
  }

  private handle(dev: DevState, cpu: number, m: MergedRecord): void {
    let c = dev.sum.cpus.get(cpu);
    if (!c) { c = { nelems: 0, stats: acc.emptyIoStats() }; dev.sum.cpus.set(cpu, c); }
    c.nelems++;
    dev.sum.lastReported = m.relTime;
    const ctx: LineContext = { cpu, relTime: m.relTime, comm: this.comms.get(m.rec.pid) ?? null };
    if (this.o.noText) {
      // nothing printed or accounted (blkparse -O skips the text path entirely)
    } else if (m.rec.action === BLK_TN_MESSAGE) {
      const line = messageLine(m.rec, m.relTime);
      if (line) this.o.out(line);
    } else if (isPc(m.rec)) this.dumpPc(m.rec, dev, c.stats, ctx);
    else this.dumpFs(m.rec, dev, c.stats, ctx);
    if (!dev.sum.events) dev.sum.firstReported = m.relTime;
    dev.sum.events++;
    this.o.binary?.(m.rec, m.relTime);
  }

  private depthUp(dev: DevState, w: number): void {
    dev.curDepth[w]++;
    if (dev.curDepth[w] > dev.sum.maxDepth[w]) dev.sum.maxDepth[w] = dev.curDepth[w];
  }

  private depthDown(dev: DevState, w: number): void {
    if (dev.curDepth[w]) dev.curDepth[w]--;
  }

  private dumpFs(r: BlkRecord, dev: DevState, s: acc.IoStats, ctx: LineContext): void {
    const code = r.action & 0xffff;
    const w = (r.action & tcAct(BLK_TC.WRITE)) !== 0;
    const act = FS_LETTERS[code];
    if (code === BLK_TA.DRV_DATA) { this.haveDrvData = true; return; }
    if (act === undefined || isNotify(r)) { this.o.err(`Bad fs action ${r.action.toString(16)}\n`); return; }
    switch (code) {
      case BLK_TA.QUEUE: acc.accountQueue(s, w, r.bytes); break;
      case BLK_TA.BACKMERGE: case BLK_TA.FRONTMERGE: acc.accountMerge(s, w, r.bytes); break;
      case BLK_TA.REQUEUE: this.depthDown(dev, +w); acc.accountRequeue(s, w, r.bytes); break;
      case BLK_TA.ISSUE: acc.accountIssue(s, w, r.bytes); this.depthUp(dev, +w); break;
      case BLK_TA.COMPLETE: this.depthDown(dev, +w); acc.accountComplete(s, w, r.bytes); break;
      case BLK_TA.UNPLUG_IO: acc.accountUnplug(s, false); break;
      case BLK_TA.UNPLUG_TIMER: acc.accountUnplug(s, true); break;
      default: break;
    }
    this.o.out(fsLine(r, act, ctx));
  }

  private dumpPc(r: BlkRecord, dev: DevState, s: acc.IoStats, ctx: LineContext): void {
    const code = r.action & 0xffff;
    const w = (r.action & tcAct(BLK_TC.WRITE)) !== 0;
    const act = PC_LETTERS[code];
    if (act === undefined) { this.o.err(`Bad pc action ${code.toString(16)}\n`); return; }
    switch (code) {
      case BLK_TA.QUEUE: acc.accountPcQueue(s, w, r.bytes); break;
      case BLK_TA.REQUEUE: this.depthDown(dev, +w); acc.accountPcRequeue(s, w, r.bytes); break;
      case BLK_TA.ISSUE: acc.accountPcIssue(s, w, r.bytes); this.depthUp(dev, +w); break;
      case BLK_TA.COMPLETE: this.depthDown(dev, +w); acc.accountPcComplete(s, w); break;
      default: break;
    }
    this.o.out(pcLine(r, act, ctx));
  }

  summary(): string {
    return renderSummary(this.devices.map((d) => d.sum));
  }

  /** blkparse's closing remark when DRV_DATA records were dropped from the text output. */
  trailer(): string {
    return this.haveDrvData
      ? '\ndiscarded traces containing low-level device driver specific data (only available in binary output)\n'
      : '';
  }
}
