// One configuration's fold in compare: the fold reads the store it is given synchronously, like a
// replay (on a worker thread the shared feed the main thread decodes, feed-reader.ts; in the main
// thread the opened log itself), the model keeps payloads as written (compare reads only the
// stats: lengths suffice and no page is decompressed), and the compressors take lengths from the
// memo all the folds share, keyed by the log's own content keys (exact, not a digest: the same in
// every thread for the same log).
import { memoCompressor, LengthMemo, type MemoMeter } from '../compress/memo';
import type { CompAlgorithm, Compressor } from '../compress/types';
import { kernelDeps } from '../device/deps';
import type { DeviceDeps } from '../device/state';
import type { Recorded, ZramEvent } from '../events/types';
import type { EventStore } from '../log';
import type { Report } from '../report';
import type { ReplayInput } from '../replay/input';
import { ModelImplementation } from '../replay/model-implementation';
import { checkKernelConfig, replaySession } from '../replay/session';
import { BadInputError } from '../replay/bad-input';
import type { FoldCost, FoldJob, FoldOutcome } from './job';

export type OnProgress = (done: number, total: number) => void;
type Keys = WeakMap<Uint8Array, number>;

/** The log's events as read, noting the content key of each page's bytes for the memo. */
function* keyed(events: Iterable<Recorded<ZramEvent>>, keys: Keys): Generator<Recorded<ZramEvent>> {
  for (const r of events) {
    if (r.event.type === 'BioQueued') for (const p of r.event.pages) keys.set(p.data, p.key);
    yield r;
  }
}

/** The opened log as the session reads it, through `keyed`. */
function foldInput(job: FoldJob, store: EventStore, keys: Keys): ReplayInput {
  const log = job.log;
  const mine: EventStore = {
    header: store.header, version: store.version,
    append: async () => { throw new Error(`${log.path}: a log read for folding is read-only`); },
    read: async function* (from = 0) { yield* keyed(store.readSync(from), keys); },
    readSync: (from = 0) => keyed(store.readSync(from), keys),
    close: async () => undefined,
  };
  return { name: log.name, header: log.header, digest: log.digest, events: (async function* () {})(), store: mine,
    logPath: log.path, warnings: log.warnings, losses: () => log.losses,
    progress: () => ({ done: 0, total: log.events }), close: () => undefined };
}

function memoDeps(job: FoldJob, keys: Keys, meter: MemoMeter): DeviceDeps {
  const memo = new LengthMemo(job.memo);
  const keyOf = (d: Uint8Array): number | null => keys.get(d) ?? null;
  const made = new Map<CompAlgorithm, Compressor>();
  let last: Compressor | null = null; // the device asks once per page, nearly always for the same one
  const compressor = (alg: CompAlgorithm): Compressor => {
    if (last?.name === alg) return last;
    let c = made.get(alg);
    if (!c) made.set(alg, c = memoCompressor(kernelDeps.compressor(alg), memo, keyOf, meter, () => performance.now()));
    return (last = c);
  };
  return { ...kernelDeps, compressor, payload: 'original' };
}

/** `store`: the job's log, opened (it is read from the start, once per call). */
export async function foldConfig(job: FoldJob, store: EventStore, onProgress?: OnProgress):
  Promise<{ report: Report; cost: FoldCost; hits: number }> {
  const cfg = checkKernelConfig(job.kernelConfig, job.config.knobs);
  const meter: MemoMeter = { calls: 0, ns: 0, hits: 0 };
  const keys: Keys = new WeakMap();
  const deps = { ...memoDeps(job, keys, meter), kernelConfig: cfg };
  const { report } = await replaySession({ input: job.log.path, opened: foldInput(job, store, keys),
    knobs: job.config.knobs, kernelConfig: cfg, variant: job.variant, content: job.content, every: job.every,
    onProgress, target: async () => new ModelImplementation(job.variant, deps) });
  const cost = { pages: meter.calls, nsPerPage: meter.calls ? Math.round(meter.ns / meter.calls) : null };
  return { report, cost, hits: meter.hits };
}

/** How often a fold reports progress: a message between threads costs ~1 ms on a busy machine. */
const PROGRESS_MS = 200;

/** foldConfig as an outcome: a configuration that fails is its own result, named by its error.
 * `progress` is called every PROGRESS_MS at most, and at the end. */
export async function foldOutcome(job: FoldJob, store: EventStore, progress?: OnProgress): Promise<FoldOutcome> {
  let due = 0;
  try {
    const { report, cost } = await foldConfig(job, store, progress && ((done, total) => {
      if ((done & 63) !== 0 && done !== total) return; // the clock is read every 64 events only
      const now = performance.now();
      if (now < due && done !== total) return;
      due = now + PROGRESS_MS;
      progress(done, total);
    }));
    return { ok: true, report, cost };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), badInput: e instanceof BadInputError };
  }
}
