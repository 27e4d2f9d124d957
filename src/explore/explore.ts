// Every interleaving of a scenario's threads under one design, or two side by side (--diff).
// An interleaving is an order of all the threads' atomic steps that keeps each thread's order;
// a step is enabled when its design would let it run (waitsFor is null), and a step whose bio
// or reset already failed is a no-op. Nodes are layered by the number of steps taken and
// merged on a key of everything that can matter later (positions, results, device state), so
// the work grows with distinct states, not with interleavings; each node counts the
// interleavings that reach it and keeps the first one as its example.
import { getLifetime } from '../device/lifetime';
import type { DeviceDeps, DeviceState } from '../device/state';
import { deviceKey } from './device-key';
import { runInit } from './init';
import { MAX_STATES, tooManyStates } from './limits';
import { outcomeText } from './outcome-text';
import { stepLabel, type Scenario } from './scenario';
import { advance, defaultDeps, newMachine, noOp, rebuild, status, type Machine, type Side, type Status } from './side';

interface Dead { readonly dead: string }
type Lane = Side | Dead;
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
  readonly outcomes: OutcomeGroup[];
  readonly findings: FindingReport[];
}

function isDead(l: Lane): l is Dead { return 'dead' in l; }
const laneKey = (l: Lane, key: string): string => (isDead(l) ? `dead:${l.dead}` : JSON.stringify([l.pcs, l.fds, l.results]) + key);

export function explore(sc: Scenario, variants: readonly string[], deps: DeviceDeps = defaultDeps,
  maxStates = MAX_STATES): Exploration {
  const machines: Machine[] = variants.map((v) => newMachine(sc, getLifetime(v), deps));
  const starts = machines.map((m) => runInit(m));
  const ex: Exploration = { scenario: sc.name, variants, init: starts[0].texts, interleavings: 0n, nodes: 0,
    outcomes: [], findings: [] };
  const seen = new Set<string>();
  let layer = new Map<string, Node>([['start', { lanes: starts.map((s) => s.side), count: 1n, picks: [] }]]);
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
  const devs = node.lanes.map((l, i) => (isDead(l) ? null : rebuild(ms[i], l)));
  const sts = node.lanes.map((l, i) => (isDead(l) ? [] : ms[i].sc.threads.map((_, t) => status(ms[i], l, devs[i]!, t))));
  const picks = ms[0].sc.threads.map((_, t) => t).filter((t) => sts.some((s) => s[t]?.kind === 'ready'));
  if (picks.length === 0) return finish(ms, node, devs, sts, ex, seen);
  picks.forEach((t, n) => {
    const keys: string[] = [];
    let label = '';
    const lanes = node.lanes.map((l, i): Lane => {
      if (isDead(l)) { keys.push(laneKey(l, '')); return l; }
      const st = ms[i].sc.threads[t].steps[l.pcs[t]];
      const s = sts[i][t];
      if (s.kind !== 'ready') {
        const dead = { dead: s.kind === 'done' ? `thread ${ms[i].sc.threads[t].name} has no step left`
          : `${stepLabel(ms[i].sc, st)} cannot run: ${s.reason}` };
        keys.push(laneKey(dead, ''));
        return dead;
      }
      const dev = n === picks.length - 1 ? devs[i]! : rebuild(ms[i], l);
      const found = dev.meta.findings.length;
      label ||= stepLabel(ms[i].sc, st) + noOpNote(ms, node.lanes, sts, t);
      const side = advance(ms[i], l, dev, st);
      for (const f of dev.meta.findings.slice(found)) addFinding(ex, seen, ms[i].lt.name, f.kind, f.detail, [...node.picks, label]);
      keys.push(laneKey(side, deviceKey(dev)));
      return side;
    });
    const key = keys.join('\n');
    const had = next.get(key);
    if (had) had.count += node.count;
    else next.set(key, { lanes, count: node.count, picks: [...node.picks, label] });
  });
}

/** ' [no-op]' when the step does nothing in every design that runs it, ' [no-op in X]' when in some. */
function noOpNote(ms: Machine[], lanes: readonly Lane[], sts: readonly Status[][], t: number): string {
  const running = lanes.map((l, i) => ({ l, i })).filter(({ l, i }) => !isDead(l) && sts[i][t].kind === 'ready');
  const noops = running.filter(({ l, i }) => !isDead(l) && noOp(ms[i], l, ms[i].sc.threads[t].steps[l.pcs[t]]) !== null);
  if (noops.length === 0) return '';
  return noops.length === running.length ? ' [no-op]' : ` [no-op in ${noops.map(({ i }) => ms[i].lt.name).join(', ')}]`;
}

function addFinding(ex: Exploration, seen: Set<string>, variant: string, kind: string, detail: string, example: readonly string[]): void {
  const k = `${variant}\n${kind}\n${detail}`;
  if (seen.has(k)) return;
  seen.add(k);
  ex.findings.push({ variant, kind, detail, example });
}

function finish(ms: Machine[], node: Node, devs: readonly (DeviceState | null)[],
  sts: readonly Status[][], ex: Exploration, seen: Set<string>): void {
  const texts = node.lanes.map((l, i) => {
    if (isDead(l)) return `order impossible in ${ms[i].lt.name}: ${l.dead}`;
    const stuck = sts[i].map((s, t) => ({ s, t })).filter((x) => x.s.kind === 'blocked');
    for (const { s, t } of stuck) {
      const st = ms[i].sc.threads[t].steps[l.pcs[t]];
      const kind = st.op.kind === 'resetComplete' ? 'reset-never-completes' : 'stuck';
      addFinding(ex, seen, ms[i].lt.name, kind, `${stepLabel(ms[i].sc, st)} can never run: ${(s as { reason: string }).reason}`, node.picks);
    }
    return outcomeText(ms[i], l, devs[i]!, sts[i]);
  });
  ex.interleavings += node.count;
  const group = ex.outcomes.find((g) => g.texts.every((t, i) => t === texts[i]));
  if (group) group.count += node.count;
  else ex.outcomes.push({ texts, count: node.count, example: node.picks });
}
