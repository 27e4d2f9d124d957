// Per-thread submission for workloads with several threads (`zram-ref record`): each Submitter
// is one worker_thread with its own fd, so the kernel sees one submitting task per workload
// thread (its tid is the pid in the trace records) and requests of different threads overlap
// as they would in a C program. Stamps are taken in the worker around each system call.
import { Worker } from 'node:worker_threads';
import { addonPath } from './blk-ioctl';
import { MAX_BIO_BYTES } from './direct-io';
import { submitterThreadMain, ThreadData, ThreadReady, ThreadReply, ThreadRequest } from './submitter-thread';

export type { ThreadReply as SubmitReply };
export type SubmitRequest = Exclude<ThreadRequest, { op: 'quit' }>;

const SOURCE = `(${submitterThreadMain.toString()})()`;

export class Submitter {
  private readonly pending: ((r: ThreadReply) => void)[] = [];
  private dead: Error | null = null;
  private quitSent = false;

  private constructor(private readonly worker: Worker, readonly tid: number, private readonly closed: Int32Array) {
    worker.on('message', (r: ThreadReply) => this.pending.shift()?.(r));
    worker.on('error', (e) => this.onExit(e));
    worker.on('exit', (code) => this.onExit(new Error(`submitter thread exited (code ${code})`)));
    worker.unref();
  }

  /** Starts a thread holding `devPath` open with O_RDWR | O_DIRECT. */
  static start(devPath: string): Promise<Submitter> {
    const addon = addonPath();
    if (!addon) return Promise.reject(new Error('build/native/blk_range.node is missing: run `npm run build`'));
    const closed = new SharedArrayBuffer(4);
    const data: ThreadData = { devPath, addonPath: addon, maxBytes: MAX_BIO_BYTES, closed };
    const worker = new Worker(SOURCE, { eval: true, workerData: data });
    return new Promise((resolve, reject) => {
      const fail = (why: string): void => {
        off();
        reject(new Error(`submitter thread for ${devPath}: ${why}`));
      };
      const onError = (e: Error): void => fail(e.message);
      const onExit = (code: number): void => fail(`exited (code ${code})`);
      const onReady = (m: ThreadReady): void => {
        off();
        resolve(new Submitter(worker, m.tid, new Int32Array(closed)));
      };
      const off = (): void => {
        worker.off('message', onReady).off('error', onError).off('exit', onExit);
      };
      worker.on('message', onReady).on('error', onError).on('exit', onExit);
    });
  }

  /** One request = one system call in the thread; errors come back in the reply, not thrown. */
  submit(req: SubmitRequest): Promise<ThreadReply> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.worker.ref();
      this.worker.postMessage(req);
    }).then((r) => {
      if (this.pending.length === 0) this.worker.unref();
      return r as ThreadReply;
    });
  }

  /** Closes the fd and ends the thread. */
  async stop(): Promise<void> {
    if (this.dead) return;
    const exited = new Promise((r) => this.worker.once('exit', r));
    this.worker.ref(); // keeps the process alive until the thread has closed its fd
    this.sendQuit();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    if (!this.dead) void this.worker.terminate();
  }

  /**
   * Synchronous stop for signal handlers: the thread closes its own fd (after the system call in
   * flight, if any) while this thread blocks on a shared cell for up to `timeoutMs`. The fd is
   * never closed from here: its number could be reused at once while the thread still uses it.
   * Returns false if the thread did not close it in time (the fd then closes when we exit).
   */
  kill(timeoutMs = 2000): boolean {
    if (this.dead && Atomics.load(this.closed, 0) === 0) return false;
    if (!this.dead) {
      this.sendQuit();
      Atomics.wait(this.closed, 0, 0, timeoutMs);
      void this.worker.terminate();
    }
    return Atomics.load(this.closed, 0) === 1;
  }

  private sendQuit(): void {
    if (this.quitSent) return;
    this.quitSent = true;
    this.worker.postMessage({ op: 'quit' } satisfies ThreadRequest);
  }

  private onExit(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.splice(0)) p({ ok: false, errno: 'EPIPE', msg: e.message, t0: 0n, t1: 0n });
  }
}
