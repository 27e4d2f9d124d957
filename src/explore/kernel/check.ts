// `explore SCENARIO --kernel N`: run the scenario N times on a private zram device, one real
// thread per scenario thread, and hold what the kernel shows against what the explorer predicts
// under `claim` (the design 6.18 runs). Every run starts from a reset device and the init steps.
import { explore } from '../explore';
import type { Scenario } from '../scenario';
import { statLine, formatOutcome } from '../outcome-text';
import { runInit } from '../init';
import { getLifetime } from '../../device/lifetime';
import { defaultDeps, newMachine } from '../side';
import type { DeviceLifecycle, PrivateDevice } from './device-lifecycle';
import { resultText, runInitCalls } from './observe';
import type { Plan } from './plan';
import { rng, runDelays } from './random';
import { RunTimeout, ThreadPool } from './runner';
import type { RunOrder, ThreadReport } from './worker-source';

export interface StepTiming {
  readonly step: string; readonly startUs: number; readonly endUs: number; readonly result: string;
}
export interface RunRecord {
  readonly run: number; readonly orders: readonly RunOrder[]; readonly steps: readonly StepTiming[];
}
export interface Observed {
  readonly text: string; count: number; readonly predicted: boolean; readonly example: RunRecord;
}
export interface Unobserved { readonly text: string; readonly needsSplitSyscall: boolean }

export interface KernelCheck {
  readonly scenario: string;
  readonly seed: number;
  readonly device: number;
  /** How many distinct outcomes claim predicts. */
  readonly predicted: number;
  runs: number;
  readonly observed: Observed[];
  unobserved: Unobserved[];
  /** Why the check stopped early: a stuck call, init that differs, an interrupt. */
  stopped: string | null;
  stuckRun: RunRecord | null;
  cleanup: string | null;
}

export interface CheckOptions {
  readonly runs: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly blkdiscard: string;
  readonly lifecycle: DeviceLifecycle;
  readonly progress?: (done: number) => void;
  readonly interrupted?: () => boolean;
}

const outcomeTexts = (sc: Scenario, orders: 'reduced' | 'whole-syscalls'): Set<string> =>
  new Set(explore(sc, ['claim'], undefined, undefined, orders).outcomes.map((g) => g.texts[0]));

/** `create` has already succeeded: the device is removed here, whatever happens. */
export async function checkAgainstKernel(sc: Scenario, plan: Plan, dev: PrivateDevice,
  o: CheckOptions): Promise<KernelCheck> {
  const predicted = outcomeTexts(sc, 'reduced');
  const initTexts = runInit(newMachine(sc, getLifetime('claim'), defaultDeps)).texts;
  const ck: KernelCheck = { scenario: sc.name, seed: o.seed, device: dev.id, predicted: predicted.size, runs: 0,
    observed: [], unobserved: [], stopped: null, stuckRun: null, cleanup: null };
  const pool = new ThreadPool(dev, plan.threads.map((t) => t.map((c) => c.op)), o.blkdiscard);
  const next = rng(o.seed);
  let stuck = false;
  try {
    for (let run = 1; run <= o.runs && ck.stopped === null; run++) {
      if (o.interrupted?.()) { ck.stopped = `interrupted after ${ck.runs} runs`; break; }
      const errno = o.lifecycle.store(dev, 'reset', '1');
      const init = runInitCalls(sc, o.lifecycle, dev, plan.init);
      if (errno !== null || init.join('; ') !== initTexts.join('; ')) {
        ck.stopped = `run ${run}: the device did not start as the explorer's init: ` +
          (errno ? `reset → ${errno}` : `${init.join('; ')} (explorer: ${initTexts.join('; ')})`);
        break;
      }
      const orders = runDelays(next, plan.threads.map((t) => t.length), run);
      try {
        const { goNs, reports } = await pool.run(orders, o.timeoutMs);
        const rec = { run, orders, steps: timings(sc, plan, reports, goNs) };
        tally(ck, sc, plan, dev, o.lifecycle, predicted, rec, reports);
      } catch (e) {
        if (!(e instanceof RunTimeout)) throw e;
        stuck = true;
        ck.stopped = `run ${run}: ${e.message} (a reset or bio stuck in the kernel?)`;
        ck.stuckRun = { run, orders, steps: [] };
      }
      ck.runs = run;
      o.progress?.(run);
    }
  } finally {
    await pool.close(stuck);
    ck.cleanup = await o.lifecycle.remove(dev, Math.max(5000, o.timeoutMs));
  }
  const seen = new Set(ck.observed.map((x) => x.text));
  const whole = outcomeTexts(sc, 'whole-syscalls');
  ck.unobserved = [...predicted].filter((t) => !seen.has(t)).sort()
    .map((text) => ({ text, needsSplitSyscall: !whole.has(text) }));
  return ck;
}

function tally(ck: KernelCheck, sc: Scenario, plan: Plan, dev: PrivateDevice, lc: DeviceLifecycle,
  predicted: Set<string>, rec: RunRecord, reports: readonly ThreadReport[]): void {
  const shown = new Map<number, string>();
  plan.threads.forEach((calls, t) => calls.forEach((c, i) =>
    shown.set(c.src, resultText(sc, c.op, reports[t].steps[i].r))));
  const text = formatOutcome(sc, (src) => shown.get(src) ?? 'not run',
    statLine(lc.read(dev, 'mm_stat')), statLine(lc.read(dev, 'io_stat')));
  const had = ck.observed.find((x) => x.text === text);
  if (had) had.count++;
  else ck.observed.push({ text, count: 1, predicted: predicted.has(text), example: rec });
}

function timings(sc: Scenario, plan: Plan, reports: readonly ThreadReport[], goNs: number): StepTiming[] {
  const us = (ns: number): number => Math.round((ns - goNs) / 100) / 10;
  return plan.threads.flatMap((calls, t) => calls.map((c, i) => {
    const s = reports[t].steps[i];
    return { step: `${sc.threads[t].name}.${sc.sources[c.src].text}`, startUs: us(s.t0), endUs: us(s.t1),
      result: resultText(sc, c.op, s.r) };
  })).sort((a, b) => a.startUs - b.startUs);
}
