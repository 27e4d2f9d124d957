// Fields of the swap workload steps (traces/README.md "Swap workloads") and the checks that
// need the whole file: one `swap` set-up before any other swap step, proc indexes within
// `procs`, nothing done by a process after its exit, no alloc/touch after swapoff.
import { LineFields } from './workload-fields';
import type { ProcSel, SwapStep, WorkloadStep } from './workload-types';
import { WorkloadError } from './workload-types';

export const SWAP_VERBS = ['swap', 'alloc', 'touch', 'free', 'exit', 'swapoff'] as const;
export const MAX_PROCS = 64;

function proc(f: LineFields): ProcSel {
  const s = f.raw('proc', 'all');
  if (s === 'all') return 'all';
  if (!/^\d+$/.test(s) || Number(s) >= MAX_PROCS) {
    f.fail('proc', `'${s}' must be all or a process index 0..${MAX_PROCS - 1}`);
  }
  return Number(s);
}

const seed = (f: LineFields): number => f.int('seed', '1', 0, 2 ** 32 - 1);

export function parseSwapStep(f: LineFields, baseDir: string): SwapStep | null {
  switch (f.verb) {
    case 'swap': {
      const limit = f.size('limit');
      if (limit < (1 << 20)) f.fail('limit', 'must be at least 1M (the processes need room to run)');
      return { verb: 'swap', limit, procs: f.int('procs', '1', 1, MAX_PROCS),
        swappiness: f.int('swappiness', '60', 0, 200) };
    }
    case 'alloc': {
      const size = f.size('size');
      if (size === 0) f.fail('size', 'must not be 0');
      return { verb: 'alloc', proc: proc(f), size, content: f.content(baseDir), seed: seed(f) };
    }
    case 'touch': case 'free':
      return { verb: f.verb, proc: proc(f), fraction: f.fraction('fraction', '0.5'), seed: seed(f) };
    case 'exit': return { verb: 'exit', proc: proc(f) };
    case 'swapoff': return { verb: 'swapoff' };
    default: return null;
  }
}

function isSwapStep(s: WorkloadStep): s is Extract<WorkloadStep, SwapStep> {
  return (SWAP_VERBS as readonly string[]).includes(s.verb);
}

/** The checks across lines; throws WorkloadError naming the first offending line. */
export function checkSwapSteps(file: string, steps: readonly WorkloadStep[]): void {
  let procs = 0;
  let off = false;
  const exited = new Set<number>();
  for (const s of steps) {
    if (!isSwapStep(s)) continue;
    const fail = (field: string | null, msg: string): never => { throw new WorkloadError(file, s.line, field, msg); };
    if (s.verb === 'swap') {
      if (procs > 0) fail(null, 'only one swap set-up per workload');
      procs = s.procs;
      continue;
    }
    if (procs === 0) fail(null, `'${s.verb}' needs a 'swap limit=... procs=...' line before it`);
    if (s.verb === 'swapoff') {
      if (off) fail(null, 'swap is off already');
      off = true;
      continue;
    }
    if (off && (s.verb === 'alloc' || s.verb === 'touch')) fail(null, `'${s.verb}' after swapoff: nothing would swap`);
    const p = s.proc;
    if (p !== 'all' && p >= procs) fail('proc', `${p} is not one of the ${procs} processes (0..${procs - 1})`);
    if (p !== 'all' && exited.has(p)) fail('proc', `process ${p} has exited`);
    if (p === 'all' && exited.size === procs) fail('proc', 'every process has exited');
    if (s.verb === 'exit') {
      if (p === 'all') for (let i = 0; i < procs; i++) exited.add(i); else exited.add(p);
    }
  }
}
