// `compare` from one ingest: the input is opened (ingested, or found in the log cache) once here,
// and every configuration is folded from that log: on the worker threads of the pool, in rounds
// of one fold per thread that all read one decode of the log made here (feed.ts), or, when the
// work is too small for threads to pay their start-up, in this thread, each fold reading the log
// itself. All share one compressed-length memo sized from the log (it holds each distinct page once).
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Recorded, ZramEvent } from '../events/types';
import { openInput } from '../replay/input';
import type { CompareConfig } from '../replay/compare-config';
import type { FoldJob, FoldOutcome } from './job';
import { memoBufferFor } from './memo-sizing';
import { foldLocally } from './local';
import { runPool } from './pool';
import type { WorkerStart } from './worker-boot';

export interface ParallelCompare {
  readonly input: string;
  readonly configs: readonly CompareConfig[];
  readonly kernelConfig: string;
  readonly variant: string;
  readonly content: string;
  readonly every: number;
  /** Worker threads; 1 folds in this thread; absent: defaultThreads for the log. */
  readonly threads?: number;
  readonly onProgress?: (index: number, done: number, total: number) => void;
  readonly start?: WorkerStart;
  /** The decoded chunks kept for later rounds, in bytes (pool.ts CACHE_BYTES by default). */
  readonly cacheBytes?: number;
}

export async function compareParallel(o: ParallelCompare): Promise<FoldOutcome[]> {
  const input = await openInput(o.input, o.content);
  try {
    const store = input.store!;
    const logBytes = fs.statSync(input.logPath!).size;
    const memo = memoBufferFor(logBytes, store.header.pageSize, o.configs);
    const log = { path: input.logPath!, name: input.name, digest: input.digest, header: store.header,
      events: store.version, warnings: input.warnings ?? [], losses: input.losses?.() ?? null };
    const jobs: FoldJob[] = o.configs.map((config, index) => ({ index, config, kernelConfig: o.kernelConfig,
      variant: o.variant, content: o.content, every: o.every, log, memo }));
    const threads = o.threads ?? defaultThreads(logBytes, jobs.length, availableParallelism());
    if (threads <= 1) return await foldLocally(jobs, store, o.onProgress);
    const read = (): Iterable<Recorded<ZramEvent>> => store.readSync(0);
    return await runPool(jobs, { pageSize: store.header.pageSize, read },
      { size: threads, onProgress: o.onProgress, start: o.start, cacheBytes: o.cacheBytes });
  } finally {
    input.close();
  }
}

/** Below this much log read in all (log size x configurations), a thread's start-up (loading the
 * model, ~0.3 s of CPU) costs more than the thread saves (measured: tools/bench/compare-k). */
export const THREADS_MIN_WORK = 32 * 2 ** 20;

/** The default --jobs: one thread per core, at most one per configuration, none for small work. */
export function defaultThreads(logBytes: number, configs: number, cores: number): number {
  if (logBytes * configs < THREADS_MIN_WORK) return 1;
  return Math.max(1, Math.min(configs, cores));
}
