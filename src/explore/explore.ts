// Every interleaving of a scenario's threads under one design, or two side by side (--diff).
// An interleaving is an order of all the threads' atomic steps that keeps each thread's order;
// a step is enabled when its design would let it run (waitsFor is null), and a step whose bio
// or reset already failed is a no-op. A diff follows every order either design can run; the
// other design makes the same attempts, its blocked threads sleeping until woken (lane.ts).
// Nodes are layered by the number of steps attempted and merged on a key of everything that can
// matter later (positions, results, waiting threads, device state), so the work grows with
// distinct states, not with interleavings; each node counts the interleavings that reach it
// and keeps the first one as its example. With orders 'reduced' (one design only), each state
// runs only an ample set of threads (reduce.ts): the same outcomes and findings from far fewer
// states, and the counts are of the representative interleavings explored.
import { getLifetime } from '../device/lifetime';
import type { DeviceDeps, DeviceState } from '../device/state';
import { deviceKey } from './device-key';
import { runInit } from './init';
import { MAX_STATES, tooManyStates } from './limits';
import { outcomeText } from './outcome-text';
import { stepLabel, type Scenario } from './scenario';
import { ampleThreads } from './reduce';
import { attempt, attempted, laneKey, runsNow, type Lane } from './lane';
import { defaultDeps, newMachine, noOp, rebuild, status, type Machine, type Side, type Status } from './side';

interface Node { readonly lanes: readonly Lane[]; count: bigint; readonly picks: readonly string[] }

export interface OutcomeGroup { readonly texts: readonly string[]; count: bigint; readonly example: readonly string[] }
export interface FindingReport {
  readonly variant: string; readonly kind: string; readonly detail: string; readonly example: readonly string[];
}
export interface Exploration {
  readonly scenario: string;
  readonly variants: readonly string[];
  readonly init: readonly string[];
  interleavings: bigint;
  nodes: number;
  /** Partial-order reduced: interleavings counts only the representative orders explored. */
  readonly reduced: boolean;
  readonly orders: Orders;
  readonly outcomes: OutcomeGroup[];
  readonly findings: FindingReport[];
}

/** all: every interleaving; reduced: partial-order reduction (reduce.ts); whole-syscalls: only
 * orders in which no other thread runs between the two parts of a bio or a reset, as when each
 * is one uninterrupted system call (the kernel check's notes on what needs finer timing). */
export type Orders = 'all' | 'reduced' | 'whole-syscalls';

export function explore(sc: Scenario, variants: readonly string[], deps: DeviceDeps = defaultDeps,
  maxStates = MAX_STATES, orders: Orders = 'all'): Exploration {
  if (orders !== 'all' && variants.length !== 1) throw new Error(`${orders} orders: one design at a time`);
  const machines: Machine[] = variants.map((v) => newMachine(sc, getLifetime(v), deps));
  const starts = machines.map((m) => runInit(m));
  const ex: Exploration = { scenario: sc.name, variants, init: starts[0].texts, interleavings: 0n, nodes: 0,
    reduced: orders === 'reduced', outcomes: [], findings: [], orders };
  const seen = new Set<string>();
  const lanes: Lane[] = starts.map((s) => ({ side: s.side, queue: [] }));
  let layer = new Map<string, Node>([['start', { lanes, count: 1n, picks: [] }]]);
  while (layer.size > 0) {
    const next = new Map<string, Node>();
    for (const node of layer.values()) {
      if (++ex.nodes > maxStates) throw tooManyStates(sc.threads, maxStates);
      expand(machines, node, next, ex, seen);
    }
    layer = next;
  }
  return ex;
}

function expand(ms: Machine[], node: Node, next: Map<string, Node>, ex: Exploration, seen: Set<string>): void {
  const sc = ms[0].sc;
  const devs = node.lanes.map((l, i) => rebuild(ms[i], l.side));
  const sts = node.lanes.map((l, i) => sc.threads.map((_, t) => status(ms[i], l.side, devs[i], t)));
  const ready = sc.threads.map((_, t) => t).filter((t) => attempted(node.lanes[0], t) < sc.threads[t].steps.length &&
    node.lanes.some((l, i) => runsNow(l, sts[i][t], t)));
  const picks = ex.orders === 'reduced' ? ampleThreads(ms[0], node.lanes[0].side, devs[0], sts[0], ready)
    : ex.orders === 'whole-syscalls' ? insideSyscall(sc, node.lanes[0].side, ready) : ready;
  if (picks.length === 0) return finish(ms, node, devs, sts, ex, seen);
  picks.forEach((t, n) => {
    const st = sc.threads[t].steps[attempted(node.lanes[0], t)];
    const label = stepLabel(sc, st) + noOpNote(ms, node.lanes, sts, t);
    const keys: string[] = [];
    const lanes = node.lanes.map((l, i): Lane => {
      const dev = n === picks.length - 1 ? devs[i] : rebuild(ms[i], l.side);
      const found = dev.meta.findings.length;
      const lane = attempt(ms[i], l, dev, t);
      for (const f of dev.meta.findings.slice(found)) addFinding(ex, seen, ms[i].lt.name, f.kind, f.detail, [...node.picks, label]);
      keys.push(laneKey(lane, deviceKey(dev, ex.reduced)));
      return lane;
    });
    const key = keys.join('\n');
    const had = next.get(key);
    if (had) had.count += node.count;
    else next.set(key, { lanes, count: node.count, picks: [...node.picks, label] });
  });
}

/** The thread between the two parts of one source step, if it can go on: only it runs. */
function insideSyscall(sc: Scenario, side: Side, ready: number[]): number[] {
  const mid = ready.find((t) => {
    const pc = side.pcs[t];
    const steps = sc.threads[t].steps;
    return pc > 0 && pc < steps.length && steps[pc].src === steps[pc - 1].src;
  });
  return mid === undefined ? ready : [mid];
}

/** ' [no-op]' when the step does nothing in every design that runs it now, ' [no-op in X]' when in some. */
function noOpNote(ms: Machine[], lanes: readonly Lane[], sts: readonly Status[][], t: number): string {
  const running = lanes.map((l, i) => ({ l, i })).filter(({ l, i }) => runsNow(l, sts[i][t], t));
  const noops = running.filter(({ l, i }) => noOp(ms[i], l.side, ms[i].sc.threads[t].steps[l.side.pcs[t]]) !== null);
  if (noops.length === 0) return '';
  return noops.length === running.length ? ' [no-op]' : ` [no-op in ${noops.map(({ i }) => ms[i].lt.name).join(', ')}]`;
}

function addFinding(ex: Exploration, seen: Set<string>, variant: string, kind: string, detail: string, example: readonly string[]): void {
  const k = `${variant}\n${kind}\n${detail}`;
  if (seen.has(k)) return;
  seen.add(k);
  ex.findings.push({ variant, kind, detail, example });
}

function finish(ms: Machine[], node: Node, devs: readonly DeviceState[], sts: readonly Status[][], ex: Exploration,
  seen: Set<string>): void {
  const texts = node.lanes.map((l, i) => {
    sts[i].forEach((s, t) => {
      if (s.kind !== 'blocked') return;
      const st = ms[i].sc.threads[t].steps[l.side.pcs[t]];
      const kind = st.op.kind === 'resetComplete' ? 'reset-never-completes' : 'stuck';
      addFinding(ex, seen, ms[i].lt.name, kind, `${stepLabel(ms[i].sc, st)} can never run: ${s.reason}`, node.picks);
    });
    return outcomeText(ms[i], l.side, devs[i], sts[i]);
  });
  ex.interleavings += node.count;
  const group = ex.outcomes.find((g) => g.texts.every((t, i) => t === texts[i]));
  if (group) group.count += node.count;
  else ex.outcomes.push({ texts, count: node.count, example: node.picks });
}
