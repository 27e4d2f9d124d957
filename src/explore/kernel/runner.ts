// One real thread per scenario thread, kept for all runs: each run releases them together from a
// barrier with their random offsets and gaps, and collects what each call returned.
import { Worker } from 'node:worker_threads';
import type { PrivateDevice } from './device-lifecycle';
import type { SysOp } from './plan';
import { BARRIER_GO, BARRIER_READY, WORKER_SOURCE, type RunOrder, type ThreadReport } from './worker-source';

export class RunTimeout extends Error {}

export class ThreadPool {
  private readonly workers: Worker[];
  private readonly control = new SharedArrayBuffer(8);
  private readonly ctl = new Int32Array(this.control);

  constructor(dev: PrivateDevice, calls: readonly (readonly SysOp[])[], blkdiscard: string) {
    // Stores carry their attribute's path: only the device lifecycle knows where it lives.
    const resolved = calls.map((c) => c.map((op) => (op.kind === 'store' ? { ...op, path: dev.attrPath(op.attr) }
      : op)));
    this.workers = resolved.map((c) => new Worker(WORKER_SOURCE, {
      eval: true, workerData: { node: dev.node, calls: c, control: this.control, blkdiscard },
    }));
  }

  /** Runs every thread once; rejects with RunTimeout when a thread has not reported in time
   * (a call stuck in the kernel), leaving the stuck thread to `abandon`. */
  async run(orders: readonly RunOrder[], timeoutMs: number): Promise<{ goNs: number; reports: ThreadReport[] }> {
    Atomics.store(this.ctl, BARRIER_READY, 0);
    const off: (() => void)[] = [];
    const done = this.workers.map((w) => new Promise<ThreadReport>((resolve, reject) => {
      w.on('message', resolve);
      w.on('error', reject);
      off.push(() => { w.off('message', resolve); w.off('error', reject); });
    }));
    this.workers.forEach((w, i) => w.postMessage(orders[i]));
    const deadline = Date.now() + timeoutMs;
    const ready = (): number => Atomics.load(this.ctl, BARRIER_READY);
    for (let n = ready(); n < this.workers.length; n = ready()) {
      if (Date.now() > deadline) throw new RunTimeout('threads did not reach the start barrier');
      Atomics.wait(this.ctl, BARRIER_READY, n, 50);
    }
    const goNs = Number(process.hrtime.bigint());
    Atomics.store(this.ctl, BARRIER_GO, orders[0].run);
    Atomics.notify(this.ctl, BARRIER_GO);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RunTimeout(`a call did not return within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return { goNs, reports: await Promise.race([Promise.all(done), timeout]) };
    } finally {
      clearTimeout(timer);
      for (const f of off) f();
    }
  }

  /** Ends the threads: politely when idle, and unref'd when one is stuck in a call. */
  async close(stuck: boolean): Promise<void> {
    if (stuck) {
      for (const w of this.workers) w.unref();
      return;
    }
    await Promise.all(this.workers.map((w) => new Promise<void>((resolve) => {
      w.once('exit', () => resolve());
      w.postMessage({ quit: true });
    })));
  }
}
