// The configurations folded in this thread, one after another, each reading the opened log
// (the same shared lengths as on worker threads, without a thread's start-up cost): for inputs
// too small for threads to pay, and --jobs 1.
import type { EventStore } from '../log';
import { foldOutcome } from './fold-config';
import type { FoldJob, FoldOutcome } from './job';

export async function foldLocally(jobs: readonly FoldJob[], store: EventStore,
  onProgress?: (index: number, done: number, total: number) => void): Promise<FoldOutcome[]> {
  const outcomes: FoldOutcome[] = [];
  for (const job of jobs) {
    outcomes.push(await foldOutcome(job, store, onProgress && ((done, total) => onProgress(job.index, done, total))));
  }
  return outcomes;
}
