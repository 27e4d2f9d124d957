// A compare worker thread: folds its share of the configurations, all at once, from the events
// the main thread sends (one Feed, read by each fold), and posts acknowledgements, progress and
// each configuration's outcome. A fold that fails is that configuration's outcome; the others
// go on.
import { parentPort } from 'node:worker_threads';
import type { Recorded, ZramEvent } from '../events/types';
import { Feed } from './feed';
import { foldOutcome } from './fold-config';
import type { EventBatch, FromWorker, ToWorker, WireEvent } from './job';
import { PageArenaReader } from './page-arena';

const post = (m: FromWorker): void => parentPort!.postMessage(m);

function unwire(batch: EventBatch, arena: PageArenaReader): Recorded<ZramEvent>[] {
  arena.extend(batch.chunks, batch.keys);
  return batch.events.map((r: WireEvent) => {
    if (r.event.type !== 'BioQueued') return r as Recorded<ZramEvent>;
    const pages = (r.event.pages as readonly number[]).map((i) => arena.page(i));
    return { seq: r.seq, ts: r.ts, event: { ...r.event, pages } };
  });
}

if (parentPort) {
  let feed: Feed | null = null;
  let arena: PageArenaReader | null = null;
  parentPort.on('message', (m: ToWorker) => {
    if (m.type === 'start') {
      const f = feed = new Feed(m.jobs.map((j) => j.index), (batch) => post({ type: 'ack', batch }));
      const a = arena = new PageArenaReader(m.jobs[0].log.header.pageSize);
      for (const job of m.jobs) {
        void foldOutcome(job, f.read(job.index), (d) => a.keyOf(d),
          (done, total) => post({ type: 'progress', index: job.index, done, total }))
          .then((outcome) => { f.stop(job.index); post({ type: 'outcome', index: job.index, outcome }); });
      }
    } else if (m.type === 'events') {
      feed!.push(unwire(m, arena!));
    } else {
      feed!.end();
    }
  });
}
