// A compare worker thread: folds its share of the configurations, all at once, from the events
// the main thread sends (one Feed, read by each fold), and posts acknowledgements, progress (at
// most ~200 updates a fold) and each configuration's outcome. A fold that fails is that
// configuration's outcome; the others go on.
import { parentPort } from 'node:worker_threads';
import type { Recorded, ZramEvent } from '../events/types';
import { BadInputError } from '../replay/bad-input';
import { Feed } from './feed';
import { foldConfig, type KeyOf } from './fold-config';
import type { EventBatch, FoldJob, FoldOutcome, FromWorker, ToWorker, WireEvent } from './job';
import { PageArenaReader } from './page-arena';

const post = (m: FromWorker): void => parentPort!.postMessage(m);

async function fold(job: FoldJob, feed: Feed, keyOf: KeyOf): Promise<FoldOutcome> {
  let next = 0;
  try {
    const { report, cost } = await foldConfig(job, feed.read(job.index), keyOf, (done, total) => {
      if (done < next && done !== total) return;
      next = done + Math.max(1, Math.floor(total / 200));
      post({ type: 'progress', index: job.index, done, total });
    });
    return { ok: true, report, cost };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), badInput: e instanceof BadInputError };
  } finally {
    feed.stop(job.index);
  }
}

function unwire(batch: EventBatch, arena: PageArenaReader): Recorded<ZramEvent>[] {
  arena.extend(batch.chunks, batch.keys);
  return batch.events.map((r: WireEvent) => (r.event.type !== 'BioQueued' ? r as Recorded<ZramEvent>
    : { seq: r.seq, ts: r.ts, event: { ...r.event, pages: (r.event.pages as readonly number[]).map((i) => arena.page(i)) } }));
}

if (parentPort) {
  let feed: Feed | null = null;
  let arena: PageArenaReader | null = null;
  parentPort.on('message', (m: ToWorker) => {
    if (m.type === 'start') {
      feed = new Feed(m.jobs.map((j) => j.index), (batch) => post({ type: 'ack', batch }));
      const a = arena = new PageArenaReader(m.jobs[0].log.header.pageSize);
      for (const job of m.jobs) {
        void fold(job, feed, (d) => a.keyOf(d)).then((outcome) => post({ type: 'outcome', index: job.index, outcome }));
      }
    } else if (m.type === 'events') {
      feed!.push(unwire(m, arena!));
    } else {
      feed!.end();
    }
  });
}
