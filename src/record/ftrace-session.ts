// A blk capture through the ftrace `blk` tracer in binary mode (blktrace.md §5.2), producing
// blkparse-compatible NAME.blktrace.N files. blktrace(8) is refused under lockdown; this path is not.
// Life cycle: start() = lock, save, set up, start one reader per CPU, tracing_on=1;
// stop() = tracing_on=0, drain, loss check, cleanup(). cleanup() is idempotent and also runs on
// SIGINT/SIGTERM/SIGHUP and when start() fails half-way. Where tracefs is not mounted (a freshly
// booted machine), start() mounts it under the lock and cleanup() unmounts it again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TracingLock, TRACING_LOCK_DIR } from './ftrace-lock';
import {
  CpuBufferStats, listCpus, readCpuStats, restoreSettings, saveSettings, Settings, TRACEFS, writeSetting,
} from './ftrace-settings';
import { CpuReader, startReader, stopReaders } from './ftrace-reader';
import { isMounted, mountFs, unmountFs } from './mounts';

/** What a clean-up outside this process needs to undo a session: where tracefs is, whether the
 * session mounted it there, the settings saved before it started, the reader processes. */
export interface FtraceUndo {
  readonly root: string;
  readonly mounted: boolean;
  readonly saved: Settings | null;
  readonly readerPids: number[];
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface FtraceSessionOptions {
  /** Block devices to trace by name in /sys/block (whole disks: partitions come with them). */
  readonly devices: readonly string[];
  /** Output prefix: files are `${outPrefix}.blktrace.${cpu}`. */
  readonly outPrefix: string;
  readonly bufferSizeKb?: number;   // per CPU, default 65536
  readonly clock?: string;          // default 'mono' (CLOCK_MONOTONIC, like relay blktrace)
  readonly tracefs?: string;
  readonly lockDir?: string;
  readonly lockTimeoutMs?: number;
  readonly drainTimeoutMs?: number; // default 10 s
  /** Called whenever undoInfo changes (mounted, saved, readers started), so a state file can
   * follow before the next step: a SIGKILL at any point leaves enough to undo it. */
  readonly onUndoChange?: (undo: FtraceUndo) => void;
}

export interface CaptureResult {
  readonly files: readonly string[];
  readonly cpuStats: readonly CpuBufferStats[];
  /** overrun + dropped events over all CPUs: non-zero means the trace is incomplete. */
  readonly lost: number;
  readonly drained: boolean;
  readonly restoreErrors: readonly string[];
  readonly settingsUsed: Readonly<Record<string, string>>;
  /** pid -> comm from tracefs saved_cmdlines at stop: ftrace traces have no PROCESS notes
   * (blkparse prints "(null)"); a recorder may synthesize notes from this (blktrace.md §5.3). */
  readonly comms: ReadonlyMap<number, string>;
}

export function parseSavedCmdlines(text: string): Map<number, string> {
  const m = new Map<number, string>();
  for (const line of text.split('\n')) {
    const x = /^(\d+) (.*)$/.exec(line);
    if (x) m.set(Number(x[1]), x[2]);
  }
  return m;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class FtraceBlkSession {
  private readonly root: string;
  private readonly lock: TracingLock;
  private saved: Settings | null = null;
  private mounted = false;
  private readonly enabled: { file: string; old: string }[] = [];
  private readers: CpuReader[] = [];
  private active = false;
  private readonly onSignal = (sig: NodeJS.Signals): void => {
    this.cleanup();
    process.kill(process.pid, sig); // handlers are gone now: die the way the signal asks
  };

  constructor(private readonly opts: FtraceSessionOptions) {
    this.root = path.resolve(opts.tracefs ?? TRACEFS);
    this.lock = new TracingLock(opts.lockDir ?? TRACING_LOCK_DIR);
  }

  get undoInfo(): FtraceUndo {
    return { root: this.root, mounted: this.mounted, saved: this.saved, readerPids: this.readers.map((r) => r.pid) };
  }

  /** The per-CPU readers (cpu, pid, output file), for a follower of the files. */
  get readerList(): readonly CpuReader[] {
    return this.readers;
  }

  get tracefsRoot(): string {
    return this.root;
  }

  private changed(): void {
    this.opts.onUndoChange?.(this.undoInfo);
  }

  get settingsUsed(): Record<string, string> {
    return {
      current_tracer: 'blk', trace_clock: this.opts.clock ?? 'mono',
      buffer_size_kb: String(this.opts.bufferSizeKb ?? 65536), 'options/blk_classic': '0',
      'options/bin': '1', 'options/context-info': '0', 'options/overwrite': '0',
    };
  }

  /** Sets everything up and starts tracing; on any failure, undoes what was done and rethrows. */
  start(): void {
    if (this.active) throw new Error('FtraceBlkSession already started');
    this.active = true;
    for (const sig of SIGNALS) process.once(sig, this.onSignal);
    try {
      this.lock.acquire(this.opts.lockTimeoutMs);
      this.mountIfNeeded();
      this.saved = saveSettings(this.root);
      this.changed();
      this.configure();
      this.readers = listCpus(this.root).map((cpu) =>
        startReader(path.join(this.root, 'per_cpu', `cpu${cpu}`, 'trace_pipe'),
          `${this.opts.outPrefix}.blktrace.${cpu}`, cpu));
      this.changed();
      writeSetting(this.root, 'tracing_on', '1');
    } catch (e) {
      this.cleanup();
      throw e;
    }
  }

  /** Called under the lock: a mount made here is this session's to undo. */
  private mountIfNeeded(): void {
    if (isMounted(this.root, 'tracefs') || fs.existsSync(path.join(this.root, 'tracing_on'))) return;
    mountFs('tracefs', this.root);
    this.mounted = true;
    this.changed();
  }

  /** The §5.2 order: stop, nop, clock, size, blk_classic BEFORE context-info, clear, enable, blk. */
  private configure(): void {
    const set = (name: string, v: string): void => writeSetting(this.root, name, v);
    const used = this.settingsUsed;
    set('tracing_on', '0');
    set('current_tracer', 'nop');
    for (const name of ['trace_clock', 'buffer_size_kb', 'options/blk_classic', 'options/bin',
      'options/context-info', 'options/overwrite']) set(name, used[name]);
    set('trace', '');
    for (const dev of this.opts.devices) {
      const file = path.join('/sys/block', dev, 'trace', 'enable');
      const old = fs.readFileSync(file, 'utf8').trim();
      this.enabled.push({ file, old });
      fs.writeFileSync(file, '1\n');
    }
    set('current_tracer', 'blk');
  }

  /** Stops tracing, waits until every CPU buffer is empty, checks loss, restores everything. */
  stop(): CaptureResult {
    if (!this.active || this.saved === null) throw new Error('FtraceBlkSession not started');
    writeSetting(this.root, 'tracing_on', '0');
    const drained = this.drain();
    const cpuStats = listCpus(this.root).map((c) => readCpuStats(this.root, c));
    const lost = cpuStats.reduce((a, s) => a + s.overrun + s.droppedEvents, 0);
    const files = this.readers.map((r) => r.file);
    let comms = new Map<number, string>();
    try { comms = parseSavedCmdlines(fs.readFileSync(path.join(this.root, 'saved_cmdlines'), 'utf8')); } catch { /* optional */ }
    const restoreErrors = this.cleanup();
    return { files, cpuStats, lost, drained, restoreErrors, settingsUsed: this.settingsUsed, comms };
  }

  /** entries: 0 on every CPU, then the output files stop growing (cat writes what it read). */
  private drain(): boolean {
    const deadline = Date.now() + (this.opts.drainTimeoutMs ?? 10_000);
    const cpus = listCpus(this.root);
    while (cpus.some((c) => readCpuStats(this.root, c).entries > 0)) {
      if (Date.now() > deadline) return false;
      sleepSync(20);
    }
    let sizes = '';
    for (;;) {
      sleepSync(50);
      const now = this.readers.map((r) => fs.statSync(r.file).size).join(',');
      if (now === sizes || Date.now() > deadline) return now === sizes;
      sizes = now;
    }
  }

  /** Idempotent: readers first (an open trace_pipe makes current_tracer EBUSY), then settings
   * in order, device enables, unmount if we mounted, unlock. Returns what could not be restored. */
  cleanup(): string[] {
    if (!this.active) return [];
    this.active = false;
    for (const sig of SIGNALS) process.removeListener(sig, this.onSignal);
    const errors: string[] = [];
    const attempt = (what: string, fn: () => void): void => {
      try { fn(); } catch (e) { errors.push(`${what}: ${(e as Error).message}`); }
    };
    if (this.saved !== null) attempt('tracing_on', () => writeSetting(this.root, 'tracing_on', '0'));
    attempt('readers', () => stopReaders(this.readers));
    this.readers = [];
    if (this.saved !== null) {
      attempt('current_tracer', () => writeSetting(this.root, 'current_tracer', 'nop'));
      for (const e of this.enabled.splice(0)) attempt(e.file, () => fs.writeFileSync(e.file, `${e.old}\n`));
      errors.push(...restoreSettings(this.root, this.saved));
      this.saved = null;
    }
    if (this.mounted) attempt('umount', () => {
      unmountFs('tracefs', this.root);
      this.mounted = false;
    });
    this.lock.release();
    return errors;
  }
}
