// The swap entries of a bundle's ops.jsonl (traces/README.md) as times, and which reads of the
// trace are a workload process's swap-ins or swapoff's: each such read frees the slots it read.
// Entries are checked here: a malformed one is a bad bundle, named with its line, not a crash.
import type { OpEntry, ReleaseEntry } from '../../record/oplog';
import type { BioSpan } from '../bio-timeline';

export interface SwapOps {
  readonly procs: ReadonlyMap<number, { start: bigint; exit: bigint | null }>;
  readonly releases: readonly { pid: number; t0: bigint; t1: bigint; slots: readonly number[]; exit: boolean }[];
  readonly swapoffs: readonly { pid: number; t0: bigint; t1: bigint }[];
  /** any proc, release or swap entry: the bundle is a swap recording */
  readonly any: boolean;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** An entry's field as ns; throws naming the entry when it is not a decimal string. */
export function nsField(o: OpEntry, k: number, field: 't0' | 't1'): bigint {
  const v = (o as unknown as Record<string, unknown>)[field];
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) {
    throw new Error(`ops.jsonl line ${k + 1}: ${o.kind} ${field} must be decimal ns`);
  }
  return BigInt(v);
}

function checkRelease(o: ReleaseEntry, k: number, diskPages: number): readonly number[] {
  if (!Array.isArray(o.slots) || !o.slots.every((s) => isId(s) && s < diskPages)) {
    throw new Error(`ops.jsonl line ${k + 1}: release slots must be page numbers below ${diskPages}`);
  }
  return o.slots;
}

export function swapOps(ops: readonly OpEntry[], diskPages: number): SwapOps {
  const procs = new Map<number, { start: bigint; exit: bigint | null }>();
  const releases: SwapOps['releases'][number][] = [];
  const swapoffs: SwapOps['swapoffs'][number][] = [];
  let any = false;
  ops.forEach((o, k) => {
    if (o.kind !== 'proc' && o.kind !== 'release' && o.kind !== 'swapon' && o.kind !== 'swapoff') return;
    any = true;
    const pid = (o as { pid?: unknown }).pid;
    // swapoff's pid is -1 when the recorder could not learn it: its reads are then told by time
    const unknownPid = o.kind === 'swapoff' && pid === -1;
    if (o.kind !== 'swapon' && !isId(pid) && !unknownPid) {
      throw new Error(`ops.jsonl line ${k + 1}: ${o.kind} needs a pid`);
    }
    const [t0, t1] = [nsField(o, k, 't0'), nsField(o, k, 't1')];
    if (o.kind === 'proc') procs.set(o.pid, { start: t0, exit: null });
    else if (o.kind === 'release') {
      releases.push({ pid: o.pid, t0, t1, slots: checkRelease(o, k, diskPages), exit: o.reason === 'exit' });
    }
    else if (o.kind === 'swapoff') swapoffs.push({ pid: o.pid, t0, t1 });
  });
  for (const r of releases) {
    const p = procs.get(r.pid);
    if (p && r.exit) p.exit = r.t1;
  }
  return { procs, releases, swapoffs, any };
}

/** Whose read `b` (not a read-back) is: swapoff's, a workload process's swap-in, or neither (null).
 * With swapoff's pid unknown (-1), any other read inside its window is swapoff's. */
export function freeingRead(s: SwapOps, b: BioSpan): 'swapoff' | 'swapIn' | null {
  if (b.op !== 'read' || b.bytes === 0) return null;
  const p = s.procs.get(b.pid);
  const proc = p !== undefined && p.start <= b.q && (p.exit === null || b.q <= p.exit);
  const off = (o: SwapOps['swapoffs'][number]): boolean =>
    (o.pid === b.pid || (o.pid === -1 && !proc)) && o.t0 <= b.q && b.q <= o.t1;
  if (s.swapoffs.some(off)) return 'swapoff';
  return proc ? 'swapIn' : null;
}
