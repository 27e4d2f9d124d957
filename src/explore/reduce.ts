// Partial-order reduction (ample sets) for a one-design exploration. At a state, instead of
// running every thread that can run, run only the threads of a set T such that
//   (1) every thread in T can run now, and
//   (2) no step that any thread outside T may still take (from its position on) conflicts with
//       the next step of a thread in T (footprint.ts).
// Why this loses no outcome: take any complete run from this state. Until some thread of T
// moves, only threads outside T run, and by (2) each of their steps is independent of the next
// steps of T: it neither disables them nor changes their effect. So the next steps of T stay
// enabled and the run cannot end before one of them runs (an outcome is a state where no thread
// can run). Let a be the first of them to run; by independence it can be swapped, step by step,
// in front of the steps before it, giving a run that starts with a, reaches the same final state
// and is explored from here. Every run is finite (each step advances a thread), so by induction
// every final state, hence every outcome and every finding (findings are kept in the state),
// is reached. No cycle proviso is needed: the state graph is acyclic.
import type { LifetimeName } from '../device/lifetime/types';
import { initDone, type DeviceState } from '../device/state';
import { conflicts, footprint, NOTHING, type Footprint } from './footprint';
import type { Scenario } from './scenario';
import { noOp, type Machine, type Side, type Status } from './side';

/** Footprints of each step that does work, per lifetime and initial-reference state. */
const cache = new WeakMap<Scenario, Map<string, Footprint[]>>();

function stepPrints(sc: Scenario, lifetime: LifetimeName, held: boolean): Footprint[] {
  let byLt = cache.get(sc);
  if (!byLt) cache.set(sc, (byLt = new Map()));
  const k = `${lifetime} ${held}`;
  let fps = byLt.get(k);
  if (!fps) byLt.set(k, (fps = sc.steps.map((st) => footprint(sc, lifetime, st, held))));
  return fps;
}

/** Footprint of each thread's next step at this state (NOTHING for a no-op) and of the steps
 * after it. The next step is exact about no-ops: whether a step is a no-op depends only on its
 * own thread's fd and results, which no other thread changes. Later steps count as doing work. */
export function footprints(m: Machine, side: Side, dev: DeviceState):
  { next(t: number): Footprint; later(t: number): Footprint[] } {
  const fps = stepPrints(m.sc, m.lt.name, initDone(dev) && !dev.meta.initialRefDropped);
  const threads = m.sc.threads;
  return {
    next(t) {
      const st = threads[t].steps[side.pcs[t]];
      return noOp(m, side, st) !== null ? NOTHING : fps[st.id];
    },
    later: (t) => threads[t].steps.slice(side.pcs[t] + 1).map((st) => fps[st.id]),
  };
}

/**
 * The threads to run from this state: a smallest set T meeting (1) and (2), or every thread that
 * can run when no smaller set does. `ready` lists the threads that can run now.
 */
export function ampleThreads(m: Machine, side: Side, dev: DeviceState, sts: readonly Status[],
  ready: readonly number[]): number[] {
  if (ready.length <= 1) return [...ready];
  const fp = footprints(m, side, dev);
  const rest = (u: number): Footprint[] => [fp.next(u), ...fp.later(u)];
  const live = m.sc.threads.map((th, u) => side.pcs[u] < th.steps.length);
  let best: number[] = [...ready];
  for (const start of ready) {
    const set = closure(start, live, fp.next, rest);
    if (set.every((t) => sts[t].kind === 'ready') && set.length < best.length) best = set;
  }
  return best.sort((a, b) => a - b);
}

/** T: start, plus every thread with a remaining step that conflicts with a next step in T. */
function closure(start: number, live: readonly boolean[], next: (t: number) => Footprint,
  rest: (u: number) => Footprint[]): number[] {
  const inT = new Set([start]);
  const work = [start];
  while (work.length > 0) {
    const fp = next(work.pop()!);
    for (let u = 0; u < live.length; u++) {
      if (inT.has(u) || !live[u] || !rest(u).some((r) => conflicts(fp, r))) continue;
      inT.add(u);
      work.push(u);
    }
  }
  return [...inT];
}
