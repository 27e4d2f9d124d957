// The capture behind `record`: blktrace(8) where it works, else the ftrace blk tracer session
// (src/record/ftrace-session.ts). Both write NAME.blktrace.N per CPU into the bundle's temp dir.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BlktraceCmdSession, DEBUGFS, probeBlktrace, unmountDebugfs } from './blktrace-cmd';
import { FtraceBlkSession } from './ftrace-session';
import { TracingLock } from './ftrace-lock';
import { listCpus, readCpuStats, Settings, TRACEFS } from './ftrace-settings';
import type { FollowSource } from './readback-catchup';

export type CaptureMethod = 'blktrace' | 'ftrace';

export interface CaptureSummary {
  readonly method: CaptureMethod;
  readonly methodNote: string;
  readonly lost: number;
  readonly drained: boolean;
  readonly restoreErrors: readonly string[];
  readonly settingsUsed: Readonly<Record<string, string>>;
  readonly cpuStats: unknown;
}

export const TRACE_NAME = 'trace';

/** What a dead recorder's clean-up needs to undo the capture: tracefs settings at `root`, the
 * readers, and the mount points this capture mounted (tracefs, debugfs), to unmount. */
export interface CaptureUndo {
  readonly root: string;
  readonly saved: Settings | null;
  readonly readerPids: number[];
  readonly mounts: { type: 'tracefs' | 'debugfs'; target: string }[];
}

export class Capture {
  private ftrace: FtraceBlkSession | null = null;
  private blk: BlktraceCmdSession | null = null;
  method: CaptureMethod = 'ftrace';
  methodNote = '';
  private debugfsMounted = false;

  /** `onUndoChange`: told whenever undoInfo() changes (a mount, saved settings, readers). */
  constructor(private readonly devName: string, private readonly dir: string,
    private readonly opts: { bufferSizeKb?: number; tryBlktrace?: boolean; onUndoChange?: () => void } = {}) {}

  /** Detects the method under the tracing lock, then starts; throws if it cannot. */
  start(): void {
    if (this.opts.tryBlktrace !== false) {
      const lock = new TracingLock();
      lock.acquire();
      let probe;
      try {
        probe = probeBlktrace(`/dev/${this.devName}`, this.dir, () => { this.debugfsMounted = true; this.changed(); });
      } finally { lock.release(); }
      this.method = probe.works ? 'blktrace' : 'ftrace';
      this.debugfsMounted = probe.mountedDebugfs;
      this.changed();
      this.methodNote = probe.works ? 'blktrace(8)' : `blktrace(8) refused (${probe.why}); ftrace blk tracer, bin mode, per-CPU trace_pipe readers`;
    } else {
      this.methodNote = 'ftrace blk tracer, bin mode, per-CPU trace_pipe readers (blktrace(8) not tried)';
    }
    if (this.method === 'blktrace') {
      this.blk = new BlktraceCmdSession(`/dev/${this.devName}`, this.dir, TRACE_NAME);
      this.blk.start();
      return;
    }
    this.ftrace = new FtraceBlkSession({ devices: [this.devName], outPrefix: path.join(this.dir, TRACE_NAME),
      bufferSizeKb: this.opts.bufferSizeKb ?? 65536, onUndoChange: () => this.changed() });
    this.ftrace.start();
  }

  /** The growing trace files and, for ftrace, the readers writing them (see readback-catchup.ts). */
  followSource(): FollowSource {
    const prefix = path.join(this.dir, `${TRACE_NAME}.blktrace.`);
    if (this.ftrace) {
      const readers = this.ftrace.readerList.map((r) => ({ cpu: r.cpu, pid: r.pid, file: r.file }));
      return { files: readers.map((r) => r.file), ftrace: { root: this.ftrace.tracefsRoot, readers } };
    }
    return { files: os.cpus().map((_, c) => `${prefix}${c}`), ftrace: null };
  }

  get blktracePid(): number | null {
    return this.blk?.pid ?? null;
  }

  private changed(): void {
    this.opts.onUndoChange?.();
  }

  /** For the state file: null once nothing is left to undo. */
  undoInfo(): CaptureUndo | null {
    const f = this.ftrace?.undoInfo;
    const mounts: CaptureUndo['mounts'] = [];
    if (f?.mounted) mounts.push({ type: 'tracefs', target: f.root });
    if (this.debugfsMounted) mounts.push({ type: 'debugfs', target: DEBUGFS });
    if (!f?.saved && !f?.readerPids.length && mounts.length === 0) return null;
    return { root: f?.root ?? TRACEFS, saved: f?.saved ?? null, readerPids: f?.readerPids ?? [], mounts };
  }

  private unmountDebugfs(): string[] {
    if (!this.debugfsMounted) return [];
    try { unmountDebugfs(); this.debugfsMounted = false; return []; } catch (e) { return [(e as Error).message]; }
  }

  /** Records so far (48-byte headers, payloads ignored) and events lost so far. */
  progress(): { records: number; lost: number } {
    const files = fs.readdirSync(this.dir).filter((f) => f.startsWith(`${TRACE_NAME}.blktrace.`));
    const bytes = files.reduce((a, f) => a + fs.statSync(path.join(this.dir, f)).size, 0);
    let lost = 0;
    if (this.ftrace) for (const c of listCpus(TRACEFS)) { const s = readCpuStats(TRACEFS, c); lost += s.overrun + s.droppedEvents; }
    return { records: Math.floor(bytes / 48), lost };
  }

  async stop(): Promise<CaptureSummary> {
    if (this.blk) {
      const r = await this.blk.stop();
      const restoreErrors = this.unmountDebugfs();
      return { method: 'blktrace', methodNote: this.methodNote, lost: r.lost, drained: true, restoreErrors,
        settingsUsed: {}, cpuStats: null };
    }
    const r = this.ftrace!.stop();
    return { method: 'ftrace', methodNote: this.methodNote, lost: r.lost, drained: r.drained,
      restoreErrors: r.restoreErrors, settingsUsed: r.settingsUsed, cpuStats: r.cpuStats };
  }

  /** Idempotent, synchronous: for signal handlers and failure paths. */
  cleanup(): string[] {
    this.blk?.cleanup();
    return [...this.unmountDebugfs(), ...(this.ftrace?.cleanup() ?? [])];
  }
}
