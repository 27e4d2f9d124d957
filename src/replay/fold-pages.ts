// How a model fold over a log keeps its pages and who compresses them: content keys with the
// bytes read back from the log (payload 'reference'), and workers compressing the log's pages
// ahead of the fold on the other cores. Neither changes an output, only time and memory.
import * as fs from 'node:fs';
import { createdParams } from '../compress/params';
import { DEFAULT_KERNEL_CONFIG, builtInBackends, isKernelConfig } from '../compress/profile';
import { ALL_COMP_ALGORITHMS, type CompAlgorithm, type CompParams } from '../compress/types';
import { parseAlgorithmParams } from '../device/sysfs/algorithm';
import type { EventStore } from '../log/event-store';
import { LogFileStore } from '../log/log-file-store';
import { startCompressAhead, type CompressAhead } from './compress-ahead';
import type { ContentMode } from './content-fill';
import type { Implementation } from './implementation';
import { locateInput, type ReplayInput } from './input';
import type { Knobs } from './knobs';
import { ModelImplementation } from './model-implementation';
import { recordedSetup } from './recorded-setup';

/** What compressAhead and earlyAhead look at (SessionOptions' fields). */
export interface AheadOptions {
  readonly knobs: Knobs;
  /** The kernel build profile (--kernel-config): the backends a recorded store may name. */
  readonly kernelConfig?: string;
  /** Threads: the fold's and jobs - 1 workers (absent: one per core beside the fold's, none for a
   * small log; 1: no worker). */
  readonly jobs?: number;
}

/** What earlyAhead looks at besides. */
export interface EarlyAheadOptions extends AheadOptions {
  readonly input: string;
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

/** Below this much log, by default no worker: its start-up (~0.1 s) costs more than it saves
 * (tools/bench/replay-lanes: at 3,000 pages, 12 MiB, 0.97x (lz4) and 1.03x (zstd); at 6,000
 * pages 1.04x and 1.20x). */
export const AHEAD_MIN_BYTES = 16 * 2 ** 20;

const fileBytes = (file: string): number => {
  try { return fs.statSync(file).size; } catch { return 0; } // the replay says what is wrong with it
};

/** What compress-ahead workers compress with: --algorithm and --params, else what the log's
 * device starts with (a guess: recorded-setup.ts), and how many (--jobs); null where that is no
 * valid backend setup, for --jobs 1, and by default for a small log. */
function aheadSetup(o: AheadOptions, logPath: string):
  { alg: CompAlgorithm; params: CompParams; lanes?: number } | null {
  if (o.jobs === 1 || (o.jobs === undefined && fileBytes(logPath) < AHEAD_MIN_BYTES)) return null;
  const k = o.knobs, lanes = o.jobs === undefined ? undefined : o.jobs - 1;
  const cfg = o.kernelConfig !== undefined && isKernelConfig(o.kernelConfig) ? o.kernelConfig : DEFAULT_KERNEL_CONFIG;
  const rec = k.algorithm === undefined || k.params === undefined ? recordedSetup(logPath, builtInBackends(cfg)) : null;
  const alg = k.algorithm ?? rec?.algorithm;
  if (alg === undefined || !(ALL_COMP_ALGORITHMS as readonly string[]).includes(alg)) return null;
  const raw = parseAlgorithmParams(k.params ?? rec?.params ?? ''); // '': none stored, the defaults
  if (typeof raw === 'string' || (raw.algo === null ? raw.prio !== 0 : raw.algo !== alg)) return null;
  const params = createdParams(alg as CompAlgorithm, raw);
  return params === 'EINVAL' ? null : { alg: alg as CompAlgorithm, params, lanes };
}

/** Other cores compress the log's pages ahead of the model's fold, when the algorithm and params are
 * known up front (aheadSetup); the outputs are the same either way.
 * `early`: a lengths-only worker already started on the log (earlyAhead), used or stopped here. */
export function compressAhead(impl: Implementation, input: ReplayInput, o: AheadOptions,
  early: CompressAhead | null): CompressAhead | null {
  const s = impl instanceof ModelImplementation ? impl.deviceState : null;
  const lengthsOnly = s?.deps.payload === 'reference';
  if (early && !lengthsOnly) early.stop();
  if (!s || !input.logPath) return null;
  if (s.deps.payload === 'original') return null; // lengths only: nothing to hand over
  const setup = early && lengthsOnly ? null : aheadSetup(o, input.logPath);
  const a = early && lengthsOnly ? early
    : setup && startCompressAhead(input.logPath, setup.alg, lengthsOnly, { params: setup.params, lanes: setup.lanes });
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
  const setup = aheadSetup(o, o.input);
  if (setup === null) return null;
  // it reads the whole file: it hashes it after
  return startCompressAhead(o.input, setup.alg, true, { hash: true, params: setup.params, lanes: setup.lanes });
}
