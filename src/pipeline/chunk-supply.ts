// Fresh memory for the device's arena, mapped ahead. The first write to each 4 KiB of a new
// ArrayBuffer is a page fault in which the kernel allocates and zeroes the page (~1.5-2 µs on
// these machines, a fifth of a page's write()); zsmalloc never pays it, its pages come already
// mapped. A helper thread allocates chunks, touches every page of them and transfers them here,
// so the writer's thread finds them mapped. Whatever the helper has not readied is allocated on
// the spot: a chunk is all zeros either way, and no result depends on which it was. The model
// stays free of threads: mapChunksAhead() installs a supply as its arenas' chunk source.
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { ARENA_CHUNK_BYTES, setChunkSource } from '../device/page-arena';
import { PAGE_SIZE } from '../units';

/** Chunks readied and waiting at most: memory held for a writer that may never come back. */
const AHEAD = 2;
/** The helper starts with the second chunk asked for: a process that fills less never starts it. */
const START_AT = 2;
/** A helper with nothing taken for this long ends (a writer that is done holds no thread). */
const IDLE_MS = 2000;
const WAITING = 0, ALIVE = 1;

// Plain JS, no modules: readies chunks until AHEAD are waiting, then sleeps until one is taken.
const HELPER_CODE = `
const { workerData: d } = require('node:worker_threads');
const ctl = new Int32Array(d.ctl);
for (;;) {
  while (Atomics.load(ctl, ${WAITING}) < d.ahead) {
    const b = new ArrayBuffer(d.bytes), v = new Uint8Array(b);
    for (let o = 0; o < d.bytes; o += d.page) v[o] = 0;
    d.port.postMessage(b, [b]);
    Atomics.add(ctl, ${WAITING}, 1);
  }
  if (Atomics.wait(ctl, ${WAITING}, d.ahead, d.idleMs) === 'timed-out') break;
}
Atomics.store(ctl, ${ALIVE}, 0);
`;

export interface ChunkSupplyStats {
  /** Chunks asked for, and of those the ones the helper had readied. */
  readonly taken: number;
  readonly readied: number;
}

/** Chunks of one size; the helper thread is started on demand and never keeps the process alive. */
export class ChunkSupply {
  private port: MessagePort | null = null;
  private readonly ctl = new Int32Array(new SharedArrayBuffer(8));
  private asked = 0;
  private fromHelper = 0;

  private helperOff: boolean;
  private readonly idleMs: number;

  /** `helper: false` allocates every chunk on the caller's thread; `idleMs`: how long an unused
   * helper waits before it ends. */
  constructor(readonly bytes: number, opts: { helper?: boolean; idleMs?: number } = {}) {
    this.helperOff = opts.helper === false;
    this.idleMs = opts.idleMs ?? IDLE_MS;
  }

  /** A zeroed chunk of `bytes`. */
  take(): Uint8Array {
    this.asked++;
    if (!this.helperOff && this.asked >= START_AT && Atomics.load(this.ctl, ALIVE) === 0) this.start();
    const m = this.port === null ? undefined : receiveMessageOnPort(this.port);
    if (m === undefined) return new Uint8Array(this.bytes);
    this.fromHelper++;
    Atomics.sub(this.ctl, WAITING, 1);
    Atomics.notify(this.ctl, WAITING);
    return new Uint8Array(m.message as ArrayBuffer);
  }

  get stats(): ChunkSupplyStats { return { taken: this.asked, readied: this.fromHelper }; }

  /** A new helper on a new channel (what an ended one left queued goes with its port). */
  private start(): void {
    this.port?.close();
    this.port = null;
    Atomics.store(this.ctl, WAITING, 0);
    Atomics.store(this.ctl, ALIVE, 1);
    try {
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(HELPER_CODE, { eval: true, workerData: { ctl: this.ctl.buffer, bytes: this.bytes,
        page: PAGE_SIZE, ahead: AHEAD, idleMs: this.idleMs, port: port2 }, transferList: [port2] });
      w.on('error', () => { /* the caller allocates its own chunks from then on */ });
      w.unref();
      port1.unref();
      this.port = port1;
    } catch {
      // no threads here (a restricted embedder): every chunk is allocated on the spot, for good
      this.helperOff = true;
    }
  }
}

let installed: ChunkSupply | null = null;

/** Devices made from now on (in this thread) take their arena chunks from one mapped-ahead supply
 * (the library's entry point turns it on), which it returns: its stats show what it readied.
 * `false` turns it off: their chunks are then allocated on the writer's thread, and no helper
 * thread is started for them. */
export function mapChunksAhead(on?: true): ChunkSupply;
export function mapChunksAhead(on: false): null;
export function mapChunksAhead(on = true): ChunkSupply | null {
  if (!on) {
    setChunkSource(null);
    return null;
  }
  const s = installed ??= new ChunkSupply(ARENA_CHUNK_BYTES);
  setChunkSource(() => s.take());
  return s;
}
