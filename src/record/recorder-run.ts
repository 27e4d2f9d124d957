// The traced part of a recording: I/O threads up, capture on, start sample, workload or command with
// periodic samples, end sample, capture off with its loss check, and the end image.
import { BundleDir } from './bundle-write';
import { Capture, CaptureSummary } from './capture';
import { CommandRun, commandSample, finishCommand, makeFreezer, runCommand, startCommandCapture } from './command-run';
import { readAttr } from './device';
import { SparseImage, readSparseImage } from './image';
import { RecordUsageError } from './options';
import type { Session } from './recorder';
import type { ReadbackSummary } from './readback';
import { monoNow, readStats } from './sampler';
import { ShrinkerTrace, type ShrinkerCapture } from './shrinker-trace';
import { runWorkload, startThreads, threadsNeeded, WorkloadFailed } from './workload-run';
import { WorkloadError, WorkloadStep } from './workload-types';
import { swapPrecheck, type SwapContext } from './workload-swap';
import { SwapCommand } from './swap-command';
import { takeSwapLock } from './swap-session';
import { finishWorkloadCapture, startWorkloadCapture, type WorkloadCapture } from './workload-capture';

export interface BodyResult {
  readonly capture: CaptureSummary;
  readonly failure: string | null;
  readonly commandExit: number | null;
  readonly image: SparseImage | null;
  readonly disksize: number;
  readonly durationNs: bigint;
  readonly shrinker: ShrinkerCapture | string;
  readonly readback: ReadbackSummary | null;
  readonly frozenSamples: number | null;   // command recordings in a freezer group
}

function checkExtent(steps: readonly WorkloadStep[], file: string, disksize: number): void {
  for (const s of steps) {
    const [field, end] = 'start' in s ? ['size', s.start + s.size] : 'off' in s ? ['len', s.off + s.len] : ['', 0];
    if (end > disksize) throw new WorkloadError(file, s.line, field as string, `ends at byte ${end}, beyond the disksize ${disksize}`);
  }
}

/** Samples are serialised; a workload's first waits until no request is in flight (and, with swap,
 * drains the read-back), a command's freezes the command and drains the read-back (command-run.ts). */
function sampler(s: Session, run: CommandRun | null, wl: WorkloadCapture | null): (label: string) => Promise<void> {
  let chain = Promise.resolve();
  return (label) => {
    chain = chain.then(async () => {
      if (run) { s.samples.push(await commandSample(s, run, label)); return; }
      await s.gate.pauseAll();
      try {
        await wl?.readback.drain();
        s.samples.push(readStats(s.dev, label, true));
      } finally { s.gate.resume(); }
    });
    return chain;
  };
}

async function startCapture(s: Session, bundle: BundleDir): Promise<Capture> {
  const st = s.live.state!.state;
  const follow = (): void => { st.tracefs = cap.undoInfo(); s.live.state!.save(); };
  const cap = new Capture(s.dev, bundle.tmp, { bufferSizeKb: s.opts.bufferSizeKb, tryBlktrace: s.opts.tryBlktrace,
    onUndoChange: follow });
  s.live.capture = cap;
  st.tracedDevice = s.dev;
  s.live.state!.save();
  cap.start();
  st.tracefs = cap.undoInfo();
  st.blktracePid = cap.blktracePid;
  s.live.state!.save();
  return cap;
}

function timers(s: Session, cap: Capture, sample: (l: string) => Promise<void>): () => void {
  const ids: NodeJS.Timeout[] = [];
  if (s.opts.intervalMs > 0) ids.push(setInterval(() => { void sample('interval'); }, s.opts.intervalMs));
  const t0 = Date.now();
  if (s.opts.onProgress) {
    ids.push(setInterval(() => {
      const p = cap.progress();
      s.opts.onProgress!({ elapsedMs: Date.now() - t0, bios: Math.floor(p.records / 2), lost: p.lost });
    }, 250));
  }
  return () => ids.forEach(clearInterval);
}

/** What swap steps need from the recording: the device, the state file, the signal teardown. */
function swapContext(s: Session, disksize: number, wl: WorkloadCapture | null): SwapContext {
  const st = s.live.state!;
  return {
    host: { dev: s.dev, deviceCreated: s.live.createdDevice !== null, disksize, ops: s.ops,
      save: (undo) => { st.state.swap = undo; st.save(); }, lock: s.live.swapLock ?? undefined, log: s.opts.log },
    gate: s.gate,
    drain: async () => { await wl?.readback.drain(); },
    onSession: (x) => { s.live.swap = x; },
  };
}

async function runMain(s: Session, sample: (l: string) => Promise<void>, run: CommandRun | null, disksize: number,
  wl: WorkloadCapture | null):
  Promise<{ failure: string | null; exit: number | null }> {
  if (s.opts.workload) {
    try {
      await runWorkload(s.opts.workload, s.live.helpers, { devName: s.dev, devPath: `/dev/${s.dev}`, ops: s.ops,
        pages: s.pages, gate: s.gate, sample, stop: s.stop, swap: swapContext(s, disksize, wl),
        onStep: (line) => { if (wl) wl.step.line = line; } });
      return { failure: null, exit: null };
    } catch (e) {
      if (e instanceof WorkloadFailed) return { failure: `workload failed: ${e.message}`, exit: null };
      throw e;
    }
  }
  const swap = s.opts.swapLimit === undefined ? null : await SwapCommand.start(swapContext(s, disksize, wl).host,
    s.opts.swapLimit);
  s.live.swap = swap?.session ?? null;
  const exit = await runCommand(s, swap ? swap.wrap(s.opts.command!) : s.opts.command!, run?.freezer ?? null);
  s.live.command = null;
  const ooms = swap ? swap.session.memcg.oomKills() : 0;
  if (swap) {
    await swap.finish();
    s.live.swap = null;
  }
  const oom = ooms ? ` (the memory cgroup's OOM killer killed ${ooms} of its processes: raise --swap-limit)` : '';
  return { failure: exit === 0 ? null : `command exited with status ${exit}${oom}`, exit };
}

export async function runBody(s: Session): Promise<BodyResult> {
  const disksize = Number(readAttr(s.dev, 'disksize').trim());
  if (disksize === 0) throw new RecordUsageError(`/dev/${s.dev} has no disksize: give --disksize`);
  if (s.opts.swapLimit !== undefined || s.opts.workload?.steps.some((x) => x.verb === 'swap')) {
    s.live.swapLock = await takeSwapLock(s.opts.log); // /proc/swaps is checked holding it
  }
  if (s.opts.workload) {
    checkExtent(s.opts.workload.steps, s.opts.workload.file, disksize);
    const why = swapPrecheck(s.opts.workload.steps, s.dev, s.live.createdDevice !== null, disksize);
    if (why) throw new RecordUsageError(why);
    s.live.helpers = await startThreads(threadsNeeded(s.opts.workload), `/dev/${s.dev}`);
  }
  if (s.opts.swapLimit !== undefined) {
    const why = SwapCommand.refusal(s.dev, s.live.createdDevice !== null);
    if (why) throw new RecordUsageError(why);
  }
  const freezer = s.opts.command ? makeFreezer(s) : null;
  const bundle = new BundleDir(s.opts.output);
  s.live.bundle = bundle;
  s.live.state!.state.tmpDir = bundle.tmp;
  const cap = await startCapture(s, bundle);
  const run = s.opts.command ? await startCommandCapture(s, cap, disksize, freezer) : null;
  const shrinkerTrace = ShrinkerTrace.start('mono');
  if (typeof shrinkerTrace !== 'string') s.live.shrinkerTrace = shrinkerTrace;
  const wl = await startWorkloadCapture(s, cap, disksize);
  const sample = sampler(s, run, wl);
  s.initialMmStat = readAttr(s.dev, 'mm_stat');
  await sample('start');
  const stopTimers = timers(s, cap, sample);
  let main;
  try { main = await runMain(s, sample, run, disksize, wl); } finally { stopTimers(); }
  await sample('end');
  const readback = run ? await finishCommand(s, run) : wl ? await finishWorkloadCapture(s, wl) : null;
  const shrinker = typeof shrinkerTrace === 'string' ? shrinkerTrace : shrinkerTrace.stop(); // before tracefs may go
  s.live.shrinkerTrace = null;
  const capture = await cap.stop();
  s.live.state!.state.tracefs = cap.undoInfo(); // null unless an unmount failed
  s.live.state!.save();
  let failure = main.failure;
  if (capture.lost > 0 && !s.opts.allowLoss) failure ??= `${capture.lost} trace events were lost (use --allow-loss to keep such a recording)`;
  if (!capture.drained) failure ??= 'the trace buffers did not drain';
  const image = s.opts.command && s.opts.contents === 'image' ? readSparseImage(`/dev/${s.dev}`, disksize) : null;
  return { capture, failure, commandExit: main.exit, image, disksize, durationNs: monoNow() - s.started, shrinker,
    readback, frozenSamples: run?.freezer ? run.frozenSamples : null };
}
