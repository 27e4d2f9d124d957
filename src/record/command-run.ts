// An external command under `record`: it runs in a freezer cgroup of its own (unless
// --no-freeze), its writes are read back as they complete (--contents capture, the default),
// and each sample freezes it, waits until every write completed so far is read back, reads the
// kernel stats and thaws it.
import { spawn } from 'node:child_process';
import { FreezerGroup, freezerUnavailable, FREEZER_ROOT } from '../kernel/freezer';
import type { Capture } from './capture';
import { RecordUsageError } from './options';
import { unmountTarget } from './mounts';
import { Readback, ReadbackSummary, startReadback } from './readback';
import type { Session } from './recorder';
import { busyReasons, deviceMountPoints } from './safety';
import { readStats, StatSample } from './sampler';

export interface CommandRun {
  readonly freezer: FreezerGroup | null;
  readonly readback: Readback | null;
  /** Samples taken with the command frozen (a task stuck in uninterruptible sleep can prevent it). */
  frozenSamples: number;
}

/** The freezer group first (bad input stops here, before any tracing), then nothing else. */
export function makeFreezer(s: Session): FreezerGroup | null {
  if (!s.opts.freeze) return null;
  const root = s.opts.freezerRoot ?? FREEZER_ROOT;
  const why = freezerUnavailable(root);
  if (why) {
    throw new RecordUsageError(`${why}: mount one (mount -t cgroup -o freezer freezer ${root}) or give --no-freeze`);
  }
  const g = FreezerGroup.create(`zram-ref-${process.pid}`, root);
  s.live.freezer = g;
  s.live.state!.state.freezer = g.dir;
  s.live.state!.save();
  return g;
}

export async function startCommandCapture(s: Session, cap: Capture, disksize: number,
  freezer: FreezerGroup | null): Promise<CommandRun> {
  let readback: Readback | null = null;
  if (s.opts.contents === 'capture') {
    readback = await startReadback({ devPath: `/dev/${s.dev}`, disksize, source: cap.followSource(), ops: s.ops,
      pages: s.pages });
    s.live.readback = readback;
  }
  return { freezer, readback, frozenSamples: 0 };
}

/** One sample: freeze, drain the read-back, read, thaw. `quiet` when frozen and drained. */
export async function commandSample(s: Session, run: CommandRun, label: string): Promise<StatSample> {
  const frozen = run.freezer ? await run.freezer.freeze() : false;
  try {
    await run.readback?.drain();
    const sample = readStats(s.dev, label, frozen);
    if (frozen) run.frozenSamples++;
    return sample;
  } finally {
    if (frozen) run.freezer!.thaw();
  }
}

/** Runs argv with $DEV set; inside the freezer group from before its exec on. */
export function runCommand(s: Session, argv: readonly string[], freezer: FreezerGroup | null): Promise<number> {
  const devPath = `/dev/${s.dev}`;
  const [cmd, args] = freezer
    ? ['sh', ['-c', 'echo $$ > "$0" && exec "$@"', freezer.procsFile, ...argv]]
    : [argv[0], argv.slice(1)];
  const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true,
    env: { ...process.env, DEV: devPath, ZRAM_DEV: devPath } });
  s.live.command = child;
  return new Promise((resolve) => {
    child.on('error', (e) => { s.opts.log?.(`cannot run ${argv[0]}: ${e.message}`); resolve(127); });
    child.on('exit', (code, sig) => resolve(code ?? 128 + (sig ? 15 : 0)));
  });
}

/** After the end sample: the read-back's last reads (before the capture stops), the group gone. */
export async function finishCommand(s: Session, run: CommandRun): Promise<ReadbackSummary | null> {
  const summary = run.readback ? await run.readback.stop() : null;
  s.live.readback = null;
  if (run.freezer) {
    const errors = run.freezer.destroy();
    if (errors.length) throw new Error(errors.join('; '));
    s.live.freezer = null;
    s.live.state!.state.freezer = null;
    s.live.state!.save();
  }
  return summary;
}

/** A command must leave the device free (the recorder resets it next). On a device this recording
 * created, the command's mounts are undone so the device can still go; the recording fails. */
export function leftBusy(s: Session): string | null {
  const why = busyReasons({ dev: s.dev, created: true, force: true }, false); // leftover processes die with the group
  if (why.length === 0) return null;
  const undone: string[] = [];
  if (s.live.createdDevice !== null) {
    for (const m of deviceMountPoints(s.dev).reverse()) {
      try { unmountTarget(m); undone.push(m); } catch (e) { why.push((e as Error).message); }
    }
  }
  const note = undone.length ? ` (unmounted ${undone.join(', ')} so the device can be removed)` : '';
  return `the command left /dev/${s.dev} busy: ${why.join('; ')}${note}; a command must unmount what it mounts`;
}
