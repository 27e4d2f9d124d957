// Which worker thread folds which configuration. Configurations with the same algorithm and
// params go to the same thread: there they read each batch one after the other, so all but the
// first find every length in the memo (on two threads they would run side by side and both
// compress the same page at nearly the same time). Groups are then spread to even out the
// work: a group's compression costs about twice a fold's other work (bench compare-k profile).
import type { CompareConfig } from '../replay/compare-config';

const GROUP_COST = 2;
const FOLD_COST = 1;

export const groupKey = (c: CompareConfig): string => `${c.knobs.algorithm ?? ''}|${c.knobs.params ?? ''}`;

/** The thread (0 .. threads-1) of each configuration, in their order. */
export function assignThreads(configs: readonly CompareConfig[], threads: number): number[] {
  const groups = new Map<string, number[]>();
  configs.forEach((c, i) => groups.set(groupKey(c), [...(groups.get(groupKey(c)) ?? []), i]));
  const load = new Array<number>(threads).fill(0);
  const out = new Array<number>(configs.length).fill(0);
  // largest groups first, each to the least loaded thread (the lowest-numbered on a tie)
  for (const members of [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0])) {
    const t = load.indexOf(Math.min(...load));
    load[t] += GROUP_COST + FOLD_COST * members.length;
    for (const i of members) out[i] = t;
  }
  return out;
}
