// The main thread's side of a parallel compare: `size` worker threads fold the configurations in
// rounds of one per thread (assign.ts); every fold of a round reads one shared feed (feed.ts) of
// the log decoded by the main thread: in the first round, and again in each later round only when
// the decoded chunks did not fit in the cache (CACHE_BYTES). Every configuration ends with an outcome:
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
  private pending = 0;
  private roundDone: () => void = () => undefined;

  constructor(private readonly jobs: readonly FoldJob[], size: number, private readonly o: PoolOptions) {
    this.outcomes = jobs.map(() => undefined);
    const start = o.start ?? workerStart();
    this.threads = Array.from({ length: jobs.length ? size : 0 }, () => this.spawn(start));
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
    if (--this.pending === 0) this.roundDone();
  }

  /** One fold per thread of `round` (job indices), all reading `chunks` through one feed. */
  async round(round: readonly number[], chunks: Iterable<SharedArrayBuffer>, collect: boolean): Promise<void> {
    const channels = round.map(() => new MessageChannel());
    const feed = new SharedFeed(channels.map((c) => c.port1));
    const done = new Promise<void>((res) => { this.roundDone = res; });
    this.pending = round.length;
    round.forEach((index, slot) => {
      const t = this.threads[slot];
      if (t.lost !== null) { feed.retire(slot); this.finish(null, index, failed(t.lost)); return; }
      t.current = { index, slot, feed };
      const port = channels[slot].port2;
      const m: ToWorker = { type: 'start', job: this.jobs[index], port, control: feed.control, slot, collect };
      t.worker.postMessage(m, [port]);
    });
    try {
      await Promise.all([done, feed.run(chunks)]);
    } finally {
      for (const c of channels) c.port1.close();
    }
  }
}

export async function runPool(jobs: readonly FoldJob[], log: PoolLog, o: PoolOptions): Promise<FoldOutcome[]> {
  const size = Math.max(1, Math.min(o.size, jobs.length));
  const pool = new Pool(jobs, size, o);
  const order = rounds(foldOrder(jobs.map((j) => j.config)), size);
  const cache = new ChunkCache(order.length > 1 ? o.cacheBytes ?? CACHE_BYTES : 0); // one round: nothing to keep for
  let streamed = false; // the last round's chunks were not all kept: a thread's finished fold may hold them
  try {
    for (const round of order) {
      await pool.round(round, cache.chunks ?? cache.fill(packChunks(log.read(), log.pageSize)), streamed);
      streamed = cache.chunks === null;
    }
  } finally {
    for (const t of pool.threads) void t.worker.terminate();
  }
  return pool.outcomes as FoldOutcome[];
}
