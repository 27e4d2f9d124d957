// Exclusive lock around every use of tracefs: tracing is global, so two sessions (tests, tools)
// must never overlap. The lock itself (atomic mkdir, pid file, stale takeover) is src/kernel/dir-lock.ts.
import { alive, DirLock } from '../kernel/dir-lock';

export { alive };

export const TRACING_LOCK_DIR = '/run/lock/zram-ref-tracing';

export interface LockOptions {
  readonly dir?: string;
  readonly timeoutMs?: number; // how long to wait for a live owner (default 60 s)
}

export class TracingLock extends DirLock {
  constructor(dir: string = TRACING_LOCK_DIR) {
    super(dir, 'tracefs');
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
