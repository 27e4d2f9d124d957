// A user-named output written all or nothing: data goes to a new temporary file beside the
// target (same directory, so the final rename is atomic and cannot cross file systems);
// commit() fsyncs it and renames it over the target only when everything was written. Any
// write error (a full disk: ENOSPC) removes the temporary file and leaves the target as it was.
// Temporary files still open when the process is stopped (SIGINT, SIGTERM, SIGHUP) or exits
// are removed. Check targets first with OutputPlan (output-target.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputFileError } from './output-target';

export { inputFiles, OutputFileError, OutputPlan } from './output-target';

/** The file operations used, replaceable in tests to inject write errors. */
export interface OutputFs {
  openSync(p: string, flags: string, mode: number): number;
  writeSync(fd: number, b: Uint8Array, off: number, len: number, position?: number | null): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(p: string): void;
}
const nodeFs: OutputFs = fs as unknown as OutputFs;

const WHY: Record<string, string> = {
  ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EACCES: 'permission denied',
  EPERM: 'permission denied', EROFS: 'read-only file system',
};

function describeError(target: string, e: unknown): OutputFileError {
  const err = e as NodeJS.ErrnoException;
  const why = WHY[err.code ?? ''] ?? err.message ?? String(e);
  const code = err.code ? ` (${err.code})` : '';
  return new OutputFileError(`cannot write ${target}: ${why}${code}; nothing was written to it`);
}

export class OutputFile {
  readonly tmp: string;
  private readonly final: string;
  private fd: number | null;
  private done = false;

  /** Creates the temporary file (exclusively: never follows or reuses an existing name). */
  constructor(readonly target: string, private readonly io: OutputFs = nodeFs) {
    this.final = (() => { try { return fs.realpathSync(target); } catch { return path.resolve(target); } })();
    const dir = path.dirname(this.final);
    const tag = `${process.pid}.${Math.random().toString(36).slice(2, 8)}`;
    this.tmp = path.join(dir, `.${path.basename(this.final)}.${tag}.tmp`);
    try {
      this.fd = io.openSync(this.tmp, 'wx', 0o666);
    } catch (e) {
      throw describeError(target, e);
    }
    track(this, true);
    const st = (() => { try { return fs.statSync(this.final); } catch { return null; } })();
    if (st?.isFile()) { try { fs.fchmodSync(this.fd, st.mode & 0o7777); } catch { /* keep the default mode */ } }
  }

  write(data: string | Uint8Array): void {
    this.put(data, null);
  }

  /** Writes over bytes already written at `position` (the file's end does not move). */
  writeAt(data: string | Uint8Array, position: number): void {
    this.put(data, position);
  }

  private put(data: string | Uint8Array, position: number | null): void {
    if (this.fd === null) throw new OutputFileError(`${this.target}: written after it was closed`);
    const b = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    try {
      for (; off < b.length; off += this.io.writeSync(this.fd, b, off, b.length - off, position === null ? null : position + off));
    } catch (e) {
      this.abort();
      throw describeError(this.target, e);
    }
  }

  /** fsync, close, rename over the target; on any failure the temp file is removed. */
  commit(): void {
    if (this.done) return;
    try {
      this.io.fsyncSync(this.fd!);
      this.io.closeSync(this.fd!);
      this.fd = null;
      // checked again right before the rename: what appeared meanwhile is not replaced either
      const st = (() => { try { return fs.statSync(this.final); } catch { return null; } })();
      if (st && !st.isFile()) {
        throw Object.assign(new Error('the target is no longer a regular file'), { code: 'EEXIST' });
      }
      this.io.renameSync(this.tmp, this.final);
    } catch (e) {
      this.abort();
      throw describeError(this.target, e);
    }
    this.done = true;
    track(this, false);
  }

  /** Removes the temporary file; the target is untouched. Idempotent, safe in signal handlers. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    track(this, false);
    if (this.fd !== null) { try { this.io.closeSync(this.fd); } catch { /* closed */ } this.fd = null; }
    try { this.io.unlinkSync(this.tmp); } catch { /* gone */ }
  }
}

/** Writes a whole output at once (an HTML page): all or nothing. */
export function writeOutputFile(target: string, data: string | Uint8Array, io: OutputFs = nodeFs): void {
  const f = new OutputFile(target, io);
  f.write(data);
  f.commit();
}

/** Open temporary files: removed if the process is stopped or exits first. While any is open,
 * SIGINT, SIGTERM and SIGHUP exit (128 + signal number) after removing them; 'exit' handlers
 * (a private device's clean-up) still run. Otherwise the default actions stay. */
const LIVE = new Set<OutputFile>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const onSignal = (sig: NodeJS.Signals): void => process.exit(128 + os.constants.signals[sig]);
process.on('exit', () => { for (const f of [...LIVE]) f.abort(); });

function track(f: OutputFile, live: boolean): void {
  const before = LIVE.size;
  if (live) LIVE.add(f); else LIVE.delete(f);
  if (before === 0 && LIVE.size === 1) for (const s of SIGNALS) process.on(s, onSignal);
  if (before > 0 && LIVE.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
}
