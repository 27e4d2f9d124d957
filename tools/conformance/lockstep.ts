// Lock-step runner: applies every generated op to two ZramLike devices, compares the
// results (value, errno, read bytes) and the sysfs texts after every op, and stops at the
// first mismatch with everything needed to reproduce it.
import { CompAlgorithm } from '../../src/compress/types';
import { ZramLike } from '../../src/device/block-device';
import { applyOp, compareResults, DeviceHandle, OpResult, resultText } from './apply';
import { addCoverage, Coverage, emptyCoverage } from './coverage';
import { GenView, OpGenerator } from './generate';
import { describeOp, Op, writeData } from './ops';
import { diffSnapshots, Snapshot, snapshot, snapshotStats } from './snapshot';

export interface LockstepOptions {
  readonly seed: number;
  readonly ops: number;
  readonly alg: CompAlgorithm;
  /** Called every `progressEvery` ops (default 1000). */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

export interface Mismatch {
  readonly seed: number;
  readonly step: number;
  readonly op: string;
  readonly reason: string;
  readonly results: readonly [string, string];
  readonly texts: readonly [Snapshot, Snapshot];
  /** The ops up to and including the failing one, for a reader reconstructing the run. */
  readonly recentOps: readonly string[];
}

export interface LockstepResult {
  readonly ok: boolean;
  readonly steps: number;
  readonly opCounts: Record<string, number>;
  readonly errnoCounts: Record<string, number>;
  readonly coverage: Coverage;
  readonly mismatch?: Mismatch;
}

function viewOf(s: Snapshot, openFds: number): GenView {
  return { initialized: s.initstate.trim() === '1', disksize: Number(s.disksize.trim()),
    memUsed: snapshotStats(s).mmStat.memUsedTotal, openFds };
}

function opKey(op: Op): string {
  return op.kind === 'store' ? `store ${op.attr}` : op.kind;
}

export async function runLockstep(a: ZramLike, b: ZramLike, opts: LockstepOptions): Promise<LockstepResult> {
  const gen = new OpGenerator(opts.seed, opts.alg);
  const ha: DeviceHandle = { dev: a, fds: [] };
  const hb: DeviceHandle = { dev: b, fds: [] };
  const opCounts: Record<string, number> = {};
  const errnoCounts: Record<string, number> = {};
  const recent: string[] = [];
  const coverage = emptyCoverage();
  let sa = await snapshot(a);
  for (let step = 0; step < opts.ops; step++) {
    const op = gen.next(viewOf(sa, ha.fds.length));
    const data = op.kind === 'write' ? writeData(op, opts.seed) : undefined;
    const ra = await applyOp(ha, op, opts.seed, data);
    const rb = await applyOp(hb, op, opts.seed, data);
    recent.push(`${step}: ${describeOp(op)} -> ${resultText(ra)}`);
    if (recent.length > 20) recent.shift();
    opCounts[opKey(op)] = (opCounts[opKey(op)] ?? 0) + 1;
    if (!ra.ok) errnoCounts[ra.errno] = (errnoCounts[ra.errno] ?? 0) + 1;
    const before = sa;
    sa = await snapshot(a);
    const sb = await snapshot(b);
    addCoverage(coverage, before, sa, ra, data?.length);
    const reason = mismatchReason(ra, rb, sa, sb);
    if (reason) {
      const mismatch = { seed: opts.seed, step, op: describeOp(op), reason, results: [resultText(ra), resultText(rb)] as const, texts: [sa, sb] as const, recentOps: recent };
      return { ok: false, steps: step + 1, opCounts, errnoCounts, coverage, mismatch };
    }
    if (opts.onProgress && (step + 1) % (opts.progressEvery ?? 1000) === 0) opts.onProgress(step + 1);
  }
  return { ok: true, steps: opts.ops, opCounts, errnoCounts, coverage };
}

function mismatchReason(ra: OpResult, rb: OpResult, sa: Snapshot, sb: Snapshot): string | null {
  const r = compareResults(ra, rb);
  if (r) return r;
  const attrs = diffSnapshots(sa, sb);
  return attrs.length ? `texts differ: ${attrs.join(', ')}` : null;
}

/** Human-readable report of a mismatch: seed, step, op, both results and both texts. */
export function formatMismatch(m: Mismatch, names: readonly [string, string] = ['A', 'B']): string {
  const lines = [
    `MISMATCH seed=${m.seed} step=${m.step}: ${m.reason}`,
    `op: ${m.op}`,
    `${names[0]}: ${m.results[0]}`,
    `${names[1]}: ${m.results[1]}`,
  ];
  for (const attr of Object.keys(m.texts[0]) as (keyof Snapshot)[]) {
    const [x, y] = [m.texts[0][attr], m.texts[1][attr]];
    const mark = x === y ? ' ' : '*';
    lines.push(`${mark} ${attr}:`, `    ${names[0]}: ${JSON.stringify(x)}`, `    ${names[1]}: ${JSON.stringify(y)}`);
  }
  lines.push('last ops:', ...m.recentOps.map((s) => `  ${s}`));
  return lines.join('\n');
}
