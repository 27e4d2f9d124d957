// The swap entries of a bundle's ops.jsonl (traces/README.md) as times, and which reads of the
// trace are a workload process's swap-ins or swapoff's: each such read frees the slots it read.
import type { OpEntry, ProcEntry, ReleaseEntry, SwapoffEntry } from '../../record/oplog';
import type { BioSpan } from '../bio-timeline';

export interface SwapOps {
  readonly procs: ReadonlyMap<number, { start: bigint; exit: bigint | null }>;
  readonly releases: readonly ReleaseEntry[];
  readonly swapoffs: readonly { pid: number; t0: bigint; t1: bigint }[];
  /** any proc, release or swap entry: the bundle is a swap recording */
  readonly any: boolean;
}

export function swapOps(ops: readonly OpEntry[]): SwapOps {
  const procs = new Map<number, { start: bigint; exit: bigint | null }>();
  for (const o of ops) if (o.kind === 'proc') procs.set(o.pid, { start: BigInt((o as ProcEntry).t0), exit: null });
  const releases = ops.filter((o): o is ReleaseEntry => o.kind === 'release');
  for (const r of releases) {
    const p = procs.get(r.pid);
    if (p && r.reason === 'exit') p.exit = BigInt(r.t1);
  }
  const swapoffs = ops.filter((o): o is SwapoffEntry => o.kind === 'swapoff')
    .map((o) => ({ pid: o.pid, t0: BigInt(o.t0), t1: BigInt(o.t1) }));
  const any = ops.some((o) => o.kind === 'proc' || o.kind === 'release' || o.kind === 'swapon' || o.kind === 'swapoff');
  return { procs, releases, swapoffs, any };
}

/** Whose read `b` is: swapoff's, a workload process's swap-in, or neither (null). */
export function freeingRead(s: SwapOps, b: BioSpan): 'swapoff' | 'swapIn' | null {
  if (b.op !== 'read' || b.bytes === 0) return null;
  if (s.swapoffs.some((o) => o.pid === b.pid && o.t0 <= b.q && b.q <= o.t1)) return 'swapoff';
  const p = s.procs.get(b.pid);
  if (p && p.start <= b.q && (p.exit === null || b.q <= p.exit)) return 'swapIn';
  return null;
}
