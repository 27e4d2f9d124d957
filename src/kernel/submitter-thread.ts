// The body of one submitting thread (a worker_thread; see submitter.ts). It holds one O_DIRECT
// fd and one page-aligned buffer, and turns each request into one system call stamped with
// CLOCK_MONOTONIC (process.hrtime.bigint) right before and right after it. The function is
// shipped to the worker as source text, so it uses nothing from outside its own body.

export interface ThreadData {
  readonly devPath: string;
  readonly addonPath: string;
  readonly maxBytes: number;
  /** Int32 cell set to 1 (and notified) once the thread has closed its fd after 'quit'. */
  readonly closed: SharedArrayBuffer;
}

export type ThreadRequest =
  | { op: 'pwrite'; off: number; data: Uint8Array }
  | { op: 'pread'; off: number; len: number }
  | { op: 'discard' | 'zeroout'; off: number; len: number }
  | { op: 'quit' };

export interface ThreadReply {
  ok: boolean;
  errno?: string;
  msg?: string;
  n?: number;
  t0: bigint;
  t1: bigint;
}

/** First message: the thread's id as the kernel knows it (the pid in its trace records). */
export interface ThreadReady {
  tid: number;
}

export function submitterThreadMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const d = workerData as ThreadData;
  const addon = require(d.addonPath) as { rangeIoctl(fd: number, which: number, off: number, len: number): number };
  const pages = Math.ceil(d.maxBytes / 65536);
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) =>
    { buffer: ArrayBuffer } } }).WebAssembly;
  const buf = new Uint8Array(new wasm.Memory({ initial: pages, maximum: pages }).buffer);
  const fd = fs.openSync(d.devPath, fs.constants.O_RDWR | fs.constants.O_DIRECT);
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  const errnoName = (n: number): string => Object.entries(os.constants.errno).find(([, v]) => v === n)?.[0] ?? 'EIO';

  const run = (req: Exclude<ThreadRequest, { op: 'quit' }>): ThreadReply => {
    let t0 = process.hrtime.bigint();
    try {
      if (req.op === 'pwrite' || req.op === 'pread') {
        const len = req.op === 'pwrite' ? req.data.byteLength : req.len;
        if (len > d.maxBytes) return { ok: false, errno: 'E2BIG', msg: 'larger than one bio', t0, t1: t0 };
        if (req.op === 'pwrite') buf.set(req.data);
        t0 = process.hrtime.bigint();
        const n = req.op === 'pwrite' ? fs.writeSync(fd, buf, 0, len, req.off) : fs.readSync(fd, buf, 0, len, req.off);
        return { ok: true, n, t0, t1: process.hrtime.bigint() };
      }
      t0 = process.hrtime.bigint();
      const err = addon.rangeIoctl(fd, req.op === 'zeroout' ? 1 : 0, req.off, req.len);
      const t1 = process.hrtime.bigint();
      return err === 0 ? { ok: true, t0, t1 } : { ok: false, errno: errnoName(err), msg: `ioctl ${req.op}`, t0, t1 };
    } catch (e) {
      const t1 = process.hrtime.bigint();
      const code = (e as NodeJS.ErrnoException).code;
      return { ok: false, errno: typeof code === 'string' ? code : 'EIO', msg: (e as Error).message, t0, t1 };
    }
  };

  parentPort!.on('message', (req: ThreadRequest) => {
    if (req.op === 'quit') {
      fs.closeSync(fd);
      const cell = new Int32Array(d.closed);
      Atomics.store(cell, 0, 1);
      Atomics.notify(cell, 0);
      parentPort!.close();
      return;
    }
    parentPort!.postMessage(run(req));
  });
  parentPort!.postMessage({ tid } satisfies ThreadReady);
}
