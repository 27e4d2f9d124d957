// The swap lock, /run/lock/zram-ref-swap: swap is machine-wide (a process in ANY memory cgroup
// may swap to ANY active swap device), so at most one zram-ref session may have swap on. Every
// path that runs swapon holds it; a SIGKILLed holder's lock is stale (dead pid) and is taken
// over, and `record --cleanup` turns the dead holder's swap off before removing its lock.
import { DirLock } from './dir-lock';

export const SWAP_LOCK_DIR = '/run/lock/zram-ref-swap';

/** How long a swap session waits for another one to end (its swap off) before it gives up. */
export const SWAP_LOCK_WAIT_MS = 180_000;

export class SwapLock extends DirLock {
  constructor(dir: string = SWAP_LOCK_DIR) {
    super(dir, 'swap');
  }
}
