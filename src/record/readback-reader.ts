// The read-back thread seen from the recorder: start (its tid is the pid of its read bios in
// the trace), one pread at a time, stop. See readback-thread.ts for the thread's side.
import { Worker } from 'node:worker_threads';
import { MAX_BIO_BYTES } from '../kernel/direct-io';
import {
  readbackThreadMain, ReadbackReady, ReadbackReply, ReadbackRequest, ReadbackThreadData,
} from './readback-thread';

const SOURCE = `(${readbackThreadMain.toString()})()`;

export class ReadbackReader {
  private readonly waiting: ((r: ReadbackReply) => void)[] = [];
  private dead: Error | null = null;
  private quitSent = false;

  private constructor(private readonly worker: Worker, readonly tid: number, private readonly closed: Int32Array) {
    worker.on('message', (r: ReadbackReply) => this.waiting.shift()?.(r));
    worker.on('error', (e) => this.onExit(e));
    worker.on('exit', (code) => this.onExit(new Error(`read-back thread exited (code ${code})`)));
    worker.unref();
  }

  static start(devPath: string): Promise<ReadbackReader> {
    const closed = new SharedArrayBuffer(4);
    const data: ReadbackThreadData = { devPath, maxBytes: MAX_BIO_BYTES, closed };
    const worker = new Worker(SOURCE, { eval: true, workerData: data });
    return new Promise((resolve, reject) => {
      const fail = (why: string): void => {
        off();
        void worker.terminate();
        reject(new Error(`read-back of ${devPath}: ${why}`));
      };
      const onError = (e: Error): void => fail(e.message);
      const onExit = (code: number): void => fail(`thread exited (code ${code})`);
      const onReady = (m: ReadbackReady): void => {
        if ('openError' in m) { fail(m.openError); return; }
        off();
        resolve(new ReadbackReader(worker, m.tid, new Int32Array(closed)));
      };
      const off = (): void => { worker.off('message', onReady).off('error', onError).off('exit', onExit); };
      worker.on('message', onReady).on('error', onError).on('exit', onExit);
    });
  }

  /** One pread of at most one bio, done in the order asked; a failure comes back as errno. */
  read(req: ReadbackRequest): Promise<ReadbackReply> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<ReadbackReply>((resolve) => {
      this.waiting.push(resolve);
      this.worker.ref();
      this.worker.postMessage(req);
    }).finally(() => { if (this.waiting.length === 0) this.worker.unref(); });
  }

  /** Closes the fd and ends the thread (also used on signals: terminate() ends it regardless). */
  async stop(): Promise<void> {
    if (this.dead) return;
    const exited = new Promise((r) => this.worker.once('exit', r));
    this.worker.ref();
    this.quit();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    if (!this.dead) await this.worker.terminate();
  }

  /** Synchronous stop for signal handlers: the thread closes its own fd (after a pread in flight)
   * while this thread waits on a shared cell, so the device can be removed right after. */
  kill(timeoutMs = 2000): boolean {
    if (!this.dead) {
      this.quit();
      Atomics.wait(this.closed, 0, 0, timeoutMs);
      void this.worker.terminate();
    }
    return Atomics.load(this.closed, 0) === 1;
  }

  private quit(): void {
    if (this.quitSent) return;
    this.quitSent = true;
    this.worker.postMessage('quit');
  }

  private onExit(e: Error): void {
    this.dead ??= e;
    for (const w of this.waiting.splice(0)) w({ n: 0, errno: 'EPIPE', t0: 0n, t1: 0n, bytes: null, sha256: [] });
  }
}
