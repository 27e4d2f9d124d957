// A compare worker thread: opens the log once (the main thread's path and digest: not hashed
// again) and folds its share of the configurations one after another, each reading the log
// itself, posting progress and each configuration's outcome. A fold that fails is that
// configuration's outcome; the others go on. A log that no longer opens fails them all.
import { parentPort } from 'node:worker_threads';
import { openLog, type ReplayInput } from '../replay/input';
import { foldOutcome } from './fold-config';
import type { FoldJob, FromWorker, ToWorker } from './job';
import { BadInputError } from '../replay/bad-input';

const post = (m: FromWorker): void => parentPort!.postMessage(m);

async function run(jobs: readonly FoldJob[]): Promise<void> {
  const log = jobs[0].log;
  let input: ReplayInput;
  try {
    input = await openLog(log.path, log.name, log.digest);
  } catch (e) {
    const outcome = { ok: false as const, message: e instanceof Error ? e.message : String(e),
      badInput: e instanceof BadInputError };
    for (const job of jobs) post({ type: 'outcome', index: job.index, outcome });
    return;
  }
  for (const job of jobs) {
    const outcome = await foldOutcome(job, input.store!,
      (done, total) => post({ type: 'progress', index: job.index, done, total }));
    post({ type: 'outcome', index: job.index, outcome });
  }
}

parentPort?.on('message', (m: ToWorker) => { void run(m.jobs); });
