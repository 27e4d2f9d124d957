// Emulation of Debian blkparse 1.2.0's text output: event lines in merged order, then the
// summary. File mode follows blkparse's per-CPU stream rules (merge.ts); pipe mode reproduces its
// batch-by-batch sort tree (blkparse-show.ts). Options: -a/-A action masks, -w stopwatch, -f/-F
// formats, -t I/O tracking, -s per-program stats (-h by name), -M (no messages in the -d dump).
import { BlkparseEvent, BlkparseText, TextOptions } from './blkparse-text';
import { MergedRecord, mergeFileMode, RecordSource } from './merge';
import { decodeNote } from './pdu';
import { BLK_TN_MESSAGE, BLK_TN_PROCESS, BLK_TN_TIMESTAMP, BlkRecord, devMajor, devMinor } from './record';
import { SeqSkips } from './seq-skips';
import { DeviceSummary, deviceSummary, renderSummary } from './summary';
import { trackDev, TrackDev } from './track';

export interface BlkparseOutput {
  out(text: string): void;  // the text output (stdout, or -o FILE)
  err(text: string): void;  // stderr: blkparse's complaints
  /** blkparse -d: every record as it would be dumped (notes with their absolute time, events with
   * the time relative to genesis), in the order blkparse writes them. */
  binary?(rec: BlkRecord, time: bigint): void;
  /** blkparse -O: no event lines (records still go to `binary`). */
  readonly noText?: boolean;
}

export interface BlkparseOptions extends TextOptions {
  /** -a/-A: category mask (BLK_TC bits); an event is shown when it has any of them. */
  readonly actMask?: number;
  /** -w: [start, end) in ns relative to genesis. */
  readonly stopwatch?: { readonly start: bigint; readonly end: bigint };
  /** -M: leave MESSAGE records out of the -d dump. */
  readonly noMsgs?: boolean;
  /** -b: records per read batch (pipe mode) or per stream refill (file mode). */
  readonly batch?: number;
  /** -q: no device summary (per-program stats still print with -s). */
  readonly quiet?: boolean;
}

export interface DevState { readonly sum: DeviceSummary; readonly curDepth: [number, number]; readonly track: TrackDev }

const U64_MAX = (1n << 64n) - 1n;

export class BlkparseEmulator {
  private readonly devices: DevState[] = [];
  private readonly text: BlkparseText;
  private littleEndian = true;
  private readonly mask: number;
  private readonly swStart: bigint;
  private readonly swEnd: bigint;

  constructor(private readonly o: BlkparseOutput, private readonly opts: BlkparseOptions = {}) {
    this.text = new BlkparseText(o, opts);
    this.mask = (opts.actMask ?? 0xffff) & 0xffff;
    this.swStart = opts.stopwatch?.start ?? 0n;
    this.swEnd = opts.stopwatch?.end ?? U64_MAX;
  }

  get haveDrvData(): boolean { return this.text.haveDrvData; }

  setByteOrder(le: boolean): void {
    this.littleEndian = le;
  }

  /** PROCESS notes name pids; TIMESTAMP gives %z its wall clock. */
  onNote(r: BlkRecord): void {
    this.o.binary?.(r, r.time);
    const n = decodeNote(r, this.littleEndian);
    if (r.action === BLK_TN_PROCESS && n.kind === 'process') this.text.names.note(r.pid, n.comm);
    if (r.action === BLK_TN_TIMESTAMP && n.kind === 'timestamp') this.text.timestamp(r.time, n.sec, n.nsec);
  }

  device(name: string, dev = 0): DevState {
    const d: DevState = { sum: deviceSummary(name), curDepth: [0, 0], track: trackDev(dev) };
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
    }, this.opts.batch);
    for (const m of merged) {
      const dev = devs[m.source?.group ?? 0];
      const c = this.cpu(dev, m.streamCpu);
      c.nelems++;
      if (m.relTime > this.swEnd) break; // blkparse stops reading at the window's end
      dev.sum.lastReported = m.relTime;
      if (this.shown(m.rec) && m.relTime >= this.swStart) this.dumpTrace(dev, m.streamCpu, m);
    }
  }

  /** Pipe mode, already sorted (the lenient and JSON paths): devices keyed by dev_t in the order
   * they were first read, CPUs by the record's cpu field. */
  runPipeMode(sorted: Iterable<MergedRecord>, deviceOrder: readonly number[]): void {
    const skips = new Map<number, SeqSkips>();
    for (const d of deviceOrder) this.pipeDevice(d);
    for (const m of sorted) {
      if (m.rec.action !== BLK_TN_MESSAGE) this.skipsOf(skips, m.rec.device).see(m.rec.cpu, m.rec.sequence);
      this.showPipeRecord(this.pipeDevice(m.rec.device), m);
    }
    this.closeSkips(skips);
  }

  private readonly byDev = new Map<number, DevState>();

  /** The device of a pipe-mode record, created in first-seen order. */
  pipeDevice(d: number): DevState {
    let st = this.byDev.get(d);
    if (!st) { st = this.device(`${devMajor(d)},${devMinor(d)}`, d); this.byDev.set(d, st); }
    return st;
  }

  skipsOf(m: Map<number, SeqSkips>, d: number): SeqSkips {
    let s = m.get(d);
    if (!s) { s = new SeqSkips(); m.set(d, s); }
    return s;
  }

  closeSkips(m: Map<number, SeqSkips>): void {
    for (const [d, st] of this.byDev) Object.assign(st.sum, m.get(d)?.totals() ?? { skips: 0, seqSkips: 0 });
  }

  /** One pipe-mode record leaving blkparse's sort tree. */
  showPipeRecord(dev: DevState, m: MergedRecord): void {
    dev.sum.lastReported = m.relTime;
    this.cpu(dev, m.rec.cpu).nelems++;
    if (this.shown(m.rec)) this.dumpTrace(dev, m.rec.cpu, m);
  }

  get window(): { start: bigint; end: bigint } { return { start: this.swStart, end: this.swEnd }; }

  setGenesis(g: bigint): void { this.text.genesis(g); }

  private shown(r: BlkRecord): boolean {
    return ((r.action >>> 16) & this.mask) !== 0;
  }

  private cpu(dev: DevState, cpu: number): { nelems: number; stats: import('./io-stats').IoStats } {
    let c = dev.sum.cpus.get(cpu);
    if (!c) { c = { nelems: 0, stats: this.text.emptyStats() }; dev.sum.cpus.set(cpu, c); }
    return c;
  }

  private dumpTrace(dev: DevState, cpu: number, m: MergedRecord): void {
    let rec = m.rec;
    if (!this.o.noText) {
      const ev: BlkparseEvent = { rec: m.rec, relTime: m.relTime, cpu, dev, stats: this.cpu(dev, cpu).stats };
      rec = this.text.event(ev);
    }
    if (!dev.sum.events) dev.sum.firstReported = m.relTime;
    dev.sum.events++;
    if (!(this.opts.noMsgs && rec.action === BLK_TN_MESSAGE)) this.o.binary?.(rec, m.relTime);
  }

  summary(): string {
    let out = this.opts.perProcess ? this.text.processStats() : '';
    if (!this.opts.quiet) out += renderSummary(this.devices.map((d) => d.sum));
    return out;
  }

  /** blkparse's closing remark when DRV_DATA records were dropped from the text output. */
  trailer(): string {
    return this.text.haveDrvData
      ? '\ndiscarded traces containing low-level device driver specific data (only available in binary output)\n'
      : '';
  }
}
