// Runs a parsed workload on the traced device: I/O steps through kernel submitters (one
// worker_thread per workload thread, O_DIRECT, one bio per request), sysfs steps written here, every request and store
// logged with its CLOCK_MONOTONIC stamps and every written page stored by content.
import * as fs from 'node:fs';
import { ZramError } from '../errors';
import { Submitter } from '../kernel/submitter';
import { writeAttr, zramId } from '../kernel/sysfs';
import { Gate } from './gate';
import { OpLog } from './oplog';
import { PageStore } from './page-store';
import { monoNow } from './sampler';
import { IoRequest, planStep } from './workload-plan';
import { SWAP_VERBS } from './workload-swap-parse';
import { SwapContext, SwapRunner } from './workload-swap';
import type { SwapStep, Workload, WorkloadStep } from './workload-types';

export interface RunContext {
  readonly devName: string;          // zramN
  readonly devPath: string;          // /dev/zramN
  readonly ops: OpLog;
  readonly pages: PageStore;
  readonly gate: Gate;
  /** Takes a sample now (the caller pauses I/O first when it wants a quiet one). */
  sample(label: string): Promise<void>;
  /** Set to stop after the current request (signal, failure). */
  readonly stop: { requested: boolean };
  /** What swap steps need (absent: a workload with swap steps fails). */
  readonly swap?: SwapContext;
  /** Told the line of each step as it starts (read-back entries carry it). */
  readonly onStep?: (line: number) => void;
}

export class WorkloadFailed extends Error {}

type IoStep = Extract<WorkloadStep, { verb: 'write' | 'read' | 'randwrite' | 'randrw' | 'discard' | 'zeroout' }>;

/** Issues one request and logs it; returns the errno (null on success). */
async function issue(io: Submitter, thread: number, step: number, req: IoRequest, ctx: RunContext): Promise<string | null> {
  let pageNums: number[] | undefined;
  let r;
  if (req.op === 'write') {
    const pages = req.data!();
    pageNums = pages.map((p) => ctx.pages.add(p));
    r = await io.submit({ op: 'pwrite', off: req.off, data: Buffer.concat(pages) });
  } else if (req.op === 'read') {
    r = await io.submit({ op: 'pread', off: req.off, len: req.len });
  } else {
    r = await io.submit({ op: req.op, off: req.off, len: req.len });
  }
  const errno = r.ok ? (r.n !== undefined && r.n !== req.len ? 'SHORT' : null) : r.errno ?? 'EIO';
  ctx.ops.add({ kind: 'io', step, thread, pid: io.tid, op: req.op, off: req.off, len: req.len,
    t0: String(r.t0), t1: String(r.t1), ...(r.n !== undefined ? { n: r.n } : {}), errno,
    ...(pageNums ? { pages: pageNums } : {}) });
  if (r.errno === 'EPIPE') throw new WorkloadFailed(`I/O thread died: ${r.msg}`);
  return errno;
}

async function runThread(io: Submitter, t: number, s: IoStep, reqs: IoRequest[], ctx: RunContext): Promise<void> {
  for (const req of reqs) {
    if (ctx.stop.requested) return;
    await ctx.gate.enter();
    let errno: string | null;
    try { errno = await issue(io, t, s.line, req, ctx); } finally { ctx.gate.leave(); }
    if (errno === null || s.onError === 'continue') continue;
    if (s.onError === 'stop') return;
    throw new WorkloadFailed(`line ${s.line}: ${req.op} of ${req.len} bytes at ${req.off} failed with ${errno}`);
  }
}

function storeAttr(ctx: RunContext, step: number, attr: string, value: string): void {
  const t0 = monoNow();
  let errno: string | null = null;
  try {
    writeAttr(zramId(ctx.devName), attr, value);
  } catch (e) {
    if (!(e instanceof ZramError)) throw e;
    errno = e.errno;
  }
  ctx.ops.add({ kind: 'store', step, attr, value, t0: String(t0), t1: String(monoNow()), errno });
  if (errno) throw new WorkloadFailed(`line ${step}: echo ${value} > ${attr} failed with ${errno}`);
}

export async function startThreads(n: number, devPath: string): Promise<Submitter[]> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => Submitter.start(devPath)));
  const ios = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    ios.forEach((io) => io.kill());
    throw failed.reason;
  }
  return ios;
}

export function threadsNeeded(w: Workload): number {
  return Math.max(1, ...w.steps.map((s) => ('threads' in s ? s.threads : 1)));
}

/** Global reclaim: not an operation on the device, so nothing goes into ops.jsonl; what it does to
 * the device's pool is traced (shrinker runs) and seen in the next sample. */
function dropCaches(line: number, value: string): void {
  try {
    fs.writeFileSync('/proc/sys/vm/drop_caches', `${value}\n`);
  } catch (e) {
    throw new WorkloadFailed(`line ${line}: drop_caches: ${(e as Error).message}`);
  }
}

type SwapLine = Extract<WorkloadStep, SwapStep>;
const isSwapLine = (s: WorkloadStep): s is SwapLine => (SWAP_VERBS as readonly string[]).includes(s.verb);

/** Runs the steps; swap is always turned off again at the end, also when a step failed. */
export async function runWorkload(w: Workload, ios: Submitter[], ctx: RunContext): Promise<void> {
  const swap = ctx.swap ? new SwapRunner(ctx.swap) : null;
  let failed = true;
  try {
    await runSteps(w, ios, ctx, swap);
    failed = false;
  } finally {
    try {
      await swap?.finish(w.steps.at(-1)!.line);
    } catch (e) {
      if (!failed) throw new WorkloadFailed(`ending swap: ${(e as Error).message}`); // else the step's error wins
    }
  }
}

async function runSwapStep(swap: SwapRunner | null, s: SwapLine): Promise<void> {
  if (!swap) throw new WorkloadFailed(`line ${s.line}: swap steps are not supported here`);
  try { await swap.run(s); } catch (e) {
    throw new WorkloadFailed(`line ${s.line}: ${s.verb}: ${(e as Error).message}`);
  }
}

async function runSteps(w: Workload, ios: Submitter[], ctx: RunContext, swap: SwapRunner | null): Promise<void> {
  for (const s of w.steps) {
    ctx.onStep?.(s.line);
    if (ctx.stop.requested) throw new WorkloadFailed('stopped by a signal');
    switch (s.verb) {
      case 'compact': storeAttr(ctx, s.line, 'compact', '1'); break;
      case 'mem_used_max': storeAttr(ctx, s.line, 'mem_used_max', '0'); break;
      case 'mem_limit': storeAttr(ctx, s.line, 'mem_limit', s.value); break;
      case 'sample': await ctx.sample(`step:${s.line}`); break;
      case 'drop_caches': dropCaches(s.line, s.value); break;
      default: {
        if (isSwapLine(s)) { await runSwapStep(swap, s); break; }
        const plans = planStep(s);
        await Promise.all(plans.map((reqs, t) => runThread(ios[t], t, s, reqs, ctx)));
      }
    }
  }
}
