// How big a scenario may be. Exploration visits at most one node per combination of thread
// positions and results, so the cost grows with the product of (thread length + 1); the number
// of interleavings (the multinomial of the thread lengths) is what the user sees in the hint.
import { ScenarioError } from './errors';
import type { Thread } from './scenario';

export const MAX_STEPS = 16;
export const MAX_POSITIONS = 1_500;
/** Distinct states one exploration may visit (about 0.5 ms of CPU each): a scenario inside the
 * static limits can still branch into more, through results and allocation orders. */
export const MAX_STATES = 25_000;

/** Interleavings of threads of these lengths that keep each thread's order: (Σn)! / Π(n!). */
export function interleavingCount(lengths: readonly number[]): bigint {
  let total = 0n;
  let count = 1n;
  for (const n of lengths) {
    for (let k = 1n; k <= BigInt(n); k++) {
      total++;
      count = (count * total) / k; // stays exact: a running product of binomials
    }
  }
  return count;
}

const approx = (n: bigint): string => (n < 1_000_000n ? n.toString() : Number(n).toExponential(1));

export function checkLimits(threads: readonly Thread[], line: number): void {
  const lengths = threads.map((t) => t.steps.length);
  const steps = lengths.reduce((a, n) => a + n, 0);
  const positions = lengths.reduce((a, n) => a * (n + 1), 1);
  if (steps <= MAX_STEPS && positions <= MAX_POSITIONS) return;
  throw new ScenarioError(line, `too many steps to explore: ${steps} concurrent steps in ${threads.length} threads ` +
    `(limits: ${MAX_STEPS} steps, ${MAX_POSITIONS} thread positions); that is about ` +
    `${approx(interleavingCount(lengths))} interleavings. Move steps into 'init:' or split the scenario.`);
}

/** The exploration grew past its state budget. */
export function tooManyStates(threads: readonly Thread[], max: number): ScenarioError {
  const last = threads[threads.length - 1];
  return new ScenarioError(last.line, `too many states to explore: more than ${max} distinct states for ` +
    `${approx(interleavingCount(threads.map((t) => t.steps.length)))} interleavings. ` +
    `Try --reduce, move steps into 'init:' or split the scenario.`);
}
