// The main thread's side of a parallel compare: `size` worker threads fold the configurations in
// rounds of one per thread (assign.ts); each round the main thread decodes the log once into the
// shared feed every fold of the round reads (feed.ts). Every configuration ends with an outcome:
// a thread that dies (crash, out of memory) fails the configuration it was folding and those it
// would have folded later with a clear message, and the feed stops waiting for it.
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Recorded, ZramEvent } from '../events/types';
import { foldOrder, rounds } from './assign';
import { SharedFeed } from './feed';
import type { FoldJob, FoldOutcome, FromWorker, ToWorker } from './job';
import { workerStart, type WorkerStart } from './worker-boot';

export interface PoolOptions {
  readonly size: number;
  readonly onProgress?: (index: number, done: number, total: number) => void;
  readonly start?: WorkerStart;
}

/** The log the folds read: `read()` reads it once from the start (once per round). */
export interface PoolLog { readonly pageSize: number; read(): Iterable<Recorded<ZramEvent>> }

interface Thread {
  readonly worker: Worker;
  lost: string | null; // why the thread is gone
  current: { index: number; slot: number; feed: SharedFeed } | null;
}

export async function runPool(jobs: readonly FoldJob[], log: PoolLog, o: PoolOptions): Promise<FoldOutcome[]> {
  const start = o.start ?? workerStart();
  const outcomes: (FoldOutcome | undefined)[] = jobs.map(() => undefined);
  let pending = 0;
  let roundDone: () => void = () => undefined;
  const finish = (t: Thread | null, index: number, outcome: FoldOutcome): void => {
    if (outcomes[index] !== undefined) return;
    outcomes[index] = outcome;
    if (t?.current?.index === index) { t.current.feed.retire(t.current.slot); t.current = null; }
    if (--pending === 0) roundDone();
  };
  const size = Math.max(1, Math.min(o.size, jobs.length));
  const threads = Array.from({ length: jobs.length ? size : 0 }, () => {
    const t: Thread = { worker: new Worker(start.source, { eval: true, workerData: { entry: start.entry } }),
      lost: null, current: null };
    const lose = (why: string): void => {
      t.lost ??= why;
      if (t.current) finish(t, t.current.index, { ok: false, badInput: false, message: t.lost });
    };
    t.worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') o.onProgress?.(m.index, m.done, m.total);
      else finish(t, m.index, m.outcome);
    });
    t.worker.on('error', (e) => lose(`worker thread failed: ${e.message}`));
    t.worker.on('exit', (code) => lose(`worker thread exited with code ${code}`));
    return t;
  });
  try {
    for (const round of rounds(foldOrder(jobs.map((j) => j.config)), size)) {
      const channels = round.map(() => new MessageChannel());
      const feed = new SharedFeed(channels.map((c) => c.port1), log.pageSize);
      const done = new Promise<void>((res) => { roundDone = res; });
      pending = round.length;
      round.forEach((index, slot) => {
        const t = threads[slot];
        if (t.lost !== null) {
          feed.retire(slot);
          finish(null, index, { ok: false, badInput: false, message: t.lost });
          return;
        }
        t.current = { index, slot, feed };
        const port = channels[slot].port2;
        t.worker.postMessage({ type: 'start', job: jobs[index], port, control: feed.control, slot } satisfies ToWorker,
          [port]);
      });
      await Promise.all([done, feed.run(log.read())]);
      for (const c of channels) c.port1.close();
    }
  } finally {
    for (const t of threads) void t.worker.terminate();
  }
  return outcomes as FoldOutcome[];
}
