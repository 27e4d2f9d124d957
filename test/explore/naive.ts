// A deliberately naive explorer for checking the real one: depth-first over every interleaving,
// nothing merged, each run kept with its order of steps and its results.

import { kernelDeps } from '../../src/device/deps';
import { getLifetime } from '../../src/device/lifetime';
import { runInit } from '../../src/explore/init';
import { outcomeText } from '../../src/explore/outcome-text';
import { stepLabel, type Scenario } from '../../src/explore/scenario';
import { advance, newMachine, rebuild, status, type Machine, type Side } from '../../src/explore/side';

export interface Run {
  readonly order: string[];              // step labels in the order they ran
  readonly side: Side;
  readonly text: string;                 // the outcome text the explorer groups on
  readonly findings: string[];
  result(thread: string, step: string): string | null;
}

export function allRuns(sc: Scenario, variant: string): Run[] {
  const m: Machine = newMachine(sc, getLifetime(variant), kernelDeps);
  const out: Run[] = [];
  const visit = (side: Side, order: string[]): void => {
    const dev = rebuild(m, side);
    const sts = sc.threads.map((_, t) => status(m, side, dev, t));
    const ready = sts.map((s, t) => (s.kind === 'ready' ? t : -1)).filter((t) => t >= 0);
    if (ready.length === 0) {
      const result = (thread: string, step: string): string | null => {
        const src = sc.sources.findIndex((s) => s.thread === sc.threads.findIndex((t) => t.name === thread) && s.text === step);
        return side.results[src];
      };
      out.push({ order, side, text: outcomeText(m, side, dev, sts), findings: dev.meta.findings.map((f) => f.kind), result });
      return;
    }
    for (const t of ready) {
      const st = sc.threads[t].steps[side.pcs[t]];
      visit(advance(m, side, rebuild(m, side), st), [...order, stepLabel(sc, st)]);
    }
  };
  visit(runInit(m).side, []);
  return out;
}

/** Position of a step label in a run's order (-1 if it never ran). */
export const at = (r: Run, label: string): number => r.order.indexOf(label);
