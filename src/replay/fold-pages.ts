// How a model fold over a log keeps its pages and who compresses them: content keys with the
// bytes read back from the log (payload 'reference'), and a worker compressing the log's pages
// ahead of the fold on a second core. Neither changes an output, only time and memory.
import type { EventStore } from '../log/event-store';
import { LogFileStore } from '../log/log-file-store';
import { startCompressAhead, type CompressAhead } from './compress-ahead';
import type { ContentMode } from './content-fill';
import type { Implementation } from './implementation';
import { locateInput, type ReplayInput } from './input';
import type { Knobs } from './knobs';
import { ModelImplementation } from './model-implementation';
import { recordedAlgorithm } from './recorded-algorithm';

/** What earlyAhead looks at (SessionOptions' fields). */
export interface EarlyAheadOptions {
  readonly input: string;
  readonly knobs: Knobs;
  readonly opened?: unknown;
  readonly roundTrip?: boolean;
  readonly from?: number;
  readonly snapshotEvery?: number;
}

/** A new model fold over a log file keeps each stored page as its content key and reads the bytes
 * back from the log when a bio reads it (payload 'reference'): the log is the data path, and the
 * fold holds no page twice. Other implementations, and stores that cannot look pages up, stay as
 * they are. The implementation is changed in place: a caller holding it sees the fold's state. */
export function referencePages(impl: Implementation, store: EventStore): void {
  if (impl instanceof ModelImplementation && store instanceof LogFileStore) impl.keepContentKeys((key) => store.page(key));
}

/** The algorithm a compress-ahead worker can take, at default params: --algorithm's, else the
 * one the log's device starts with (a guess: recorded-algorithm.ts), else null. */
function aheadAlgorithm(k: Knobs, logPath: string): 'lz4' | 'lzo' | 'lzo-rle' | null {
  if (k.params !== undefined) return null;
  const alg = k.algorithm ?? recordedAlgorithm(logPath);
  return alg === 'lz4' || alg === 'lzo' || alg === 'lzo-rle' ? alg : null;
}

/** A second core compresses the log's pages ahead of the model's fold, when the algorithm is known
 * up front (aheadAlgorithm) and is one the worker takes; the outputs are the same either way.
 * `early`: a lengths-only worker already started on the log (earlyAhead), used or stopped here. */
export function compressAhead(impl: Implementation, input: ReplayInput, k: Knobs, early: CompressAhead | null): CompressAhead | null {
  const s = impl instanceof ModelImplementation ? impl.deviceState : null;
  const lengthsOnly = s?.deps.payload === 'reference';
  if (early && !lengthsOnly) early.stop();
  if (!s || !input.logPath) return null;
  if (s.deps.payload === 'original') return null; // lengths only: nothing to hand over
  const alg = early && lengthsOnly ? null : aheadAlgorithm(k, input.logPath);
  const a = early && lengthsOnly ? early : alg && startCompressAhead(input.logPath, alg, lengthsOnly);
  if (a) s.memo.ahead = (key, data) => a.take(key) ?? a.here(data);
  return a;
}

/** A lengths-only worker started before the log is opened (it compresses while the fold gets
 * going, and gives the log's digest), when the fold will most likely keep content keys: a log
 * file, exact content, no snapshots, no --round-trip. compressAhead stops its compression if
 * not; the caller closes it. */
export function earlyAhead(o: EarlyAheadOptions, mode: ContentMode): CompressAhead | null {
  if (o.opened || mode.kind !== 'exact' || o.roundTrip || (o.from ?? 0) > 0 || o.snapshotEvery) return null;
  try {
    if (locateInput(o.input).kind !== 'log') return null;
  } catch {
    return null; // openInput says what is wrong with it
  }
  const alg = aheadAlgorithm(o.knobs, o.input);
  if (alg === null) return null;
  return startCompressAhead(o.input, alg, true, { hash: true }); // it reads the whole file: it hashes it after
}
