// The main thread's side of a parallel compare: `size` worker threads, each folding the
// configurations assign.ts gives it, one after another, from the log it reads itself. Every
// configuration ends with an outcome: a thread that dies (crash, out of memory) fails the
// configurations it still held with a clear message, so nothing waits on a dead thread.
import { Worker } from 'node:worker_threads';
import type { FoldJob, FoldOutcome, FromWorker, ToWorker } from './job';
import { assignThreads } from './assign';
import { workerStart, type WorkerStart } from './worker-boot';

export interface PoolOptions {
  readonly size: number;
  readonly onProgress?: (index: number, done: number, total: number) => void;
  readonly start?: WorkerStart;
}

export async function runPool(jobs: readonly FoldJob[], o: PoolOptions): Promise<FoldOutcome[]> {
  const start = o.start ?? workerStart();
  const outcomes: (FoldOutcome | undefined)[] = jobs.map(() => undefined);
  let settled = 0;
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((res) => { allDone = res; });
  const finish = (index: number, outcome: FoldOutcome): void => {
    if (outcomes[index] !== undefined) return;
    outcomes[index] = outcome;
    if (++settled === jobs.length) allDone();
  };
  const size = Math.max(1, Math.min(o.size, jobs.length));
  const thread = assignThreads(jobs.map((j) => j.config), size);
  const used = [...new Set(thread)].sort((a, b) => a - b); // a thread given nothing is not started
  const workers = used.map((t) => {
    const mine = jobs.filter((j) => thread[j.index] === t);
    const worker = new Worker(start.source, { eval: true, workerData: { entry: start.entry } });
    const lost = (why: string): void => {
      for (const j of mine) finish(j.index, { ok: false, badInput: false, message: `worker thread ${why}` });
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') o.onProgress?.(m.index, m.done, m.total);
      else finish(m.index, m.outcome);
    });
    worker.on('error', (e) => lost(`failed: ${e.message}`));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
    worker.postMessage({ type: 'start', jobs: mine } satisfies ToWorker);
    return worker;
  });
  try {
    if (jobs.length > 0) await done;
  } finally {
    for (const w of workers) void w.terminate();
  }
  return outcomes as FoldOutcome[];
}
