// The producer of compare's shared decode: the main thread reads the opened log once, packs the
// decoded events into shared chunks (src/log/shared-chunk.ts) and posts each chunk to every fold
// still reading (a SharedArrayBuffer crosses threads without a copy). Memory stays flat on any
// log: at most WINDOW chunks are ahead of the slowest fold still reading, the producer waiting
// (without blocking this thread's event loop: progress and outcomes still arrive) until one moves
// on. A fold that stops reading (done, failed, its thread dead) is retired and waited for no more.
import type { MessagePort } from 'node:worker_threads';
import type { Recorded, ZramEvent } from '../events/types';
import { ChunkPacker } from '../log/shared-chunk';
import { BadInputError } from '../replay/bad-input';
import { consumedWord, DONE, MOVED, newControl, PUBLISHED, WAKE_AT, wake, type FeedMessage } from './feed-control';

/** Atomics.waitAsync (Node 20 has it; the ES2022 library types do not). */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number):
  { async: boolean; value: Promise<string> | string } }).waitAsync;

/** Chunks published ahead of the slowest reader: with CHUNK_PAGES pages each, ~8 MiB. A producer
 * that had to wait goes on once the slowest reader is half a window behind. */
export const WINDOW = 32;
/** Chunks published between two turns of the event loop when no reader holds the producer back. */
const TURN = 8;

export class SharedFeed {
  readonly control: Int32Array;
  private readonly live: boolean[];
  private published = 0;

  constructor(private readonly ports: readonly MessagePort[]) {
    this.control = newControl(ports.length);
    this.live = ports.map(() => true);
  }

  /** The reader in `slot` reads no more (its outcome arrived, or its thread died). */
  retire(slot: number): void {
    this.live[slot] = false;
    Atomics.store(this.control, consumedWord(slot), DONE); // the other readers no longer wait for it either
    wake(this.control);
  }

  private reading(slot: number): boolean {
    return this.live[slot] && Atomics.load(this.control, consumedWord(slot)) !== DONE;
  }

  /** Chunks consumed by the slowest reader still reading (Infinity: none is). */
  private slowest(): number {
    let n = Infinity;
    this.ports.forEach((_, s) => {
      if (this.reading(s)) n = Math.min(n, Atomics.load(this.control, consumedWord(s)));
    });
    return n;
  }

  /** Publishes `chunks` to every reader, then an end (or the error that stopped the log). */
  async run(chunks: Iterable<SharedArrayBuffer>): Promise<void> {
    try {
      for (const c of chunks) if (!await this.publish(c)) return;
      this.send({ type: 'end' });
    } catch (e) {
      this.send({ type: 'error', message: e instanceof Error ? e.message : String(e),
        badInput: e instanceof BadInputError });
    }
  }

  /** False when no reader is left. */
  private async publish(chunk: SharedArrayBuffer): Promise<boolean> {
    if (this.published % TURN === TURN - 1) await new Promise((res) => setImmediate(res));
    for (let room = WINDOW; ; room = WINDOW / 2) {
      const moved = Atomics.load(this.control, MOVED);
      const slowest = this.slowest();
      if (slowest === Infinity) return false;
      if (this.published - slowest < room) break;
      Atomics.store(this.control, WAKE_AT, this.published - room + 1);
      if (this.slowest() === slowest) { // re-read: a reader may have moved before WAKE_AT was set
        const w = waitAsync(this.control, MOVED, moved, 100);
        if (w.async) await w.value;
      }
    }
    Atomics.store(this.control, WAKE_AT, 0);
    this.send({ type: 'chunk', chunk });
    return true;
  }

  private send(m: FeedMessage): void {
    this.ports.forEach((p, s) => { if (this.reading(s)) p.postMessage(m); });
    this.published++;
    Atomics.add(this.control, PUBLISHED, 1);
    Atomics.notify(this.control, PUBLISHED);
  }
}

/** `events` packed into shared chunks as they are read. */
export function* packChunks(events: Iterable<Recorded<ZramEvent>>, pageSize: number): Generator<SharedArrayBuffer> {
  const packer = new ChunkPacker(pageSize);
  for (const r of events) {
    if (!packer.fits(r)) yield packer.take();
    packer.add(r);
  }
  if (packer.size > 0) yield packer.take();
}

/** The chunks of the first read of the log, kept for the next rounds while they fit in `budget`
 * bytes: a log that fits is decoded once for all rounds (and the pages the folds keep are the
 * kept chunks', so nothing piles up between rounds); a larger one is decoded once per round
 * through the window. */
export class ChunkCache {
  private kept: SharedArrayBuffer[] | null = [];
  private bytes = 0;
  private whole = false;

  constructor(private readonly budget: number) {}

  /** All the log's chunks, when the first read kept them all. */
  get chunks(): readonly SharedArrayBuffer[] | null {
    return this.whole ? this.kept : null;
  }

  /** `chunks` passed through, kept while they fit. */
  *fill(chunks: Iterable<SharedArrayBuffer>): Generator<SharedArrayBuffer> {
    for (const c of chunks) {
      this.bytes += c.byteLength;
      if (this.bytes > this.budget) this.kept = null;
      this.kept?.push(c);
      yield c;
    }
    this.whole = this.kept !== null;
  }
}
