// One design running one interleaving: thread positions, fds and results so far, and the steps
// applied (the device is rebuilt by replaying them: the reducer mutates state in place).
import { CompressionMemo } from '../device/compress-page';
import { kernelDeps } from '../device/deps';
import { evolve } from '../device/evolve';
import type { MetaLifetime } from '../device/lifetime/types';
import type { Outcome } from '../device/outcome';
import { initialState, type DeviceDeps, type DeviceState } from '../device/state';
import { nanos } from '../units';
import type { Scenario, Step } from './scenario';
import { dataTag, stepEvent } from './steps';

export type FdState = 'none' | 'open' | 'failed' | 'closed';

export interface Side {
  readonly pcs: readonly number[];
  readonly fds: readonly FdState[];
  readonly results: readonly (string | null)[]; // per source step
  readonly applied: readonly number[];          // step ids whose events were applied, in order
}

export interface Machine {
  readonly sc: Scenario;
  readonly lt: MetaLifetime;
  readonly deps: DeviceDeps;
  readonly memo: CompressionMemo; // shared by every rebuild: compression is memoised by page key
  /** huge_class_size once a rebuild has computed it: the kernel computes it once per boot
   * (first pool), and it is invisible before the first disksize, so rebuilds start with it. */
  readonly huge: { value: number };
}

export function newMachine(sc: Scenario, lt: MetaLifetime, deps: DeviceDeps = kernelDeps): Machine {
  return { sc, lt, deps, memo: explorerMemo(), huge: { value: 0 } };
}

export function rebuild(m: Machine, side: Side): DeviceState {
  const s: DeviceState = { ...initialState(m.deps), memo: m.memo, hugeClassSize: m.huge.value };
  side.applied.forEach((id, seq) => evolve(s, m.lt, { seq, ts: nanos(0), event: stepEvent(m.sc, m.sc.steps[id]) }));
  if (m.huge.value === 0) m.huge.value = s.hugeClassSize;
  return s;
}

export const PENDING = 'pending';
export const NOT_ISSUED_NO_FD = 'not issued (no open fd)';
export const NOT_ISSUED_OPEN_FAILED = 'not issued (open failed)';
export const QUEUED = 'queued';

/** The result text a step that will not be issued gets, or null when it must run. */
export function noOp(m: Machine, side: Side, st: Step): string | null {
  const thread = st.thread < 0 ? null : m.sc.threads[st.thread];
  const fd = st.thread < 0 ? 'none' : side.fds[st.thread];
  switch (st.op.kind) {
    case 'queue': return thread?.usesFd && fd !== 'open' ? NOT_ISSUED_NO_FD : null;
    case 'close': return thread?.usesFd && fd === 'failed' ? NOT_ISSUED_OPEN_FAILED : null;
    case 'complete': {
      const bio = st.op.bio;
      const q = m.sc.steps.find((x) => x.op.kind === 'queue' && x.op.bio === bio)!;
      const r = side.results[q.src];
      return r === PENDING || r === QUEUED ? null : '-';
    }
    case 'resetComplete': return side.results[st.src] === PENDING ? null : '-';
    default: return null;
  }
}

export type Status = { readonly kind: 'done' } | { readonly kind: 'ready' } | { readonly kind: 'blocked'; readonly reason: string };

export function status(m: Machine, side: Side, dev: DeviceState, t: number): Status {
  const st = m.sc.threads[t].steps[side.pcs[t]];
  if (!st) return { kind: 'done' };
  if (noOp(m, side, st) !== null) return { kind: 'ready' };
  const reason = m.lt.waitsFor(dev, stepEvent(m.sc, st));
  return reason === null ? { kind: 'ready' } : { kind: 'blocked', reason };
}

function resultText(m: Machine, st: Step, o: Outcome): string {
  if (o.kind === 'rejected') throw new Error(`explorer applied a step the model rejects: ${o.reason}`);
  const errno = 'errno' in o ? o.errno : null;
  if (errno !== null) return errno;
  if (st.op.kind === 'queue') return st.part === 'Q' ? PENDING : QUEUED;
  if (st.op.kind === 'resetRequest') return PENDING;
  return o.kind === 'bio' && o.data ? `ok [${dataTag(m.sc, o.data)}]` : 'ok';
}

/** Runs step `st` (of thread st.thread, or init) on `dev`, which must be rebuilt from `side`. */
export function advance(m: Machine, side: Side, dev: DeviceState, st: Step): Side {
  const results = side.results.slice();
  const fds = side.fds.slice();
  const pcs = side.pcs.slice();
  if (st.thread >= 0) pcs[st.thread]++;
  const skipped = noOp(m, side, st);
  if (skipped !== null) {
    if (skipped !== '-' || results[st.src] === null) results[st.src] = skipped;
    return { pcs, fds, results, applied: side.applied };
  }
  const o = evolve(dev, m.lt, { seq: side.applied.length, ts: nanos(0), event: stepEvent(m.sc, st) });
  const r = resultText(m, st, o);
  results[st.src] = r;
  if (st.thread >= 0 && st.op.kind === 'open') fds[st.thread] = r === 'ok' ? 'open' : 'failed';
  if (st.thread >= 0 && st.op.kind === 'close' && r === 'ok') fds[st.thread] = 'closed';
  return { pcs, fds, results, applied: [...side.applied, st.id] };
}

export function initialSide(sc: Scenario): Side {
  return { pcs: sc.threads.map(() => 0), fds: sc.threads.map(() => 'none'), results: sc.sources.map(() => null), applied: [] };
}

export const defaultDeps: DeviceDeps = kernelDeps;

/** A compression memo that survives resets (resetDevice clears the memo to bound memory): a
 * scenario's page keys always name the same bytes, so its entries stay true for every rebuild. */
export function explorerMemo(): CompressionMemo {
  return new CompressionMemo(1 << 16, true);
}
