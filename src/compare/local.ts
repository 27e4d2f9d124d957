// The configurations folded in this thread, all at once from one read of the log (the same
// Feed and shared lengths as on worker threads, without a thread's start-up cost): for inputs
// too small for threads to pay, and --jobs 1. The read waits WINDOW batches ahead of the
// slowest fold, so memory stays bounded.
import type { Recorded, ZramEvent } from '../events/types';
import { Feed } from './feed';
import { foldOutcome } from './fold-config';
import type { FoldJob, FoldOutcome } from './job';

const BATCH_EVENTS = 512;
const WINDOW = 8;

export async function foldLocally(jobs: readonly FoldJob[], events: AsyncIterable<Recorded<ZramEvent>>,
  onProgress?: (index: number, done: number, total: number) => void): Promise<FoldOutcome[]> {
  const keys = new WeakMap<Uint8Array, number>(); // the reader hands out one array per content key
  let acked = -1;
  let wake: (() => void) | null = null;
  const feed = new Feed(jobs.map((j) => j.index), (b) => { acked = b; wake?.(); });
  const folds = jobs.map((job) => foldOutcome(job, feed.read(job.index), (d) => keys.get(d) ?? null,
    onProgress && ((done, total) => onProgress(job.index, done, total)))
    .then((o) => { feed.stop(job.index); return o; }));
  let batch: Recorded<ZramEvent>[] = [];
  let sent = 0;
  try {
    for await (const r of events) {
      if (r.event.type === 'BioQueued') for (const p of r.event.pages) keys.set(p.data, p.key);
      batch.push(r);
      if (batch.length < BATCH_EVENTS) continue;
      feed.push(batch);
      batch = [];
      const mine = sent++;
      while (acked < mine - WINDOW) await new Promise<void>((res) => { wake = res; });
    }
    if (batch.length) feed.push(batch);
  } finally {
    feed.end();
  }
  return Promise.all(folds);
}
