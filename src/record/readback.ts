// Read-back capture: while a recording traces the device, every write completed by a task
// other than the recorder's own I/O threads is read back from the device with O_DIRECT as soon
// as its C record reaches the trace files, and each read is kept as a capture entry in
// ops.jsonl (its bytes in the PageStore). Ingest pairs each write with the first read-back of
// its pages queued after its completion (traces/README.md, "Captured contents").
//
//   const rb = await startReadback({ devPath, disksize, source: capture.followSource(), ops, pages });
//   ... await rb.drain();   // every write completed before this call has been read back
//   const summary = await rb.stop();
import * as os from 'node:os';
import { MAX_BIO_BYTES } from '../kernel/direct-io';
import { PAGE_SIZE } from '../units';
import type { IoEntry, OpLog } from './oplog';
import type { PageStore } from './page-store';
import { caughtUp, FollowSource } from './readback-catchup';
import { TraceFollower } from './readback-follow';
import { LagFigures, LagStats } from './readback-lag';
import { PendingPages, ReadRange } from './readback-queue';
import { ReadbackReader } from './readback-reader';
import { completedWrite } from './readback-writes';

export interface ReadbackOptions {
  readonly devPath: string;
  readonly disksize: number;
  readonly source: FollowSource;
  readonly ops: OpLog;
  readonly pages: PageStore;
  /** The workload line the reads run in (0 for a command recording). */
  readonly step?: () => number;
  /** Tids of the recorder's own I/O threads: their writes are known, not read back. */
  readonly ownPids?: () => Iterable<number>;
  readonly pollMs?: number;   // follower poll period (default 1 ms)
}

export interface ReadbackSummary {
  readonly reads: number;          // capture reads issued (one bio each)
  readonly pagesRead: number;
  readonly failedReads: number;    // reads that returned an error: their pages are not captured
  readonly writesSeen: number;     // completed external writes in the trace
  readonly lagNs: LagFigures;      // per write: its C -> the read-back of its last page done
  readonly tid: number;            // pid of the capture reads in the trace
  readonly traceProblems: number;  // decoder problems met while following (lost-event markers...)
}

export interface Readback {
  readonly tid: number;
  drain(): Promise<void>;
  stop(): Promise<ReadbackSummary>;
  /** Synchronous, for signal handlers: ends the thread (its fd closes with it). */
  kill(): void;
}

/** nice value of the follower (this thread), the read-back thread and the trace readers: on a
 * loaded machine, prompt read-backs mean fewer pages rewritten before they are read (races). */
const PRIORITY = -10;
const IN_FLIGHT = 2;

/** setpriority on one thread (Linux: a tid names one thread); returns the old value, or null. */
function raise(tid: number): number | null {
  try {
    const old = os.getPriority(tid);
    if (old > PRIORITY) os.setPriority(tid, PRIORITY);
    return old;
  } catch { return null; } // not root, or gone: only slower
}

export async function startReadback(o: ReadbackOptions): Promise<Readback> {
  const reader = await ReadbackReader.start(o.devPath);
  const mainOld = raise(0);
  raise(reader.tid);
  for (const r of o.source.ftrace?.readers ?? []) raise(r.pid);
  const restore = (): void => {
    if (mainOld !== null) try { os.setPriority(0, mainOld); } catch { /* kept: only this thread's nice */ }
  };
  const rb = new ReadbackLoop(o, reader, restore);
  rb.start();
  return rb;
}

class ReadbackLoop implements Readback {
  private readonly follower: TraceFollower;
  private readonly pending: PendingPages;
  private readonly writeC = new Map<number, bigint>();
  private readonly lag = new LagStats();
  /** Reads asked of the thread, oldest first: two, so it reads the next while this thread files
   * the last one's pages. */
  private readonly inflight: ReadRange[] = [];
  private timer: NodeJS.Timeout | null = null;
  private waiters: { target: number; resolve: () => void }[] = [];
  private stopped = false;
  private failure: Error | null = null;
  private n = { reads: 0, pagesRead: 0, failedReads: 0, writesSeen: 0 };

  constructor(private readonly o: ReadbackOptions, private readonly reader: ReadbackReader,
    private readonly restorePriority: () => void) {
    this.follower = new TraceFollower(o.source.files);
    this.pending = new PendingPages(Math.floor(o.disksize / PAGE_SIZE));
  }

  get tid(): number {
    return this.reader.tid;
  }

  start(): void {
    const tick = (): void => {
      this.poll();
      if (!this.stopped) this.timer = setTimeout(tick, this.o.pollMs ?? 1);
    };
    tick();
  }

  /** Queues the writes the files gained since the last poll and starts a read if idle. */
  private poll(): void {
    const own = new Set<number>(this.o.ownPids?.() ?? []);
    own.add(this.reader.tid);
    for (const r of this.follower.poll()) {
      const w = completedWrite(r, own);
      if (w === null) continue;
      this.n.writesSeen++;
      this.writeC.set(this.pending.add(w.off, w.len), w.c);
    }
    this.next();
  }

  private next(): void {
    while (this.inflight.length < IN_FLIGHT && this.failure === null) {
      const range = this.pending.take(MAX_BIO_BYTES / PAGE_SIZE);
      if (range === null) break;
      this.inflight.push(range);
      const step = this.o.step?.() ?? 0;
      this.reader.read({ off: range.page * PAGE_SIZE, len: range.count * PAGE_SIZE })
        .then((r) => this.done(range, step, r), (e: Error) => { this.failure = e; this.wake(); });
    }
    this.wake();
  }

  private done(range: ReadRange, step: number, r: Awaited<ReturnType<ReadbackReader['read']>>): void {
    const off = range.page * PAGE_SIZE;
    const len = range.count * PAGE_SIZE;
    const entry: IoEntry = { kind: 'io', step, thread: -1, capture: true, pid: this.reader.tid, op: 'read', off, len,
      t0: String(r.t0), t1: String(r.t1), n: r.n, errno: r.errno };
    if (r.errno === null && r.bytes) {
      const bytes = new Uint8Array(r.bytes);
      const pages: number[] = [];
      for (let p = 0; (p + 1) * PAGE_SIZE <= r.n; p++) {
        pages.push(this.o.pages.addHashed(bytes.subarray(p * PAGE_SIZE, (p + 1) * PAGE_SIZE), r.sha256[p]));
      }
      this.o.ops.add({ ...entry, pages });
      this.n.pagesRead += pages.length;
    } else {
      this.o.ops.add(entry);
      this.n.failedReads++;
    }
    this.n.reads++;
    for (const w of range.writes) {
      const c = this.writeC.get(w);
      this.writeC.delete(w);
      if (c !== undefined) this.lag.add(Number(r.t1 - c));
    }
    this.inflight.splice(this.inflight.indexOf(range), 1);
    this.next();
  }

  /** Resolves the drains whose writes are all read back. */
  private wake(): void {
    const oldest = Math.min(this.pending.oldestSeq, ...this.inflight.map((r) => r.minSeq));
    const ready = this.waiters.filter((w) => this.failure !== null || oldest > w.target);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  async drain(): Promise<void> {
    const t = process.hrtime.bigint();
    const decoded = (file: string): number => this.follower.files.find((f) => f.file === file)?.stats.records ?? 0;
    if (!(await caughtUp(this.o.source, t, () => this.poll(), decoded))) {
      throw new Error('read-back: the trace readers did not catch up within 10 s');
    }
    const target = this.pending.lastSeq;
    await new Promise<void>((resolve) => { this.waiters.push({ target, resolve }); this.wake(); });
    if (this.failure) throw this.failure;
  }

  async stop(): Promise<ReadbackSummary> {
    try { await this.drain(); } finally {
      this.stopped = true;
      if (this.timer) clearTimeout(this.timer);
      this.follower.close();
      this.restorePriority();
      await this.reader.stop();
    }
    const traceProblems = this.follower.files.reduce((a, { stats: x }) =>
      a + x.badMagic + x.badVersion + x.badPdu + x.lostMarkers, 0);
    return { ...this.n, lagNs: this.lag.figures(), tid: this.reader.tid, traceProblems };
  }

  kill(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.restorePriority();
    this.reader.kill();
  }
}
