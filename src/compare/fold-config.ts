// One configuration's fold in a compare worker: the events come from the worker's feed (the log
// was read once, by the main thread), the model keeps payloads as written (compare reads only
// the stats: lengths suffice and no page is decompressed), and the compressors take lengths from
// the memo all the folds share, keyed by the log's own content keys (exact, not a digest).
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
export type KeyOf = (data: Uint8Array) => number | null;

async function* counted(events: AsyncIterable<Recorded<ZramEvent>>, total: number, onProgress?: OnProgress):
  AsyncGenerator<Recorded<ZramEvent>> {
  let done = 0;
  for await (const r of events) {
    yield r;
    onProgress?.(++done, total);
  }
}

/** The log as the session expects it, read from the feed (read(from) only from 0: compare
 * never starts a fold part-way). */
function feedInput(job: FoldJob, events: AsyncIterable<Recorded<ZramEvent>>, onProgress?: OnProgress): ReplayInput {
  const log = job.log;
  const store: EventStore = {
    header: log.header, version: log.events,
    append: async () => { throw new Error(`${log.path}: a log read for folding is read-only`); },
    read: (from = 0) => {
      if (from !== 0) throw new Error('compare folds its log from the start');
      return counted(events, log.events, onProgress);
    },
    close: async () => undefined,
  };
  return { name: log.name, header: log.header, digest: log.digest, events: (async function* () {})(), store,
    logPath: log.path, warnings: log.warnings, losses: () => log.losses,
    progress: () => ({ done: 0, total: log.events }), close: () => undefined };
}

function memoDeps(job: FoldJob, keyOf: KeyOf, meter: MemoMeter): DeviceDeps {
  const memo = new LengthMemo(job.memo);
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

export async function foldConfig(job: FoldJob, events: AsyncIterable<Recorded<ZramEvent>>, keyOf: KeyOf,
  onProgress?: OnProgress): Promise<{ report: Report; cost: FoldCost }> {
  const cfg = checkKernelConfig(job.kernelConfig, job.config.knobs);
  const meter: MemoMeter = { calls: 0, ns: 0, hits: 0 };
  const deps = { ...memoDeps(job, keyOf, meter), kernelConfig: cfg };
  const { report } = await replaySession({ input: job.log.path, opened: feedInput(job, events, onProgress),
    knobs: job.config.knobs, kernelConfig: cfg, variant: job.variant, content: job.content, every: job.every,
    target: async () => new ModelImplementation(job.variant, deps) });
  return { report, cost: { pages: meter.calls, nsPerPage: meter.calls ? Math.round(meter.ns / meter.calls) : null } };
}

/** How often a fold reports progress: a message between threads costs ~1 ms on a busy machine. */
const PROGRESS_MS = 200;

/** foldConfig as an outcome: a configuration that fails is its own result, named by its error.
 * `progress` is called every PROGRESS_MS at most, and at the end. */
export async function foldOutcome(job: FoldJob, events: AsyncIterable<Recorded<ZramEvent>>, keyOf: KeyOf,
  progress?: OnProgress): Promise<FoldOutcome> {
  let due = 0;
  try {
    const { report, cost } = await foldConfig(job, events, keyOf, progress && ((done, total) => {
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
