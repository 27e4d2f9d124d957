// writeMany(): many one-page writes to a ZramDevice, with a worker thread compressing the pages
// ahead of the device on a second core. The device still folds every write in order, one
// write() each, with its synchronous semantics; the worker only offers compressed forms
// (ZramDevice.setCompressSource), made by the same backend code with the same params, and the
// device compresses whatever the worker has not reached. When the device catches up with the
// worker, it compresses pages further ahead itself while it waits, so both cores compress.
// Outputs never depend on the worker, only the wall time does. Pages travel through a ring of
// slots in shared memory; each slot's state word says who may touch it. Needs the compiled code
// (dist/): without it, no worker.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { getCompressor } from '../compress/registry';
import type { CompAlgorithm, Compressor } from '../compress/types';
import { paramsKey } from '../device/compress-page';
import { PageArena } from '../device/page-arena';
import type { CompressedElsewhere, CompressSource } from '../device/page-writer';
import { pageSameFilled } from '../device/same-filled';
import type { ZramDevice } from '../device/zram-device';
import { PAGE_SIZE } from '../units';

const SLOTS = 256;
/** The worker starts no page closer than this to the one the device folds: the device takes
 * those itself, so the two never wait for each other page after page (lock step). */
const LEAD = 2;
/** How long the device waits for a page the worker is compressing (loads of its state word,
 * a few microseconds) before compressing the page itself, once it has no other page to help with. */
const SPIN = 2000;
const OUT_BYTES = 2 * PAGE_SIZE; // zcomp's stream buffer: every backend's worst case for a page
/** The worker keeps compressed objects in shared chunks of this size, which the device then keeps
 * as they are (no copy, and the first touch of new memory happens on the worker's core). */
const CHUNK_BYTES = 4 << 20;
/** Slot states. HELPED: compressed ahead by the device's thread while it waited for the worker. */
const EMPTY = 0, READY = 1, WORKER = 2, DONE = 3, MAIN = 4, SKIPPED = 5, HELPED = 6;
const NO_BYTES = new Uint8Array(0);
/** Control words: pages submitted (ever), pages folded (ever), stop, worker asleep, worker up,
 * worker gone (its loop ended, also by an exception: a slot it held is nobody's). */
const SUBMITTED = 0, FOLDED = 1, STOP = 2, ASLEEP = 3, UP = 4, GONE = 5;
/** The backends the worker runs, at default params (others: the device compresses). */
const ALGS: readonly CompAlgorithm[] = ['lzo-rle', 'lzo', 'lz4'];

const WORKER_CODE = `
const { workerData: d } = require('node:worker_threads');
const { getCompressor } = require(d.dist + '/compress/registry.js');
const { pageSameFilled } = require(d.dist + '/device/same-filled.js');
const ctl = new Int32Array(d.ctl), st = new Int32Array(d.state), lens = new Int32Array(d.lens);
const algOf = new Int32Array(d.algOf), pages = new Uint8Array(d.pages);
const chunkOf = new Int32Array(d.chunkOf), offOf = new Int32Array(d.offOf);
const cs = d.algs.map(getCompressor), buf = new Uint8Array(${OUT_BYTES});
let seq = 0, chunk = new Uint8Array(0), chunkId = -1, used = 0;
Atomics.store(ctl, ${UP}, 1);
Atomics.notify(ctl, ${UP});
try {
while (Atomics.load(ctl, ${STOP}) === 0) {
  const sub = Atomics.load(ctl, ${SUBMITTED});
  if (seq >= sub) {
    Atomics.store(ctl, ${ASLEEP}, 1);
    Atomics.wait(ctl, ${SUBMITTED}, sub, 100);
    Atomics.store(ctl, ${ASLEEP}, 0);
    continue;
  }
  seq = Math.max(seq, Atomics.load(ctl, ${FOLDED}) + ${LEAD});
  const s = seq++ % ${SLOTS};
  if (Atomics.compareExchange(st, s, ${READY}, ${WORKER}) !== ${READY}) continue;
  const page = pages.subarray(s * ${PAGE_SIZE}, (s + 1) * ${PAGE_SIZE});
  const a = algOf[s];
  if (a < 0 || pageSameFilled(page)) { Atomics.store(st, s, ${SKIPPED}); continue; }
  const len = cs[a].compress(page, buf, {});
  lens[s] = len;
  if (len > 0) {
    if (used + len > chunk.length) {
      chunk = new Uint8Array(new SharedArrayBuffer(${CHUNK_BYTES}));
      used = 0;
      d.port.postMessage({ id: ++chunkId, sab: chunk.buffer }); // before any slot names it
    }
    chunk.set(buf.subarray(0, len), used);
    chunkOf[s] = chunkId;
    offOf[s] = used;
    used += len;
  }
  Atomics.store(st, s, ${DONE});
}
} finally { Atomics.store(ctl, ${GONE}, 1); }
`;

/** The compiled modules the worker loads, or null (running from TypeScript sources, no build). */
function distDir(): string | null {
  const dir = __filename.endsWith('.js') ? path.join(__dirname, '..') : path.join(__dirname, '../../dist/src');
  return fs.existsSync(path.join(dir, 'compress', 'registry.js')) ? dir : null;
}

export interface PipelineStats { readonly worker: number; readonly helped: number; readonly device: number }

export class WritePipeline {
  private readonly ctl: Int32Array;
  private readonly st: Int32Array;
  private readonly lens: Int32Array;
  private readonly algOf: Int32Array;
  private readonly pages: Uint8Array;
  private readonly chunkOf: Int32Array;
  private readonly offOf: Int32Array;
  private readonly port: MessagePort;
  /** The worker's latest chunks by id (older ones live on in the views the device keeps). */
  private readonly chunks = new Map<number, Uint8Array>();
  private readonly worker: Worker | null;
  private readonly compressors: readonly Compressor[] = ALGS.map(getCompressor);
  private readonly keys = this.compressors.map((c) => paramsKey(c, {}));
  /** What this thread compressed ahead (HELPED slots), copied into an arena the device keeps them in. */
  private readonly helped: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(SLOTS);
  private readonly helpArena = new PageArena();
  private helpAt = -1;
  private readonly helpBuf = new Uint8Array(OUT_BYTES);
  private submitted = 0; // pages ever submitted (the ring position is this % SLOTS)
  private folding = -1;  // the page the device is writing now (its slot is this % SLOTS), or -1
  private readonly source: CompressSource = (alg, key) => this.take(alg, key);
  private readonly counts = { worker: 0, helped: 0, device: 0 };

  /** `threads: 0` runs without a worker (every page compressed by the device, as write()). */
  constructor(threads: 0 | 1 = 1) {
    const sab = (n: number): SharedArrayBuffer => new SharedArrayBuffer(n);
    const d = { ctl: sab(32), state: sab(SLOTS * 4), lens: sab(SLOTS * 4), algOf: sab(SLOTS * 4),
      pages: sab(SLOTS * PAGE_SIZE), chunkOf: sab(SLOTS * 4), offOf: sab(SLOTS * 4) };
    this.ctl = new Int32Array(d.ctl);
    this.st = new Int32Array(d.state);
    this.lens = new Int32Array(d.lens);
    this.algOf = new Int32Array(d.algOf);
    this.pages = new Uint8Array(d.pages);
    this.chunkOf = new Int32Array(d.chunkOf);
    this.offOf = new Int32Array(d.offOf);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const dist = threads === 1 ? distDir() : null;
    const workerData = { ...d, dist, algs: ALGS, port: port2 };
    this.worker = dist === null ? null : new Worker(WORKER_CODE, { eval: true, workerData, transferList: [port2] });
    this.worker?.on('error', () => undefined); // a failed worker only means: the device compresses everything
    this.worker?.unref();
  }

  /** Waits (at most `ms`) until the worker has loaded the compressors; false if it has not. Not
   * needed for correctness: before that, the device compresses every page itself. */
  waitUntilRunning(ms = 10_000): boolean {
    if (this.worker === null) return false;
    const t0 = Date.now();
    while (Atomics.load(this.ctl, UP) === 0 && Date.now() - t0 < ms) Atomics.wait(this.ctl, UP, 0, 50);
    return Atomics.load(this.ctl, UP) === 1;
  }

  /** Of the pages the device compressed or took compressed: how many the worker compressed, how
   * many this thread compressed ahead while waiting for it, how many the device compressed itself. */
  get stats(): PipelineStats { return { ...this.counts }; }

  /** Whether a worker compresses ahead (false: no compiled code, or threads 0). */
  get parallel(): boolean { return this.worker !== null; }

  /**
   * Writes pages[j] (4096 bytes each) at offset + j * 4096, in order, one dev.write() each;
   * returns the bytes written. The first failing write throws its ZramError as write() does,
   * with the device state exact after it and the later pages not written.
   */
  writeMany(dev: ZramDevice, offset: number, pages: readonly Uint8Array[]): number {
    if (this.worker === null) {
      for (let j = 0; j < pages.length; j++) dev.write(offset + j * PAGE_SIZE, pages[j]);
      return pages.length * PAGE_SIZE;
    }
    const alg = ALGS.indexOf(algorithmOf(dev));
    const first = this.submitted;
    dev.setCompressSource(this.source);
    try {
      for (let j = 0; j < pages.length; j++) {
        const g = first + j;
        while (this.submitted < first + pages.length && this.submitted < g + SLOTS) {
          this.submit(pages[this.submitted - first], alg);
        }
        this.folding = g;
        dev.write(offset + j * PAGE_SIZE, pages[j]);
        Atomics.store(this.ctl, FOLDED, g + 1);
      }
    } finally {
      dev.setCompressSource(null);
      this.folding = -1;
      Atomics.store(this.ctl, FOLDED, this.submitted); // pages not written (a write failed): skipped
    }
    return pages.length * PAGE_SIZE;
  }

  /** Stops the worker. */
  close(): void {
    Atomics.store(this.ctl, STOP, 1);
    Atomics.notify(this.ctl, SUBMITTED);
    void this.worker?.terminate();
    this.port.close();
  }

  private submit(page: Uint8Array, alg: number): void {
    const s = this.submitted % SLOTS;
    this.retire(s); // its last page was folded SLOTS pages ago: the worker is long done with it
    const ok = ArrayBuffer.isView(page) && page.byteLength === PAGE_SIZE;
    if (ok) this.pages.set(page, s * PAGE_SIZE);
    this.algOf[s] = ok ? alg : -1;
    Atomics.store(this.st, s, READY);
    Atomics.store(this.ctl, SUBMITTED, ++this.submitted);
    if (Atomics.load(this.ctl, ASLEEP) === 1) Atomics.notify(this.ctl, SUBMITTED);
  }

  /** The device asks for the page it writes now: the worker's result, or undefined (then the
   * device compresses it, and the worker will not start it). */
  private take(alg: CompAlgorithm, key: string): CompressedElsewhere | undefined {
    if (this.folding < 0) return undefined;
    const r = this.result(this.folding % SLOTS, alg, key);
    if (r === undefined) this.counts.device++;
    return r;
  }

  private result(s: number, alg: CompAlgorithm, key: string): CompressedElsewhere | undefined {
    let v = Atomics.compareExchange(this.st, s, READY, MAIN);
    // The worker is compressing it: rather than wait idle, compress a later page the worker has
    // not started (both cores compress), then look again. With none to help, wait a little, then
    // compress it here (the same result; the worker's copy is dropped).
    while (v === WORKER && this.help()) v = Atomics.load(this.st, s);
    for (let spin = 0; v === WORKER && spin < SPIN; spin++) v = Atomics.load(this.st, s);
    const a = this.algOf[s];
    if ((v !== DONE && v !== HELPED) || a < 0 || ALGS[a] !== alg || this.keys[a] !== key) return undefined;
    const len = this.lens[s];
    if (v === HELPED) {
      this.counts.helped++;
      return { len, bytes: len > 0 ? this.helped[s]! : NO_BYTES, kept: true };
    }
    if (len <= 0) { this.counts.worker++; return { len, bytes: NO_BYTES, kept: true }; }
    const chunk = this.chunk(this.chunkOf[s]);
    if (chunk === undefined) return undefined;
    this.counts.worker++;
    return { len, bytes: new Uint8Array(chunk.buffer, this.offOf[s], len), kept: true };
  }

  /** Compresses a submitted page after the one being folded that nobody has started, as the
   * worker would, taking them from the far end down (the worker works near the device's position,
   * so the two rarely meet); false when there is none. `helpAt` is where the last look stopped. */
  private help(): boolean {
    if (this.helpAt <= this.folding || this.helpAt >= this.submitted) this.helpAt = this.submitted - 1;
    for (let g = this.helpAt; g > this.folding; g--) {
      const t = g % SLOTS;
      if (Atomics.load(this.st, t) !== READY || Atomics.compareExchange(this.st, t, READY, MAIN) !== READY) continue;
      this.helpAt = g - 1;
      this.compressHere(t);
      return true;
    }
    this.helpAt = this.submitted - 1;
    return false;
  }

  /** Slot t (claimed: MAIN) compressed on this thread; then HELPED, or SKIPPED as the worker would. */
  private compressHere(t: number): void {
    const a = this.algOf[t];
    const page = this.pages.subarray(t * PAGE_SIZE, (t + 1) * PAGE_SIZE);
    if (a < 0 || pageSameFilled(page)) { Atomics.store(this.st, t, SKIPPED); return; }
    const len = this.compressors[a].compress(page, this.helpBuf, {});
    this.lens[t] = len;
    if (len > 0) this.helped[t] = this.helpArena.copy(this.helpBuf.subarray(0, len));
    Atomics.store(this.st, t, HELPED);
  }

  /** The worker's chunk `id`; its message was posted before any slot named it. */
  private chunk(id: number): Uint8Array | undefined {
    for (let tries = 0; !this.chunks.has(id) && tries < 1e6; tries++) {
      const m = receiveMessageOnPort(this.port) as { message: { id: number; sab: SharedArrayBuffer } } | undefined;
      if (m === undefined) continue;
      this.chunks.set(m.message.id, new Uint8Array(m.message.sab));
      this.chunks.delete(m.message.id - 2);
    }
    return this.chunks.get(id);
  }

  /** Frees a slot for a new page, once the worker is not in it. */
  private retire(s: number): void {
    for (;;) {
      const v = Atomics.load(this.st, s);
      const free = v !== WORKER || Atomics.load(this.ctl, GONE) === 1; // a gone worker's slot: waiting would hang
      if (free && Atomics.compareExchange(this.st, s, v, EMPTY) === v) { this.helped[s] = undefined; return; }
    }
  }
}

/** The device's current comp_algorithm (the bracketed name). */
function algorithmOf(dev: ZramDevice): CompAlgorithm {
  const m = /\[([^\]]+)\]/.exec(dev.show('comp_algorithm'));
  return (m ? m[1] : '') as CompAlgorithm;
}
