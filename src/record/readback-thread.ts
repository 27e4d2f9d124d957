// The body of the read-back thread (a worker_thread, like src/kernel/submitter-thread.ts): one
// O_RDONLY | O_DIRECT fd (a swap device refuses writers with ETXTBSY, a mounted one may too) and
// one page-aligned buffer; each request is one pread (= one read bio, by this thread's tid),
// stamped with CLOCK_MONOTONIC right before and after. Shipped as source text: self-contained.

export interface ReadbackThreadData {
  readonly devPath: string;
  readonly maxBytes: number;
  /** Int32 cell set to 1 (and notified) once the thread has closed its fd after 'quit'. */
  readonly closed: SharedArrayBuffer;
}

export interface ReadbackRequest { readonly off: number; readonly len: number }

export interface ReadbackReply {
  readonly n: number;
  readonly errno: string | null;
  readonly t0: bigint;
  readonly t1: bigint;
  readonly bytes: ArrayBuffer | null;   // transferred: the n bytes read
  readonly sha256: string[];            // hex digest of each whole 4 KiB page read (hashed here, off the main thread)
}

export type ReadbackReady = { readonly tid: number } | { readonly openError: string };

export function readbackThreadMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const fs = require('node:fs') as typeof import('node:fs');
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const d = workerData as ReadbackThreadData;
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) =>
    { buffer: ArrayBuffer } } }).WebAssembly;
  const pages = Math.ceil(d.maxBytes / 65536);
  const buf = new Uint8Array(new wasm.Memory({ initial: pages, maximum: pages }).buffer);
  let fd: number;
  try {
    fd = fs.openSync(d.devPath, fs.constants.O_RDONLY | fs.constants.O_DIRECT);
  } catch (e) {
    parentPort!.postMessage({ openError: (e as Error).message });
    return;
  }
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  parentPort!.on('message', (req: ReadbackRequest | 'quit') => {
    if (req === 'quit') {
      fs.closeSync(fd);
      const cell = new Int32Array(d.closed);
      Atomics.store(cell, 0, 1);
      Atomics.notify(cell, 0);
      parentPort!.close();
      return;
    }
    const t0 = process.hrtime.bigint();
    try {
      const n = fs.readSync(fd, buf, 0, Math.min(req.len, d.maxBytes), req.off);
      const t1 = process.hrtime.bigint();
      const bytes = buf.slice(0, n).buffer;
      const sha256: string[] = [];
      for (let p = 0; p + 4096 <= n; p += 4096) {
        sha256.push(createHash('sha256').update(new Uint8Array(bytes, p, 4096)).digest('hex'));
      }
      parentPort!.postMessage({ n, errno: null, t0, t1, bytes, sha256 }, [bytes]);
    } catch (e) {
      const t1 = process.hrtime.bigint();
      const code = (e as NodeJS.ErrnoException).code;
      const errno = typeof code === 'string' ? code : 'EIO';
      parentPort!.postMessage({ n: 0, errno, t0, t1, bytes: null, sha256: [] });
    }
  });
  parentPort!.postMessage({ tid });
}
