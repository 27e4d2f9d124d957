// Partial-order reduction (src/explore/reduce.ts): the same outcomes and findings as the full
// exploration on every shipped scenario and on seeded random ones, from fewer states; and the
// independence it relies on, checked by running both orders of every independent pair.
import { getLifetime } from '../../src/device/lifetime';
import { explore, parseScenario } from '../../src/explore';
import { deviceKey } from '../../src/explore/device-key';
import { conflicts } from '../../src/explore/footprint';
import type { Exploration } from '../../src/explore/explore';
import { runInit } from '../../src/explore/init';
import { footprints } from '../../src/explore/reduce';
import type { Scenario } from '../../src/explore/scenario';
import { advance, defaultDeps, newMachine, rebuild, status, type Side } from '../../src/explore/side';
import { randomScenario } from './random-scenario';
import { load, shipped } from './scenarios';

const VARIANTS = ['claim', 'refcount', 'refcount-nowake', 'init-lock'];
const BIG = ['four-openers.scn', 'four-writers.scn'];
const outcomes = (ex: Exploration): string[] => ex.outcomes.map((g) => g.texts[0]).sort();
const findings = (ex: Exploration): string[] => [...new Set(ex.findings.map((f) => `${f.kind} ${f.detail}`))].sort();

function same(sc: Scenario, v: string): { full: Exploration; reduced: Exploration } {
  const full = explore(sc, [v]);
  const reduced = explore(sc, [v], undefined, undefined, 'reduced');
  expect(reduced.reduced).toBe(true);
  expect(outcomes(reduced)).toEqual(outcomes(full));
  expect(findings(reduced)).toEqual(findings(full));
  expect(reduced.nodes).toBeLessThanOrEqual(full.nodes);
  expect(reduced.interleavings).toBeLessThanOrEqual(full.interleavings);
  return { full, reduced };
}

describe('partial-order reduction', () => {
  // The 4x4 scenarios: refcount here, claim in the test below (each full exploration takes seconds).
  const cases = shipped().flatMap((f) => (BIG.includes(f) ? ['refcount'] : VARIANTS).map((v) => [f, v]));
  test.each(cases)('%s under %s: identical outcomes and findings with and without reduction', (file, v) => {
    same(load(file), v);
  });

  test.each(BIG)('%s (4 threads x 4 steps) explores in a tenth of the states or fewer under claim', (file) => {
    const sc = load(file);
    expect(sc.threads.map((t) => t.steps.length)).toEqual([4, 4, 4, 4]);
    const { full, reduced } = same(sc, 'claim');
    expect(full.interleavings).toBe(63_063_000n);
    if (file === 'four-writers.scn') expect(reduced.nodes * 5).toBeLessThan(full.nodes);
    else expect(reduced.nodes).toBeLessThan(full.nodes);
  });

  const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i * 7919);
  test.each(SEEDS)('random scenario, seed %d: identical outcomes and findings in every design', (seed) => {
    const sc = parseScenario(randomScenario(seed), `random-${seed}`);
    for (const v of VARIANTS) same(sc, v);
  });

  const diamondCases: (string | number)[] = [...SEEDS.slice(0, 12), ...shipped().filter((f) => !BIG.includes(f))];
  test.each(diamondCases)('steps called independent commute and stay enabled at every reachable state (%s)', (which) => {
    const sc = typeof which === 'number' ? parseScenario(randomScenario(which), `random-${which}`) : load(which);
    for (const v of VARIANTS) expect(checkDiamonds(sc, v)).toEqual([]);
  });

  test('the diamond checks above did check pairs', () => {
    expect(pairsChecked).toBeGreaterThan(100);
  });
});

let pairsChecked = 0;

/** Every reachable state (no merging beyond equal keys), every pair of runnable threads whose
 * next steps do not conflict: both orders must run and end in the same state. */
function checkDiamonds(sc: Scenario, v: string): string[] {
  const m = newMachine(sc, getLifetime(v), defaultDeps);
  const bad: string[] = [];
  const key = (side: Side): string =>
    JSON.stringify([side.pcs, side.fds, side.results]) + deviceKey(rebuild(m, side), true);
  const ready = (side: Side, t: number): boolean => status(m, side, rebuild(m, side), t).kind === 'ready';
  const step = (side: Side, t: number): Side => advance(m, side, rebuild(m, side), sc.threads[t].steps[side.pcs[t]]);
  const seen = new Set<string>();
  const todo: Side[] = [runInit(m).side];
  while (todo.length > 0) {
    const side = todo.pop()!;
    const k = key(side);
    if (seen.has(k)) continue;
    seen.add(k);
    const runnable = sc.threads.map((_, t) => t).filter((t) => ready(side, t));
    const fp = footprints(m, side, rebuild(m, side));
    for (const t of runnable) {
      todo.push(step(side, t));
      for (const u of runnable) {
        if (u <= t || conflicts(fp.next(t), fp.next(u))) continue;
        pairsChecked++;
        const a = step(side, t);
        const b = step(side, u);
        if (!ready(a, u) || !ready(b, t) || key(step(a, u)) !== key(step(b, t))) {
          bad.push(`${v}: threads ${sc.threads[t].name} and ${sc.threads[u].name} at ${JSON.stringify(side.pcs)}`);
        }
      }
    }
  }
  return bad;
}
