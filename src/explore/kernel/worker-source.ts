// The code of one scenario thread as a real thread (worker_threads, evaluated from this text so
// that it runs the same under the compiled CLI and under the test runner). Per run it waits at a
// start barrier, spins for its random start offset, then issues its calls, spinning the random
// gap before each, and reports each call's result with its start and end times (hrtime, ns).
// O_DIRECT needs page-aligned buffers: WebAssembly memory is 64 KiB aligned, Buffers are not.
// Whether a call is issued follows the explorer (side.ts noOp): no bio without an open fd, no
// close after a failed open.

export interface RunOrder { readonly run: number; readonly startNs: number; readonly gapsNs: readonly number[] }

export type CallResult =
  | { readonly ok: true; readonly n?: number; readonly data?: Uint8Array }
  | { readonly ok: false; readonly errno?: string; readonly skipped?: 'no-fd' | 'open-failed' };

export interface TimedResult { readonly t0: number; readonly t1: number; readonly r: CallResult }
export interface ThreadReport { readonly run: number; readonly steps: readonly TimedResult[] }

/** Shared control words: [threads at the barrier, the run allowed to start]. */
export const BARRIER_READY = 0;
export const BARRIER_GO = 1;

export const WORKER_SOURCE = `
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const { parentPort, workerData: w } = require('node:worker_threads');
const ctl = new Int32Array(w.control);
const maxLen = Math.max(4096, ...w.calls.map((c) => c.length || 0));
const mem = new Uint8Array(new WebAssembly.Memory({ initial: Math.ceil(maxLen / 65536) }).buffer);
const now = () => Number(process.hrtime.bigint());
const spin = (ns) => { const end = now() + ns; while (now() < end); };
let fd = -1;
let fdState = 'none';
function call(c) {
  if (['read', 'write', 'discard'].includes(c.kind) && fdState !== 'open') return { ok: false, skipped: 'no-fd' };
  if (c.kind === 'close' && fdState === 'failed') return { ok: false, skipped: 'open-failed' };
  try {
    switch (c.kind) {
      case 'open':
        try { fd = fs.openSync(w.node, fs.constants.O_RDWR | fs.constants.O_DIRECT); fdState = 'open'; }
        catch (e) { fdState = 'failed'; throw e; }
        return { ok: true };
      case 'close': fs.closeSync(fd); fd = -1; fdState = 'closed'; return { ok: true };
      case 'read': {
        const n = fs.readSync(fd, mem, 0, c.length, c.offset);
        return { ok: true, n, data: mem.slice(0, n) };
      }
      case 'write': mem.set(c.data, 0); return { ok: true, n: fs.writeSync(fd, mem, 0, c.length, c.offset) };
      case 'discard': {
        const args = ['-o', String(c.offset), '-l', String(c.length), w.node];
        const p = spawnSync(w.blkdiscard, args, { encoding: 'utf8' });
        if (p.status === 0) return { ok: true, n: c.length };
        return { ok: false, errno: 'blkdiscard: ' + String(p.stderr).trim() };
      }
      case 'store': fs.writeFileSync(c.path, c.value + '\\n'); return { ok: true };
    }
  } catch (e) { return { ok: false, errno: e.code || String(e) }; }
}
parentPort.on('message', (m) => {
  if (m.quit) { if (fd >= 0) fs.closeSync(fd); process.exit(0); }
  fd = -1; fdState = 'none';
  Atomics.add(ctl, ${BARRIER_READY}, 1);
  Atomics.notify(ctl, ${BARRIER_READY});
  const go = () => Atomics.load(ctl, ${BARRIER_GO});
  for (let g = go(); g < m.run; g = go()) Atomics.wait(ctl, ${BARRIER_GO}, g);
  spin(m.startNs);
  const steps = w.calls.map((c, i) => {
    spin(m.gapsNs[i]);
    const t0 = now();
    const r = call(c);
    return { t0, t1: now(), r };
  });
  if (fd >= 0) fs.closeSync(fd);
  parentPort.postMessage({ run: m.run, steps });
});
`;
