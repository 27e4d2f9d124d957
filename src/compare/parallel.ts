// `compare` on worker threads: the input is opened (ingested, or found in the log cache) and
// read once here, and every configuration is folded on a thread of the pool from those events,
// all sharing one compressed-length memo sized from the log (it holds each distinct page once).
import * as fs from 'node:fs';
import { openInput } from '../replay/input';
import type { CompareConfig } from '../replay/compare-config';
import type { FoldJob, FoldOutcome } from './job';
import { memoBufferFor } from './memo-sizing';
import { runPool } from './pool';
import type { WorkerStart } from './worker-boot';

export interface ParallelCompare {
  readonly input: string;
  readonly configs: readonly CompareConfig[];
  readonly kernelConfig: string;
  readonly variant: string;
  readonly content: string;
  readonly every: number;
  readonly threads: number;
  readonly onProgress?: (index: number, done: number, total: number) => void;
  readonly start?: WorkerStart;
}

export async function compareParallel(o: ParallelCompare): Promise<FoldOutcome[]> {
  const input = await openInput(o.input, o.content);
  try {
    const store = input.store!;
    const memo = memoBufferFor(fs.statSync(input.logPath!).size, store.header.pageSize, o.configs);
    const log = { path: input.logPath!, name: input.name, digest: input.digest, header: store.header,
      events: store.version, warnings: input.warnings ?? [], losses: input.losses?.() ?? null };
    const jobs: FoldJob[] = o.configs.map((config, index) => ({ index, config, kernelConfig: o.kernelConfig,
      variant: o.variant, content: o.content, every: o.every, log, memo }));
    return await runPool(jobs, store.read(0), { size: o.threads, pageSize: store.header.pageSize,
      onProgress: o.onProgress, start: o.start });
  } finally {
    input.close();
  }
}
