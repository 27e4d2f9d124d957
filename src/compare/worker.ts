// A compare worker thread: folds the configurations it is sent, one at a time, each reading the
// log's events from the feed the main thread decodes once per round (not the file: no decode of
// its own), posting progress and the configuration's outcome. A fold that fails is that
// configuration's outcome; the thread then takes the next one.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { foldOutcome } from './fold-config';
import { feedStore } from './feed-reader';
import type { FromWorker, ToWorker } from './job';

const post = (m: FromWorker): void => parentPort!.postMessage(m);

/** A full collection before a fold, when the thread's previous fold read chunks that were not
 * kept for later rounds (a log larger than the pool's cache). A fold's device keeps views of the
 * shared chunks it stored pages from; this thread did not allocate them, so its collector does not
 * count them and would let a finished fold's chunks pile up under the next round's (measured on
 * the compare-k larger log streamed, K=8 on 2 threads: peak RSS 740 MiB without, 385 MiB with).
 * The function comes from a context made after the flag is set, as jest's leak detector gets it
 * (the flag stays set: unset, it would race with another thread getting its own). */
let gc: (() => void) | null | undefined;
function collect(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('typeof gc === "function" ? gc : null') as (() => void) | null;
  }
  gc?.();
}

async function run(m: ToWorker): Promise<void> {
  if (m.collect) collect();
  const { job } = m;
  const store = feedStore(m, job.log.header, job.log.events, job.log.path);
  const outcome = await foldOutcome(job, store,
    (done, total) => post({ type: 'progress', index: job.index, done, total }));
  m.port.close();
  post({ type: 'outcome', index: job.index, outcome });
}

parentPort?.on('message', (m: ToWorker) => { void run(m); });
