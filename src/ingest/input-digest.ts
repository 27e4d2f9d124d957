// Digests of input files ("sha256:<hex>"), read in 1 MiB chunks so memory stays flat. One file:
// its bytes. Several (a bundle, a trace's per-CPU files): each file's base name and bytes.
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

function hashFile(h: Hash, file: string, buf: Buffer): void {
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

export function fileDigest(file: string): string {
  const h = createHash('sha256');
  hashFile(h, file, Buffer.allocUnsafe(1 << 20));
  return `sha256:${h.digest('hex')}`;
}

/** Below this a worker costs more than it saves. */
const WORKER_MIN_BYTES = 16 << 20;

/** fileDigest(file) computed on another thread (a replay scans the log meanwhile: hashing a large
 * log was a fifth of a replay's time). Self-contained code: it must run from dist/ and under jest. */
export function fileDigestOffThread(file: string): { readonly result: Promise<string>; cancel(): void } {
  let small: boolean;
  try {
    small = fs.statSync(file).size < WORKER_MIN_BYTES;
  } catch {
    small = true; // let the caller's own open of the file say what is wrong with it
  }
  if (small) {
    const result = new Promise<string>((resolve) => resolve(fileDigest(file)));
    result.catch(() => undefined); // as below
    return { result, cancel: () => undefined };
  }
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    const fs = require('node:fs'); const h = require('node:crypto').createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20); const fd = fs.openSync(workerData, 'r');
    try { for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) h.update(buf.subarray(0, n)); }
    finally { fs.closeSync(fd); }
    parentPort.postMessage('sha256:' + h.digest('hex'));`;
  const w = new Worker(code, { eval: true, workerData: file });
  const result = new Promise<string>((resolve, reject) => {
    w.once('message', (d: string) => resolve(d));
    w.once('error', reject);
    w.once('exit', (c) => reject(new Error(`${file}: digest worker exited with ${c}`))); // after a message: a no-op
  });
  result.catch(() => undefined); // the caller may cancel and never look
  return { result, cancel: () => void w.terminate() };
}

export function digestFiles(files: readonly string[]): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const f of files) {
    h.update(path.basename(f) + '\0');
    hashFile(h, f, buf);
  }
  return `sha256:${h.digest('hex')}`;
}
