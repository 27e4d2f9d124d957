// The main thread's side of a parallel compare: `size` worker threads fold the configurations
// (in assign.ts's order). The first round, one per thread, reads one shared feed (feed.ts) of the
// log decoded by the main thread; when its chunks fit in the cache (CACHE_BYTES), every later
// configuration reads them on the first thread free, else the log is decoded again per round. Every configuration ends with an outcome:
// a thread that dies (crash, out of memory) fails the configuration it was folding and those it
// would have folded later with a clear message, and the feed stops waiting for it.
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Recorded, ZramEvent } from '../events/types';
import { foldOrder, rounds } from './assign';
import { ChunkCache, packChunks, SharedFeed } from './feed';
import type { FoldJob, FoldOutcome, FromWorker, ToWorker } from './job';
import { workerStart, type WorkerStart } from './worker-boot';

/** Decoded chunks kept for the next rounds (the larger compare-k log needs ~110 MiB). */
export const CACHE_BYTES = 192 * 2 ** 20;

export interface PoolOptions {
  readonly size: number;
  readonly onProgress?: (index: number, done: number, total: number) => void;
  readonly start?: WorkerStart;
  /** The chunk cache's budget; default CACHE_BYTES. */
  readonly cacheBytes?: number;
}

/** The log the folds read: `read()` reads it once from the start (once per round). */
export interface PoolLog { readonly pageSize: number; read(): Iterable<Recorded<ZramEvent>> }

interface Thread {
  readonly worker: Worker;
  lost: string | null; // why the thread is gone
  current: { index: number; slot: number; feed: SharedFeed } | null;
}

const failed = (message: string): FoldOutcome => ({ ok: false, badInput: false, message });

class Pool {
  readonly outcomes: (FoldOutcome | undefined)[];
  readonly threads: Thread[];
  private readonly waiting = new Map<number, () => void>();

  constructor(private readonly jobs: readonly FoldJob[], size: number, private readonly o: PoolOptions) {
    this.outcomes = jobs.map(() => undefined);
    const start = o.start ?? workerStart();
    this.threads = Array.from({ length: size }, () => this.spawn(start));
  }

  private spawn(start: WorkerStart): Thread {
    const t: Thread = { worker: new Worker(start.source, { eval: true, workerData: { entry: start.entry } }),
      lost: null, current: null };
    const lose = (why: string): void => {
      t.lost ??= why;
      if (t.current) this.finish(t, t.current.index, failed(t.lost));
    };
    t.worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') this.o.onProgress?.(m.index, m.done, m.total);
      else this.finish(t, m.index, m.outcome);
    });
    t.worker.on('error', (e) => lose(`worker thread failed: ${e.message}`));
    t.worker.on('exit', (code) => lose(`worker thread exited with code ${code}`));
    return t;
  }

  private finish(t: Thread | null, index: number, outcome: FoldOutcome): void {
    if (this.outcomes[index] !== undefined) return;
    this.outcomes[index] = outcome;
    if (t?.current?.index === index) { t.current.feed.retire(t.current.slot); t.current = null; }
    this.waiting.get(index)?.();
  }

  private outcome(index: number): Promise<void> {
    return this.outcomes[index] !== undefined ? Promise.resolve()
      : new Promise((res) => this.waiting.set(index, res));
  }

  /** The jobs of `round` side by side, `round[i]` on `threads[i]`, all reading `chunks` through one feed. */
  async side(round: readonly number[], threads: readonly Thread[], chunks: Iterable<SharedArrayBuffer>,
    collect: boolean): Promise<void> {
    const channels = round.map(() => new MessageChannel());
    const feed = new SharedFeed(channels.map((c) => c.port1));
    round.forEach((index, slot) => {
      const t = threads[slot];
      if (t.lost !== null) { feed.retire(slot); this.finish(null, index, failed(t.lost)); return; }
      t.current = { index, slot, feed };
      const port = channels[slot].port2;
      const m: ToWorker = { type: 'start', job: this.jobs[index], port, control: feed.control, slot, collect };
      t.worker.postMessage(m, [port]);
    });
    try {
      await Promise.all([Promise.all(round.map((i) => this.outcome(i))), feed.run(chunks)]);
    } finally {
      for (const c of channels) c.port1.close();
    }
  }

  /** `jobs` folded alone, each reading the kept `chunks`, by whichever thread is free first; a
   * thread that dies leaves its next jobs to the others (to none: they fail with its error). */
  async queue(jobs: readonly number[], chunks: readonly SharedArrayBuffer[]): Promise<void> {
    const next = [...jobs];
    await Promise.all(this.threads.map(async (t) => {
      for (let i = next.shift(); i !== undefined; i = next.shift()) {
        if (t.lost !== null) { next.unshift(i); return; }
        await this.side([i], [t], chunks, false);
      }
    }));
    const why = this.threads.find((t) => t.lost !== null)?.lost ?? 'worker thread lost';
    for (const i of next) this.finish(null, i, failed(why));
  }
}

export async function runPool(jobs: readonly FoldJob[], log: PoolLog, o: PoolOptions): Promise<FoldOutcome[]> {
  if (jobs.length === 0) return [];
  const size = Math.max(1, Math.min(o.size, jobs.length));
  const pool = new Pool(jobs, size, o);
  const [first = [], ...later] = rounds(foldOrder(jobs.map((j) => j.config)), size);
  const cache = new ChunkCache(later.length > 0 ? o.cacheBytes ?? CACHE_BYTES : 0); // one round: nothing to keep for
  const read = (): Iterable<SharedArrayBuffer> => packChunks(log.read(), log.pageSize);
  try {
    await pool.side(first, pool.threads, cache.fill(read()), false);
    const kept = cache.chunks;
    // kept: no round barrier, each thread takes the next configuration as soon as it is free;
    // else a decode per round, and a thread collects the chunks its last fold kept (worker.ts)
    if (kept) await pool.queue(later.flat(), kept);
    else for (const round of later) await pool.side(round, pool.threads, read(), true);
  } finally {
    for (const t of pool.threads) void t.worker.terminate();
  }
  return pool.outcomes as FoldOutcome[];
}
