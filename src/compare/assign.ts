// Which worker thread folds which configuration. Configurations with the same algorithm and
// params go to the same thread where the work allows: there they read each batch one after the
// other, so all but the first find every length in the memo (on two threads they run side by
// side and both compress the same page at nearly the same time). Whole groups are placed
// largest first on the least loaded thread; then, while it shortens the longest thread, part of
// its largest group moves to the least loaded one (four mem_limits of one algorithm on two
// threads: two and two). Cost model from the compare-k profile (lz4/lzo, mixed pages): a
// group's compression costs about as much as the rest of one fold.
import type { CompareConfig } from '../replay/compare-config';

const GROUP_COST = 1;
const FOLD_COST = 1;

export const groupKey = (c: CompareConfig): string => `${c.knobs.algorithm ?? ''}|${c.knobs.params ?? ''}`;

type Thread = Map<string, number[]>; // group -> its configurations on this thread

const cost = (t: Thread): number => [...t.values()].reduce((a, m) => a + GROUP_COST + FOLD_COST * m.length, 0);

/** The thread (0 .. threads-1) of each configuration, in their order. */
export function assignThreads(configs: readonly CompareConfig[], threads: number): number[] {
  const groups = new Map<string, number[]>();
  configs.forEach((c, i) => groups.set(groupKey(c), [...(groups.get(groupKey(c)) ?? []), i]));
  const ts: Thread[] = Array.from({ length: threads }, () => new Map());
  const least = (): Thread => ts.reduce((a, t) => (cost(t) < cost(a) ? t : a));
  for (const [g, members] of [...groups].sort((a, b) => b[1].length - a[1].length || a[1][0] - b[1][0])) {
    least().set(g, members);
  }
  for (let moves = 0; moves < configs.length; moves++) {
    const long = ts.reduce((a, t) => (cost(t) > cost(a) ? t : a));
    const short = least();
    const [g, members] = [...long].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
    if (members.length < 2 || short.has(g)) break;
    const after = (k: number) => Math.max(cost(long) - FOLD_COST * k, cost(short) + GROUP_COST + FOLD_COST * k);
    let k = 1;
    for (let j = 2; j <= members.length / 2; j++) if (after(j) < after(k)) k = j;
    if (after(k) >= cost(long)) break;
    long.set(g, members.slice(0, members.length - k));
    short.set(g, members.slice(members.length - k));
  }
  const out = new Array<number>(configs.length).fill(0);
  ts.forEach((t, n) => { for (const members of t.values()) for (const i of members) out[i] = n; });
  return out;
}
