// One replay from an input file to outputs files and a report: input → contents → what-if knobs
// → checks → implementation → outputs (+ timing) and the report, all as one stream. Outputs are
// written to temporary files and renamed at the end, so a failed replay leaves nothing behind.
import { KERNEL_CONFIGS, builtInBackends, isKernelConfig, type KernelConfig } from '../compress/profile';
import { loadBackends } from '../compress/registry';
import type { EventStore } from '../log/event-store';
import { LogFileStore } from '../log/log-file-store';
import { ALL_COMP_ALGORITHMS } from '../compress/types';
import type { Recorded, ZramEvent } from '../events/types';
import { foldStart, withSnapshots } from '../fold/fold-start';
import { foldKey, snapshotDir, SnapshotFiles } from '../fold/snapshot-file';
import { ReportBuilder } from '../report/builder';
import type { Report } from '../report/model';
import { BadInputError } from './bad-input';
import { VERSION } from '../version';
import { fillContent, parseContentMode } from './content-fill';
import type { Implementation } from './implementation';
import { inputChecker } from './input-check';
import { corruptLog, openInput, type ReplayInput } from './input';
import { compressAhead, earlyAhead, referencePages } from './fold-pages';
import { applyKnobs, type Knobs } from './knobs';
import { LineFile } from './line-file';
import {
  OUTPUTS_FORMAT, OUTPUTS_VERSION, bioLineInto, bioLineMaxBytes, formatRecord, type OutputEnd, type OutputRecord,
  type ReplayOptionsRecord,
} from './outputs';
import { formatLosses, type InputLosses } from './losses';
import { runReplay } from './run';
import { ModelImplementation } from './model-implementation';
import { HeldOutputs } from './held-outputs';
import { bioTimingInto, bioTimingMaxBytes, formatTiming, timingPathFor, type TimingRecord } from './timing';

export interface SessionOptions {
  readonly input: string;
  readonly out?: string;                // outputs file; its timing goes to OUT.timing.jsonl
  readonly knobs: Knobs;
  /** The kernel build profile the model runs as (--kernel-config); default 'default'. */
  readonly kernelConfig?: string;
  readonly variant: string;
  readonly content: string;             // exact | synthetic:SPEC | image:FILE
  readonly every: number;
  readonly pace?: boolean;
  /** Creates the implementation once the input is known to open. */
  readonly target: () => Promise<Implementation>;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onWarning?: (message: string) => void;
  /** Outputs from event `from` on (model only): the fold starts at the latest snapshot at or
   * before it; outputs of earlier events are dropped. They equal the tail of a full replay's. */
  readonly from?: number;
  /** Save a fold snapshot (beside the log) every this many events; 0 or absent: none. */
  readonly snapshotEvery?: number;
  /** Replay a bundle whose trace is damaged (what was decoded) instead of refusing it. */
  readonly allowDamage?: boolean;
  /** Keep compressed bytes and decompress them on every read, as the kernel does (slower; the
   * outputs are the same): otherwise a model fold over a log keeps content keys, not bytes. */
  readonly roundTrip?: boolean;
  /** Threads for a model fold over a log: the fold's and jobs - 1 compressing ahead (fold-pages.ts);
   * absent: one per core beside the fold's, none for a small log. */
  readonly jobs?: number;
  /** `input` already opened by the caller (compare opens it once for all its folds); not closed here. */
  readonly opened?: ReplayInput;
}

export function optionsRecord(o: SessionOptions): ReplayOptionsRecord {
  const k = o.knobs;
  return { algorithm: k.algorithm ?? '', params: k.params ?? '', disksize: k.disksize ?? '', memLimit: k.memLimit ?? '',
    variant: o.variant, content: o.content, every: o.every, kernelConfig: o.kernelConfig ?? 'default' };
}

/** The profile must exist, and a what-if algorithm must be built into it. */
export function checkKernelConfig(name: string | undefined, k: Knobs): KernelConfig {
  const cfg = name ?? 'default';
  if (!isKernelConfig(cfg)) {
    throw new BadInputError(`--kernel-config '${cfg}': expected one of ${Object.keys(KERNEL_CONFIGS).join(', ')}`);
  }
  const built = builtInBackends(cfg);
  if (k.algorithm !== undefined && !(built as readonly string[]).includes(k.algorithm)) {
    const hint = (ALL_COMP_ALGORITHMS as readonly string[]).includes(k.algorithm)
      ? ` (${k.algorithm} is not built into this kernel: add --kernel-config all-backends for a what-if)` : '';
    throw new BadInputError(`--algorithm '${k.algorithm}': expected one of ${built.join(', ')}${hint}`);
  }
  if (k.params !== undefined && /(^|\s)dict=/.test(k.params)) {
    throw new BadInputError(`--param '${k.params}': dict= is not modelled (the kernel loads the file into a zstd/lz4 `
      + 'dictionary the model does not have); drop it');
  }
  return cfg;
}

export async function replaySession(o: SessionOptions):
  Promise<{ report: Report; end: OutputEnd; startedAt: number; losses: InputLosses | null; impl: Implementation }> {
  const cfg = checkKernelConfig(o.kernelConfig, o.knobs);
  if (cfg !== 'default') await loadBackends();
  const mode = parseContentMode(o.content);
  const from = o.from ?? 0;
  const early = earlyAhead(o, mode);
  let ahead = early;
  let input: ReplayInput;
  try {
    input = o.opened ?? await openInput(o.input, o.content,
      { allowDamage: o.allowDamage, unscanned: true, digest: early?.digest ?? undefined });
  } catch (e) {
    early?.close();
    throw e;
  }
  for (const w of input.warnings ?? []) o.onWarning?.(w);
  const held = input.pendingDigest ? new HeldOutputs(input.pendingDigest) : null;
  let files: { out: LineFile; timing: LineFile } | null = null;
  const builder = new ReportBuilder();
  let impl: Implementation | null = null;
  try {
    if (o.out) files = { out: new LineFile(o.out), timing: new LineFile(timingPathFor(o.out)) };
    const store = input.store!;
    if (from > 0 && from > version(input)) throw new BadInputError(`--from ${from}: ${input.name} has only ${version(input)} events`);
    // snapshots are keyed by the digest: wait for it
    const snaps = from > 0 || o.snapshotEvery ? snapshotFiles(input, held ? await held.settle() : input.digest, o) : null;
    impl = await o.target();
    // a real device is never handed the first part of a damaged log: scan it first
    if (!(impl instanceof ModelImplementation)) version(input);
    if (!snaps && mode.kind === 'exact' && !o.roundTrip) referencePages(impl, store);
    const start = foldStart(impl, from, snaps, o.variant);
    impl = start.impl;
    const st = start.state;
    ahead = compressAhead(impl, input, o, early);
    const every = o.snapshotEvery ?? 0;
    // a snapshot every K events, and one at --from when the fold had to get there the long way
    const save = (n: number): boolean => (every > 0 && n % every === 0) || (n === from && start.at < from);
    // a fold keeping content keys copies no page: each event's pages may be transient
    const transient = store instanceof LogFileStore && impl instanceof ModelImplementation
      && impl.deviceState.deps.payload === 'reference';
    const events0 = transient ? (store as LogFileStore).readSync(start.at, true) : store.readSync(start.at);
    const source = withSnapshots(events0, start, snaps, save);
    const seen: string[] = [];
    const events = applyKnobs(fillContent(source, mode, st?.fill), o.knobs, st?.knobs);
    const check = inputChecker(st?.check);
    const kept = (seq: number): boolean => seq >= from;
    const output = (r: OutputRecord): void => {
      if (from > 0 && !keepRecord(r, kept)) return; // (a whole replay keeps all: no test per record)
      builder.add(r);
      if (!('header' in r) || !held) {
        // a bio's line (one per bio) goes into the file's buffer without a string; any other as text
        const encoded = 'bio' in r && files?.out.encode(bioLineMaxBytes(r.bio), bioLineInto, r.bio);
        if (!encoded) files?.out.write(formatRecord(r));
        return;
      }
      // the digest comes later: its place is kept by a placeholder of the same length
      files?.out.reserveFirst(formatRecord({ header: { ...r.header, inputDigest: `sha256:${'0'.repeat(64)}` } }));
      held.run(() => { r.header.inputDigest = held.digest; files?.out.writeFirst(formatRecord(r)); });
    };
    const timing = (t: TimingRecord): void => {
      if (from > 0 && 'bio' in t && !kept(t.bio.seq)) return;
      builder.addTiming(t);
      const encoded = 'bio' in t && files?.timing.encode(bioTimingMaxBytes(t.bio), bioTimingInto, t.bio);
      if (!encoded) files?.timing.write(formatTiming(t));
    };
    // a log opened unscanned is checked as it is read: damage met on the way is bad input
    const end = await runReplay(impl, events, { output, timing }, {
      header: { format: OUTPUTS_FORMAT, version: OUTPUTS_VERSION, toolVersion: VERSION, inputDigest: input.digest,
        inputName: input.name, options: optionsRecord(o) },
      every: o.every, pace: o.pace, state: st?.driver, digests: files ? 'all' : 'end',
      check: (r) => { check(r); noteAlgorithm(r, seen); },
      // events folded so far (input.progress() counts input.events, which a session does not read)
      // (every 1024th: the estimate costs more than an event's fold)
      onEvent: o.onProgress ? (n) => { if ((n & 1023) === 0) o.onProgress!(n, eventsEstimate(store, n)); } : undefined,
    }).catch((e: unknown) => { throw corruptLog(input.logPath ?? input.name, e); });
    await held?.settle();
    const losses = input.losses?.() ?? null;
    const lost = losses ? formatLosses(losses) : '';
    if (lost) o.onWarning?.(lost);
    files?.out.commit();
    files?.timing.commit();
    builder.setAlgorithmsSeen(seen.filter((a) => (builtInBackends(cfg) as readonly string[]).includes(a)));
    const built = builder.build();
    // what ingest dropped is part of the report (replay --json, demo --json, compare) when known
    return { report: losses ? { ...built, input: losses } : built, end, startedAt: start.at, losses, impl };
  } finally {
    ahead?.close();
    if (early !== ahead) early?.close();
    files?.out.abort();
    files?.timing.abort();
    if (!o.opened) input.close();
    await impl?.close();
  }
}

/** The log's events; a damaged log (opened unscanned) is bad input. */
function version(input: ReplayInput): number {
  try {
    return input.store!.version;
  } catch (e) {
    throw corruptLog(input.logPath ?? input.name, e);
  }
}

/** The log's events for a progress bar: known, or estimated from the bytes read so far. */
function eventsEstimate(store: EventStore, done: number): number {
  if (!(store instanceof LogFileStore)) return store.version;
  const known = store.knownVersion;
  if (known !== null) return known;
  const p = store.readProgress();
  return p.done > 0 ? Math.max(done, Math.round((done * p.total) / p.done)) : done;
}

/** Notes the comp_algorithm an event stores, if any (for the report's tier). */
function noteAlgorithm(r: Recorded<ZramEvent>, seen: string[]): void {
  if (r.event.type !== 'AttrStored' || r.event.attr !== 'comp_algorithm') return;
  const alg = r.event.value.trim();
  if (!seen.includes(alg)) seen.push(alg);
}

/** Records of events before --from are dropped; the header, the end checkpoint and the end stay. */
function keepRecord(r: OutputRecord, kept: (seq: number) => boolean): boolean {
  if ('bio' in r) return kept(r.bio.seq);
  if ('event' in r) return kept(r.event.seq);
  if ('checkpoint' in r) return r.checkpoint.reason === 'end' || kept(r.checkpoint.seq);
  return true;
}

function snapshotFiles(input: ReplayInput, digest: string, o: SessionOptions): SnapshotFiles {
  const shape = { variant: o.variant, knobs: o.knobs, content: o.content, every: o.every, kernelConfig: o.kernelConfig ?? 'default' };
  return new SnapshotFiles(snapshotDir(input.logPath!), digest, foldKey(digest, shape, VERSION));
}
