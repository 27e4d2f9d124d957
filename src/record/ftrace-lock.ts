// Exclusive lock around every use of tracefs: tracing is global, so two sessions (tests, tools)
// must never overlap. An atomic mkdir is the lock; a pid file inside names the owner, and a lock
// whose owner is dead is stale and gets taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TRACING_LOCK_DIR = '/run/lock/zram-ref-tracing';

export interface LockOptions {
  readonly dir?: string;
  readonly timeoutMs?: number; // how long to wait for a live owner (default 60 s)
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ownerPid(dir: string): number | null {
  try {
    const n = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** Whether a process exists (EPERM: it does, owned by someone else). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock dir without a readable pid for more than 5 s, or with a dead owner, is stale. */
function isStale(dir: string): boolean {
  const pid = ownerPid(dir);
  if (pid !== null) return !alive(pid);
  try {
    return Date.now() - fs.statSync(dir).mtimeMs > 5000;
  } catch {
    return false; // vanished meanwhile: just retry
  }
}

export class TracingLock {
  private held = false;
  constructor(private readonly dir: string = TRACING_LOCK_DIR) {}

  /** Takes the lock (synchronously, polling); throws after the timeout with the owner's pid. */
  acquire(timeoutMs = 60_000): void {
    if (this.held) return;
    fs.mkdirSync(path.dirname(this.dir), { recursive: true });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        fs.mkdirSync(this.dir);
        fs.writeFileSync(path.join(this.dir, 'pid'), `${process.pid}\n`);
        this.held = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (isStale(this.dir)) {
        // rename first: atomic, so only one of several waiters takes the stale lock away
        const aside = `${this.dir}.stale.${process.pid}`;
        try { fs.renameSync(this.dir, aside); } catch { continue; }
        fs.rmSync(aside, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`tracefs is locked by pid ${ownerPid(this.dir) ?? '?'} (${this.dir})`);
      }
      sleepSync(100);
    }
  }

  /** Idempotent; removes the lock only if this process still owns it. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (ownerPid(this.dir) === process.pid) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get isHeld(): boolean {
    return this.held;
  }
}

export function withTracingLock<T>(fn: () => T, opts: LockOptions = {}): T {
  const lock = new TracingLock(opts.dir);
  lock.acquire(opts.timeoutMs);
  try {
    return fn();
  } finally {
    lock.release();
  }
}
