// Compression ahead of the fold, on a second core: a worker thread reads the log's page records
// in file order, compresses each (not same-filled) page with the replay's algorithm at default
// params, and hands the results over through a ring in shared memory. The fold asks by page key
// (DeviceDeps.precompressed); a result it gets is the one it would compute itself (the same
// bytes of the same log through the same compressor), and whatever the worker has not reached,
// skipped or compressed with other params the fold compresses itself: the outputs never depend
// on the worker, only the wall time does. Needs the compiled code (dist/): elsewhere, none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompAlgorithm } from '../compress/types';
import type { Precompressed } from '../device/compress-page';
import { digestText } from './content-digest';

const SLOTS = 512;
/** Lengths only take 12 bytes a slot: the worker may run far ahead (it starts while the log is
 * still being opened, and compresses most of a replay's pages before the fold begins). */
const LENGTH_SLOTS = 1 << 16;
const SLOT_BYTES = 8192; // zcomp's stream buffer: every backend's worst case for a page
const HEAD = 0, TAIL = 1, WANT = 2, DONE = 3;
const EMPTY = new Uint8Array(0);

export interface CompressAhead {
  /** The worker's result for page `key`, or undefined (then compress it yourself). */
  take(key: number): Precompressed | undefined;
  stop(): void;
}

/** The worker: frames → page records → compress → ring. Plain JS over the compiled modules. */
const WORKER_CODE = `
const { workerData: d } = require('node:worker_threads');
const { FrameScanner } = require(d.dist + '/log/frame-scanner.js');
const { FileSource } = require(d.dist + '/log/byte-source.js');
const { hotPage } = require(d.dist + '/events/hot-page.js');
const { pageSameFilled } = require(d.dist + '/device/same-filled.js');
const { getCompressor } = require(d.dist + '/compress/registry.js');
const { contentDigestLanes } = require(d.dist + '/replay/content-digest.js');
const ctl = new Int32Array(d.ctl), keys = new Float64Array(d.keys), lens = new Int32Array(d.lens);
const digs = new Int32Array(d.digs);
const bytes = new Uint8Array(d.bytes), c = getCompressor(d.alg), out = new Uint8Array(${SLOT_BYTES});
const frames = new FrameScanner(new FileSource(d.log), 1 << 20, 0, true);
try {
  for (let f = frames.next(); f !== null; f = frames.next()) {
    const p = hotPage(f.payload);
    if (p === null || p.dataLength !== 4096 || p.key <= Atomics.load(ctl, ${WANT})) continue;
    const page = f.payload.subarray(p.dataAt, p.dataAt + p.dataLength);
    if (pageSameFilled(page)) continue;
    const len = d.lengthOnly ? c.compressedLength(page, {}) : c.compress(page, out, {});
    const head = Atomics.load(ctl, ${HEAD});
    while (head - Atomics.load(ctl, ${TAIL}) >= d.slots) Atomics.wait(ctl, ${TAIL}, Atomics.load(ctl, ${TAIL}), 100);
    const s = head % d.slots;
    keys[s] = p.key; lens[s] = len;
    if (d.lengthOnly) contentDigestLanes(page, digs, 2 * s);
    if (len > 0 && !d.lengthOnly) bytes.set(out.subarray(0, len), s * ${SLOT_BYTES});
    Atomics.store(ctl, ${HEAD}, head + 1);
  }
} finally { Atomics.store(ctl, ${DONE}, 1); }
`;

/** Starts the worker for `log` and `alg` (default params), or null where it cannot run.
 * `lengthOnly`: hand over compressed lengths, not the bytes (a fold whose slots keep none). */
export function startCompressAhead(log: string, alg: CompAlgorithm, lengthOnly = false): CompressAhead | null {
  const dist = path.join(__dirname, '..');
  if (!__filename.endsWith('.js') || !fs.existsSync(path.join(dist, 'log', 'frame-scanner.js'))) return null;
  const sab = (n: number) => new SharedArrayBuffer(n);
  const slots = lengthOnly ? LENGTH_SLOTS : SLOTS;
  const d = { dist, log, alg, lengthOnly, slots, ctl: sab(16), keys: sab(slots * 8), lens: sab(slots * 4),
    bytes: sab(lengthOnly ? 8 : SLOTS * SLOT_BYTES), digs: sab(lengthOnly ? slots * 8 : 8) };
  const ctl = new Int32Array(d.ctl), keys = new Float64Array(d.keys), lens = new Int32Array(d.lens);
  const bytes = new Uint8Array(d.bytes), digs = new Int32Array(d.digs);
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: d });
  worker.on('error', () => undefined); // a failed worker only means: compress everything here
  worker.unref();
  const paramsKey = alg === 'lz4' ? '1' : alg === 'lzo' || alg === 'lzo-rle' ? '' : null;
  if (paramsKey === null) { void worker.terminate(); return null; }
  return {
    take(key) {
      let tail = Atomics.load(ctl, TAIL);
      const head = Atomics.load(ctl, HEAD);
      while (tail < head && keys[tail % slots] < key) tail++; // pages the fold did not compress (memo, order)
      let got: Precompressed | undefined;
      if (tail < head && keys[tail % slots] === key) {
        const s = tail % slots, len = lens[s];
        // set(), not slice(): slice of shared memory is slow
        const own = lengthOnly ? EMPTY : new Uint8Array(Math.max(0, len));
        if (len > 0 && !lengthOnly) own.set(bytes.subarray(s * SLOT_BYTES, s * SLOT_BYTES + len));
        // lengths only: the page's read digest too (a read of it needs no bytes, runs no digest)
        got = lengthOnly ? { alg, paramsKey, len, bytes: own, digest: digestText(digs[2 * s], digs[2 * s + 1]) }
          : { alg, paramsKey, len, bytes: own };
        tail++;
      }
      Atomics.store(ctl, WANT, Math.min(key, 0x7fffffff)); // the worker skips what the fold is past
      Atomics.store(ctl, TAIL, tail);
      Atomics.notify(ctl, TAIL);
      return got;
    },
    stop() { void worker.terminate(); },
  };
}
