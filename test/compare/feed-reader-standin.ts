// A compare worker stand-in that reads the shared feed as a fold does (feed-reader.ts) and
// answers with what it read: the events' seqs and a digest of every field and page byte, so the
// test compares them with the log read directly. `slow` in a label: it pauses every 64 events.
import { parentPort } from 'node:worker_threads';
import { feedStore } from '../../src/compare/feed-reader';
import type { ToWorker } from '../../src/compare/job';
import { digestEvents } from './feed-digest';

parentPort!.on('message', (m: ToWorker) => {
  const store = feedStore(m, m.job.log.header, m.job.log.events, m.job.log.path);
  let outcome;
  try {
    const slow = m.job.config.label.includes('slow');
    let n = 0;
    const pause = (): void => { if (++n % 64 === 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2); };
    const { seqs, digest } = digestEvents(store.readSync(0), slow ? pause : undefined);
    outcome = { ok: true, report: { seqs, digest }, cost: { pages: 0, nsPerPage: null } };
  } catch (e) {
    outcome = { ok: false, badInput: false, message: (e as Error).message };
  }
  m.port.close();
  parentPort!.postMessage({ type: 'outcome', index: m.job.index, outcome });
});
