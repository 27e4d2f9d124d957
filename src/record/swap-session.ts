// The swap part of a recording: under the swap lock, a memory cgroup of our own, mkswap and
// swapon of the recorded device (one we created), and the workload processes inside the cgroup.
// What it holds is kept in the recorder's state file (swap field) before it is taken, so that
// teardownSync() (signals, failures) and `record --cleanup` (SIGKILL) can always undo it:
// kill the processes, swapoff, remove the cgroup, release the lock. Swap is never left on.
import { Memcg, MEMCG_ROOT, memcgName } from '../kernel/memcg';
import { mkswap, swapoff, swapoffSync, swapon, swapRefusal } from '../kernel/swap';
import { SWAP_LOCK_DIR, SWAP_LOCK_WAIT_MS, SwapLock } from '../kernel/swap-lock';
import { SwapWorker, swapWorkerUnavailable } from '../kernel/swap-worker';
import type { OpLog } from './oplog';
import { monoNow } from './sampler';

/** What `record --cleanup` needs to undo a dead recorder's swap (state file field `swap`). */
export interface SwapUndo {
  readonly device: string;       // zramN, created by the recorder
  readonly cgroup: string;       // /sys/fs/cgroup/memory/zram-ref-PID-swap
  readonly lockDir: string;
  workerPids: number[];
}

export interface SwapHost {
  readonly dev: string;
  readonly deviceCreated: boolean;
  readonly disksize: number;
  readonly ops: OpLog;
  /** Keeps the undo information in the state file (null: nothing left to undo). */
  save(undo: SwapUndo | null): void;
  /** The swap lock, already held (the recorder takes it before recording); else taken here. */
  readonly lock?: SwapLock;
  readonly log?: (line: string) => void;
}

/** Takes the swap lock, waiting (bounded) for another session to turn its swap off. */
export async function takeSwapLock(log?: (line: string) => void): Promise<SwapLock> {
  const lock = new SwapLock();
  await lock.acquireAsync(SWAP_LOCK_WAIT_MS, (owner) =>
    log?.(`waiting up to ${SWAP_LOCK_WAIT_MS / 1000} s for the swap lock ${SWAP_LOCK_DIR} (held by pid ${owner ?? '?'})`));
  return lock;
}

export class SwapSetupError extends Error {}

export class SwapSession {
  readonly workers: SwapWorker[] = [];
  swapOn = false;
  private constructor(readonly host: SwapHost, readonly lock: SwapLock, readonly memcg: Memcg,
    readonly undo: SwapUndo) {}

  /** Refusals first (one line each), then lock, cgroup, mkswap, swapon, workers; undone on failure. */
  static async setUp(host: SwapHost, step: number, limit: number, procs: number, swappiness: number):
    Promise<SwapSession> {
    if (!host.deviceCreated) {
      throw new SwapSetupError(`swap workloads run only on a device this recorder created (--new), ` +
        `not /dev/${host.dev}`);
    }
    // the lock first: another zram-ref session with swap on turns it off before it lets go
    let lock: SwapLock;
    try { lock = host.lock?.isHeld ? host.lock : await takeSwapLock(host.log); } catch (e) {
      throw new SwapSetupError((e as Error).message);
    }
    const why = swapRefusal(host.dev) ?? swapWorkerUnavailable();
    if (why) {
      lock.release();
      throw new SwapSetupError(`swap on /dev/${host.dev} refused: ${why}`);
    }
    let s: SwapSession | null = null;
    try {
      const name = memcgName(process.pid, 'swap');
      const undo: SwapUndo = { device: host.dev, cgroup: `${MEMCG_ROOT}/${name}`, lockDir: SWAP_LOCK_DIR,
        workerPids: [] };
      host.save(undo); // before the cgroup exists: a SIGKILL from here on is undone by cleanup
      s = new SwapSession(host, lock, Memcg.create(name), undo);
      s.memcg.setLimit(limit);
      s.memcg.setSwappiness(swappiness);
      await mkswap(host.dev, lock);
      const t0 = monoNow();
      s.swapOn = true; // from here on a teardown must swapoff (swapon may have run when it fails)
      let errno: string | null = null;
      try { await swapon(host.dev, lock); } catch (e) { errno = 'EIO'; throw e; } finally {
        host.ops.add({ kind: 'swapon', step, t0: String(t0), t1: String(monoNow()), errno });
      }
      for (let i = 0; i < procs; i++) await s.startWorker(step);
      return s;
    } catch (e) {
      const errors = s ? s.teardownSync() : [];
      if (!s) { lock.release(); host.save(null); }
      throw new SwapSetupError(`${(e as Error).message}${errors.length ? ` (cleanup: ${errors.join('; ')})` : ''}`);
    }
  }

  /** A worker is in the cgroup before it allocates anything (its pages are charged there). */
  private async startWorker(step: number): Promise<void> {
    const t0 = monoNow();
    const w = await SwapWorker.start();
    this.workers.push(w);
    this.undo.workerPids.push(w.pid);
    this.host.save(this.undo);
    this.memcg.addPid(w.pid);
    this.host.ops.add({ kind: 'proc', step, pid: w.pid, event: 'start', t0: String(t0), t1: String(monoNow()) });
  }

  /** swapoff(8), logged; the cgroup's limit is lifted first so the pages swapoff brings back
   * into memory do not push the processes into the cgroup's OOM killer. */
  async swapoff(step: number): Promise<{ t0: bigint; t1: bigint } | null> {
    if (!this.swapOn) return null;
    this.memcg.setLimit(-1);
    const t0 = monoNow();
    try {
      const r = await swapoff(this.host.dev);
      const t1 = monoNow();
      this.host.ops.add({ kind: 'swapoff', step, pid: r?.pid ?? -1, t0: String(t0), t1: String(t1), errno: null });
      this.swapOn = false;
      return { t0, t1 };
    } catch (e) {
      this.host.ops.add({ kind: 'swapoff', step, pid: -1, t0: String(t0), t1: String(monoNow()), errno: 'EIO' });
      throw e;
    }
  }

  /** The normal end: swap off, workers gone, cgroup removed, lock released. */
  async finish(step: number): Promise<void> {
    await this.swapoff(step);
    const errors = this.teardownSync();
    if (errors.length) throw new Error(errors.join('; '));
  }

  /** Synchronous undo for signals and failures: kill, swapoff, rmdir, unlock. Returns what failed. */
  teardownSync(): string[] {
    const errors: string[] = [];
    for (const w of this.workers) w.kill();
    try { this.memcg.killTasks(); } catch (e) { errors.push((e as Error).message); }
    if (this.swapOn) {
      try { swapoffSync(this.host.dev); this.swapOn = false; } catch (e) { errors.push((e as Error).message); }
    }
    try { this.memcg.remove(); } catch (e) { errors.push((e as Error).message); }
    if (errors.length === 0) {
      this.lock.release();
      this.host.save(null);
    }
    return errors;
  }
}
