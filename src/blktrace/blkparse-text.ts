// blkparse's text path for one event (dump_trace_fs / dump_trace_pc): per-CPU (and, with -s,
// per-program) accounting, -t tracking, queue depth, then the line in the default or a -f/-F
// format. The order of those steps matters: -t and -s name unnamed pids "unknown" before or after
// the line is printed exactly where blkparse does.
import type { DevState } from './blkparse';
import { FieldContext, formatLine } from './format';
import * as acc from './io-stats';
import { remap } from './pdu';
import { fsLine, isPc, LineContext, messageLine, pcLine } from './print';
import { ProcessNames } from './process-names';
import { ProcessStats } from './process-stats';
import { BLK_TA, BLK_TC, BLK_TN_MESSAGE, BlkRecord, isNotify, tcAct } from './record';
import { IoTracker } from './track';

export interface TextOptions {
  /** -f/-F: format per action letter. */
  readonly formats?: ReadonlyMap<string, string>;
  readonly trackIos?: boolean;     // -t
  readonly perProcess?: boolean;   // -s
  readonly hashByName?: boolean;   // -h
  readonly verbose?: boolean;      // -v
}

export interface BlkparseEvent {
  readonly rec: BlkRecord; readonly relTime: bigint; readonly cpu: number;
  readonly dev: DevState; readonly stats: acc.IoStats;
}

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

/** blkparse stops with this message (exit 1) when a format asks for %u without a -t time. */
export class BlkparseExit extends Error {
  constructor(message: string, readonly code = 1) { super(message); }
}

export class BlkparseText {
  readonly names = new ProcessNames();
  private readonly programs: ProcessStats | null;
  private readonly tracker: IoTracker | null;
  haveDrvData = false;
  private abs: { sec: number; nsec: number } | null = null;
  private stampTime = 0n;

  constructor(private readonly o: { out(s: string): void; err(s: string): void }, private readonly opts: TextOptions) {
    this.programs = opts.perProcess ? new ProcessStats(this.names, opts.hashByName === true) : null;
    this.tracker = opts.trackIos ? new IoTracker(this.names, o.err, opts.verbose === true, this.programs) : null;
  }

  emptyStats(): acc.IoStats { return acc.emptyIoStats(); }

  timestamp(time: bigint, sec: number, nsec: number): void {
    this.stampTime = time;
    this.abs = { sec, nsec };
  }

  /** Pipe mode's genesis: the wall clock moves by genesis - TIMESTAMP time (u64, as blkparse). */
  genesis(g: bigint): void {
    if (!this.abs || !this.stampTime || this.stampTime === g) return;
    const delta = BigInt.asUintN(64, g - this.stampTime);
    this.abs.sec += Number(BigInt.asIntN(64, delta / 1_000_000_000n));
    this.abs.nsec += Number(delta % 1_000_000_000n);
    if (this.abs.nsec > 1e9) { this.abs.nsec -= 1e9; this.abs.sec += 1; }
  }

  processStats(): string { return this.programs?.render() ?? ''; }

  /** Prints one event; returns the record as blkparse then dumps it (A: device_to, default format). */
  event(e: BlkparseEvent): BlkRecord {
    if (e.rec.action === BLK_TN_MESSAGE) {
      const line = messageLine(e.rec, e.relTime);
      if (line) this.o.out(line);
      return e.rec;
    }
    return isPc(e.rec) ? this.pc(e) : this.fs(e);
  }

  private account(e: BlkparseEvent, f: (s: acc.IoStats) => void): void {
    f(e.stats);
    if (this.programs) f(this.programs.stats(e.rec.pid));
  }

  private fs(e: BlkparseEvent): BlkRecord {
    const r = e.rec;
    const code = r.action & 0xffff;
    const w = (r.action & tcAct(BLK_TC.WRITE)) !== 0;
    const act = FS_LETTERS[code];
    const t = this.tracker;
    const d = e.dev.track;
    let elapsed: bigint | null = null;
    if (code === BLK_TA.DRV_DATA) { this.haveDrvData = true; return r; }
    if (act === undefined || isNotify(r)) { this.o.err(`Bad fs action ${r.action.toString(16)}\n`); return r; }
    const nsect = BigInt(r.bytes >>> 9);
    switch (code) {
      case BLK_TA.QUEUE:
        t?.queue(d, r.pid, r.sector, e.relTime);
        this.account(e, (s) => acc.accountQueue(s, w, r.bytes));
        break;
      case BLK_TA.INSERT: elapsed = t ? t.insert(d, r.pid, r.sector, e.relTime, w) : null; break;
      case BLK_TA.BACKMERGE: this.account(e, (s) => acc.accountMerge(s, w, r.bytes)); break;
      case BLK_TA.FRONTMERGE:
        this.account(e, (s) => acc.accountMerge(s, w, r.bytes));
        t?.frontMerge(d, r.sector, nsect);
        break;
      case BLK_TA.GETRQ: t?.getrq(d, r.pid, r.sector, e.relTime); break;
      case BLK_TA.REQUEUE: this.depthDown(e.dev, +w); this.account(e, (s) => acc.accountRequeue(s, w, r.bytes)); break;
      case BLK_TA.ISSUE:
        this.account(e, (s) => acc.accountIssue(s, w, r.bytes));
        this.depthUp(e.dev, +w);
        elapsed = t ? t.issue(d, r.sector, e.relTime, w, (r.action & tcAct(BLK_TC.FS)) !== 0) : null;
        break;
      case BLK_TA.COMPLETE:
        this.depthDown(e.dev, +w);
        this.account(e, (s) => acc.accountComplete(s, w, r.bytes));
        elapsed = t ? t.complete(d, r.sector, e.relTime, w) : null;
        break;
      case BLK_TA.UNPLUG_IO: this.account(e, (s) => acc.accountUnplug(s, false)); break;
      case BLK_TA.UNPLUG_TIMER: this.account(e, (s) => acc.accountUnplug(s, true)); break;
      default: break;
    }
    const fmt = this.opts.formats?.get(act[0]);
    if (fmt !== undefined) { this.formatted(fmt, act, e, elapsed, null); return r; }
    this.o.out(fsLine(r, act, this.ctx(e), elapsed));
    return act === 'A' ? { ...r, device: remap(r).deviceTo } : r;
  }

  private pc(e: BlkparseEvent): BlkRecord {
    const r = e.rec;
    const code = r.action & 0xffff;
    const w = (r.action & tcAct(BLK_TC.WRITE)) !== 0;
    const act = PC_LETTERS[code];
    if (act === undefined) { this.o.err(`Bad pc action ${code.toString(16)}\n`); return r; }
    const print = (): void => {
      const fmt = this.opts.formats?.get(act);
      // blkparse hands the payload to the formatter only for D, C and I (log_pc)
      const pdu = act === 'D' || act === 'C' || act === 'I' ? r.pdu : null;
      if (fmt !== undefined) this.formatted(fmt, act, e, null, pdu);
      else this.o.out(pcLine(r, act, this.ctx(e)));
    };
    switch (code) {
      case BLK_TA.QUEUE: print(); this.account(e, (s) => acc.accountPcQueue(s, w, r.bytes)); return r;
      case BLK_TA.REQUEUE:
        this.depthDown(e.dev, +w);
        this.account(e, (s) => acc.accountPcRequeue(s, w, r.bytes));
        break;
      case BLK_TA.ISSUE: this.account(e, (s) => acc.accountPcIssue(s, w, r.bytes)); this.depthUp(e.dev, +w); break;
      case BLK_TA.COMPLETE:
        this.depthDown(e.dev, +w);
        print();
        this.account(e, (s) => acc.accountPcComplete(s, w));
        return r;
      default: break;
    }
    print();
    return r;
  }

  private ctx(e: BlkparseEvent): LineContext {
    return { cpu: e.cpu, relTime: e.relTime, comm: this.names.get(e.rec.pid) };
  }

  private formatted(fmt: string, act: string, e: BlkparseEvent, elapsed: bigint | null, pdu: Uint8Array | null): void {
    const c: FieldContext = { act, cpu: e.cpu, relTime: e.relTime, comm: this.names.get(e.rec.pid), elapsed, pdu,
      absStart: this.abs };
    try {
      this.o.out(formatLine(fmt, e.rec, c));
    } catch (x) {
      throw new BlkparseExit((x as Error).message);
    }
  }

  private depthUp(dev: DevState, w: number): void {
    dev.curDepth[w]++;
    if (dev.curDepth[w] > dev.sum.maxDepth[w]) dev.sum.maxDepth[w] = dev.curDepth[w];
  }

  private depthDown(dev: DevState, w: number): void {
    if (dev.curDepth[w]) dev.curDepth[w]--;
  }
}
