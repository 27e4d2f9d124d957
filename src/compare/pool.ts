// The main thread's side of a parallel compare: `size` worker threads, each folding the
// configurations assign.ts gives it, and the log read once here and sent to all of them in
// batches (page contents through the shared arena). Sending stops WINDOW batches ahead of the
// slowest thread's acknowledgement, so memory stays bounded however slow a fold is. Every
// configuration ends with an outcome: a thread that dies (crash, out of memory) fails the
// configurations it held with a clear message and stops counting for the window, so nothing
// waits on a dead thread.
import { Worker } from 'node:worker_threads';
import type { Recorded, ZramEvent } from '../events/types';
import type { EventBatch, FoldJob, FoldOutcome, FromWorker, ToWorker, WireEvent } from './job';
import { assignThreads } from './assign';
import { PageArenaWriter } from './page-arena';
import { workerStart, type WorkerStart } from './worker-boot';

const BATCH_EVENTS = 512;
const BATCH_PAGES = 4096;
const WINDOW = 8;

export interface PoolOptions {
  readonly size: number;
  readonly pageSize: number;
  readonly onProgress?: (index: number, done: number, total: number) => void;
  readonly start?: WorkerStart;
}

interface Thread { readonly worker: Worker; readonly jobs: readonly number[]; acked: number; alive: boolean }

export async function runPool(jobs: readonly FoldJob[], events: AsyncIterable<Recorded<ZramEvent>>,
  o: PoolOptions): Promise<FoldOutcome[]> {
  const start = o.start ?? workerStart();
  const outcomes: (FoldOutcome | undefined)[] = jobs.map(() => undefined);
  let settled = 0;
  let changed: () => void = () => undefined;
  const finish = (index: number, outcome: FoldOutcome): void => {
    if (outcomes[index] !== undefined) return;
    outcomes[index] = outcome;
    settled++;
    changed();
  };
  const size = Math.max(1, Math.min(o.size, jobs.length));
  const thread = assignThreads(jobs.map((j) => j.config), size);
  const used = [...new Set(thread)].sort((a, b) => a - b); // a thread given nothing is not started
  const threads: Thread[] = used.map((t) => {
    const mine = jobs.filter((j) => thread[j.index] === t);
    const th: Thread = { worker: new Worker(start.source, { eval: true, workerData: { entry: start.entry } }),
      jobs: mine.map((j) => j.index), acked: -1, alive: true };
    const lost = (why: string): void => {
      if (!th.alive) return;
      th.alive = false;
      for (const i of th.jobs) finish(i, { ok: false, badInput: false, message: `worker thread ${why}` });
      changed();
    };
    th.worker.on('message', (m: FromWorker) => {
      if (m.type === 'ack') { th.acked = m.batch; changed(); }
      else if (m.type === 'progress') o.onProgress?.(m.index, m.done, m.total);
      else finish(m.index, m.outcome);
    });
    th.worker.on('error', (e) => lost(`failed: ${e.message}`));
    th.worker.on('exit', (code) => lost(`exited with code ${code}`));
    th.worker.postMessage({ type: 'start', jobs: mine } satisfies ToWorker);
    return th;
  });
  const until = (done: () => boolean): Promise<void> => new Promise((res) => {
    changed = () => { if (done()) { changed = () => undefined; res(); } };
    changed();
  });
  const live = (): Thread[] => threads.filter((t) => t.alive && t.jobs.some((i) => outcomes[i] === undefined));
  try {
    let batch = 0;
    for await (const b of batches(events, o.pageSize)) {
      if (live().length === 0) break;
      const msg: EventBatch = { type: 'events', batch, ...b };
      for (const t of live()) t.worker.postMessage(msg);
      const sent = batch++;
      await until(() => live().every((t) => t.acked >= sent - WINDOW));
    }
    for (const t of live()) t.worker.postMessage({ type: 'end' } satisfies ToWorker);
    await until(() => settled === jobs.length);
  } finally {
    for (const t of threads) { t.alive = false; void t.worker.terminate(); }
  }
  return outcomes as FoldOutcome[];
}

/** The log's events in batches, each with the page contents first seen in it. */
async function* batches(events: AsyncIterable<Recorded<ZramEvent>>, pageSize: number):
  AsyncGenerator<Omit<EventBatch, 'type' | 'batch'>> {
  const arena = new PageArenaWriter(pageSize);
  let out: WireEvent[] = [];
  let pages = 0;
  const flush = () => { const b = { ...arena.takeNew(), events: out }; out = []; pages = 0; return b; };
  for await (const r of events) {
    const e = r.event;
    if (e.type === 'BioQueued') {
      out.push({ seq: r.seq, ts: r.ts, event: { ...e, pages: e.pages.map((p) => arena.add(p)) } });
      pages += e.pages.length;
    } else {
      out.push(r);
    }
    if (out.length >= BATCH_EVENTS || pages >= BATCH_PAGES) yield flush();
  }
  if (out.length) yield flush();
}
