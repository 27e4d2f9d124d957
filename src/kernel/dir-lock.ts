// A machine-wide exclusive lock: an atomic mkdir is the lock, a pid file inside names the owner,
// and a lock whose owner is dead is stale and gets taken over. Used for tracefs (tracing is
// global) and for swap (a process in any memory cgroup may swap to any active swap device).
import * as fs from 'node:fs';
import * as path from 'node:path';

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The pid in the lock's pid file, or null. */
export function lockOwner(dir: string): number | null {
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
  const pid = lockOwner(dir);
  if (pid !== null) return !alive(pid);
  try {
    return Date.now() - fs.statSync(dir).mtimeMs > 5000;
  } catch {
    return false; // vanished meanwhile: just retry
  }
}

/** Removes the lock if `pid` (a dead process) still owns it: cleanup after a SIGKILL. */
export function releaseDeadOwner(dir: string, pid: number): boolean {
  if (lockOwner(dir) !== pid || alive(pid)) return false;
  const aside = `${dir}.stale.${process.pid}`;
  try { fs.renameSync(dir, aside); } catch { return false; }
  fs.rmSync(aside, { recursive: true, force: true });
  return true;
}

export class DirLock {
  private held = false;
  /** `what` names the locked resource in the timeout error. */
  constructor(readonly dir: string, private readonly what: string) {}

  /** One attempt (a stale lock is taken over); true when held. */
  tryAcquire(): boolean {
    if (this.held) return true;
    fs.mkdirSync(path.dirname(this.dir), { recursive: true });
    for (;;) {
      try {
        fs.mkdirSync(this.dir);
        fs.writeFileSync(path.join(this.dir, 'pid'), `${process.pid}\n`);
        this.held = true;
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (!isStale(this.dir)) return false;
      // rename first: atomic, so only one of several waiters takes the stale lock away
      const aside = `${this.dir}.stale.${process.pid}`;
      try { fs.renameSync(this.dir, aside); } catch { continue; }
      fs.rmSync(aside, { recursive: true, force: true });
    }
  }

  timeoutError(): Error {
    return new Error(`${this.what} is locked by pid ${lockOwner(this.dir) ?? '?'} (${this.dir})`);
  }

  /** Takes the lock (synchronously, polling); throws after the timeout with the owner's pid. */
  acquire(timeoutMs = 60_000): void {
    const deadline = Date.now() + timeoutMs;
    while (!this.tryAcquire()) {
      if (Date.now() > deadline) throw this.timeoutError();
      sleepSync(100);
    }
  }

  /** The same without blocking the event loop; `onWait(owner)` is called once if it has to wait. */
  async acquireAsync(timeoutMs: number, onWait?: (owner: number | null) => void): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let first = true; !this.tryAcquire(); first = false) {
      if (first) onWait?.(lockOwner(this.dir));
      if (Date.now() > deadline) throw this.timeoutError();
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Idempotent; removes the lock only if this process still owns it. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (lockOwner(this.dir) === process.pid) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get isHeld(): boolean {
    return this.held;
  }
}
