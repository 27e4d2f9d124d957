// Compression ahead of the fold, on the other cores: worker threads (lanes) read the log's page
// records in file order, each compresses the (not same-filled) pages of its share of keys with
// the replay's algorithm and params, and hands the results over through a ring in shared memory.
// The fold asks by page key (DeviceDeps.precompressed); a result it gets is the one it would
// compute itself (the same bytes of the same log through the same compressor), and whatever the
// worker has not reached, skipped or compressed with other params the fold compresses itself:
// the outputs never depend on the worker, only the wall time does. The worker does not check
// CRCs: a page's result is taken only after the fold has read the frame defining the page, and
// checked it. Needs the compiled code (dist/): elsewhere, none.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { getCompressor } from '../compress/registry';
import { createdParams } from '../compress/params';
import type { CompAlgorithm, CompParams } from '../compress/types';
import { stagePage } from '../compress/wasm/module';
import { paramsKey as keyOf, type Precompressed } from '../device/compress-page';
import { fileDigestOffThread } from '../ingest/input-digest';
import { PAGE_SIZE } from '../units';
import { contentDigest, digestText } from './content-digest';

const SLOTS = 512;
/** Lengths only take 12 bytes a slot: the worker may run far ahead (it starts while the log is
 * still being opened, and compresses most of a replay's pages before the fold begins). */
const LENGTH_SLOTS = 1 << 16;
const SLOT_BYTES = 8192; // zcomp's stream buffer: every backend's worst case for a page
const HEAD = 0, TAIL = 1, WANT = 2, DONE = 3, STOP = 4;
const EMPTY = new Uint8Array(0);

export interface CompressAhead {
  /** The worker's result for page `key`, or undefined (then compress it yourself). */
  take(key: number): Precompressed | undefined;
  /** What take() gives for a page the worker has not reached, computed on this thread from its
   * bytes: a lengths-only worker's length and read digest (a later read of the page then needs
   * neither its bytes from the log nor a digest); undefined otherwise (compress it yourself). */
  here(data: Uint8Array): Precompressed | undefined;
  /** The log's digest ("sha256:<hex>"), when the worker was asked to hash the file it reads. */
  readonly digest: Promise<string> | null;
  /** Pages the workers have handed over so far, and whether they have all finished reading. */
  handedOver(): { pages: number; done: boolean };
  /** No more compression: the worker only finishes its digest, if it hashes. */
  stop(): void;
  /** Ends the worker now (the digest may never come). */
  close(): void;
}

/** The worker: frames → page records → compress → ring, then, if asked, the file's digest in a
 * second read of it (also when its ring is full: the digest never waits for the fold). Hashing
 * as it read cost it a fifth of its time while the fold waited for pages: afterwards, it runs
 * while the fold finishes (goal-1 replay 3.4% faster). Plain JS over the compiled modules. */
const WORKER_CODE = `
const { workerData: d, parentPort } = require('node:worker_threads');
const { FrameScanner } = require(d.dist + '/log/frame-scanner.js');
const { FileSource } = require(d.dist + '/log/byte-source.js');
const { fileDigest } = require(d.dist + '/ingest/input-digest.js');
const { hotPage } = require(d.dist + '/events/hot-page.js');
const { pageSameFilled } = require(d.dist + '/device/same-filled.js');
const { getCompressor, loadBackends } = require(d.dist + '/compress/registry.js');
const { contentDigestLanes } = require(d.dist + '/replay/content-digest.js');
const { aheadMark } = require(d.dist + '/replay/ahead-mark.js');
const ctl = new Int32Array(d.ctl), keys = new Float64Array(d.keys), lens = new Int32Array(d.lens);
const digs = new Int32Array(d.digs);
const bytes = new Uint8Array(d.bytes), out = new Uint8Array(${SLOT_BYTES});
const src = new FileSource(d.log);
let posted = false, mark = -1;
const digest = () => { if (d.hash && !posted) { posted = true; parentPort.postMessage(fileDigest(d.log)); } };
const run = () => {
  const frames = new FrameScanner(src, 1 << 20, 0, false), c = getCompressor(d.alg);
  for (let f = frames.next(); f !== null && !Atomics.load(ctl, ${STOP}); f = frames.next()) {
    const p = hotPage(f.payload);
    if (p === null || p.dataLength !== 4096 || p.key % d.count !== d.index) continue; // another lane's
    // marks count this lane's pages (its keys are d.count apart)
    const at = Math.floor(p.key / d.count), want = Atomics.load(ctl, ${WANT});
    mark = aheadMark(at, want < 0 ? want : Math.floor(want / d.count), mark);
    if (at <= mark) continue; // the fold's, not ours
    const page = f.payload.subarray(p.dataAt, p.dataAt + p.dataLength);
    if (pageSameFilled(page)) continue;
    const len = d.lengthOnly ? c.compressedLength(page, d.params) : c.compress(page, out, d.params);
    const head = Atomics.load(ctl, ${HEAD});
    while (head - Atomics.load(ctl, ${TAIL}) >= d.slots && !Atomics.load(ctl, ${STOP})) {
      digest();
      Atomics.wait(ctl, ${TAIL}, Atomics.load(ctl, ${TAIL}), 100);
    }
    const s = head % d.slots;
    keys[s] = p.key; lens[s] = len;
    if (d.lengthOnly) contentDigestLanes(page, digs, 2 * s);
    if (len > 0 && !d.lengthOnly) bytes.set(out.subarray(0, len), s * ${SLOT_BYTES});
    Atomics.store(ctl, ${HEAD}, head + 1);
  }
};
// zstd's library loads asynchronously; a damaged log or a failed load: the fold compresses (and
// reports what is wrong); the digest is still of the file's bytes
(d.alg === 'zstd' ? loadBackends() : Promise.resolve()).then(run).catch(() => undefined)
  .finally(() => { Atomics.store(ctl, ${DONE}, 1); digest(); });
`;

/** Compressing lanes at most: a worker each, each taking the pages whose key is its index modulo
 * the lanes (a slow backend, zstd or deflate, then compresses on every core). */
const MAX_LANES = 8;

/** One lane per core beside the fold's (on 2 cores the fold and a worker; on 1 core none). */
export const defaultLanes = (): number => Math.max(0, Math.min(MAX_LANES, os.availableParallelism() - 1));

/** One worker's ring: its control words, keys, lengths, bytes or read digests (shared memory). */
interface Lane {
  readonly worker: Worker;
  readonly ctl: Int32Array;
  readonly keys: Float64Array;
  readonly lens: Int32Array;
  readonly bytes: Uint8Array;
  readonly digs: Int32Array;
}

/** Starts the workers for `log` and `alg` with `params` (default: the backend's defaults), or null
 * where they cannot run or have no core. `lengthOnly`: hand over compressed lengths, not the bytes
 * (a fold whose slots keep none). `hash`: also give the file's digest (then the first worker
 * keeps the process alive until it has). `lanes`: how many workers (default: defaultLanes()). */
export function startCompressAhead(log: string, alg: CompAlgorithm, lengthOnly = false,
  opts: { hash?: boolean; slots?: number; params?: CompParams; lanes?: number } = {}): CompressAhead | null {
  const dist = path.join(__dirname, '..');
  if (!__filename.endsWith('.js') || !fs.existsSync(path.join(dist, 'log', 'frame-scanner.js'))) return null;
  const params = opts.params ?? createdParams(alg);
  if (params === 'EINVAL') return null;
  const paramsKey = keyOf({ name: alg }, params);
  const sab = (n: number) => new SharedArrayBuffer(n);
  const slots = opts.slots ?? (lengthOnly ? LENGTH_SLOTS : SLOTS);
  const hash = opts.hash === true;
  const count = opts.lanes ?? defaultLanes();
  if (count < 1) return null;
  const lanes: Lane[] = [];
  for (let index = 0; index < count; index++) {
    const d = { dist, log, alg, params, lengthOnly, slots, hash: hash && index === 0, index, count, ctl: sab(32),
      keys: sab(slots * 8), lens: sab(slots * 4), bytes: sab(lengthOnly ? 8 : slots * SLOT_BYTES),
      digs: sab(lengthOnly ? slots * 8 : 8) };
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: d });
    worker.on('error', () => undefined); // a failed worker only means: compress here (and hash again: workerDigest)
    if (!d.hash) worker.unref();
    const lane = { worker, ctl: new Int32Array(d.ctl), keys: new Float64Array(d.keys), lens: new Int32Array(d.lens),
      bytes: new Uint8Array(d.bytes), digs: new Int32Array(d.digs) };
    Atomics.store(lane.ctl, WANT, -1); // the fold has asked for nothing yet
    lanes.push(lane);
  }
  let closed = false;
  const digest = hash ? workerDigest(lanes[0].worker, log, () => closed) : null;
  return {
    digest,
    take(key) {
      const { ctl, keys, lens, bytes, digs } = lanes[key % count];
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
      // the worker leaves the fold what it is past or near (ahead-mark.ts)
      Atomics.store(ctl, WANT, Math.min(key, 0x7fffffff));
      Atomics.store(ctl, TAIL, tail);
      Atomics.notify(ctl, TAIL);
      return got;
    },
    here(data) {
      if (!lengthOnly || data.length !== PAGE_SIZE) return undefined;
      const page = stagePage(data); // one copy for the compressor and the digest
      const len = getCompressor(alg).compressedLength(page, params);
      return { alg, paramsKey, len, bytes: EMPTY, digest: contentDigest(page) };
    },
    handedOver: () => ({ pages: lanes.reduce((n, l) => n + Atomics.load(l.ctl, HEAD), 0),
      done: lanes.every((l) => Atomics.load(l.ctl, DONE) === 1) }),
    stop() {
      lanes.forEach((l, i) => {
        Atomics.store(l.ctl, STOP, 1);
        Atomics.notify(l.ctl, TAIL);
        if (!(hash && i === 0)) void l.worker.terminate();
      });
    },
    close() { closed = true; lanes.forEach((l) => void l.worker.terminate()); },
  };
}

/** The digest the worker posts; if it dies first, the file is hashed again on its own (the
 * worker's failure costs time, never the replay). Nothing once closed. */
function workerDigest(worker: Worker, log: string, closed: () => boolean): Promise<string> {
  const posted = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: string) => { worker.unref(); resolve(m); });
    worker.once('exit', (code) => reject(new Error(`the compress-ahead worker exited (${code}) before its digest`)));
  });
  const result = posted.catch((e: unknown) => {
    if (closed()) return new Promise<string>(() => undefined);
    const again = fileDigestOffThread(log);
    return again.result.catch(() => { throw e; });
  });
  result.catch(() => undefined); // the caller may close and never look
  return result;
}
