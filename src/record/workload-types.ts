// A built-in workload: steps run one after another; I/O steps may run on several threads.
// The format is documented in traces/README.md ("Workload files") and parsed by workload-parse.ts.

/** Where the bytes of written pages come from (page i of the step's stream). */
export type ContentSpec =
  | { readonly kind: 'mix'; readonly spec: string }          // src/content mix, seeded
  | { readonly kind: 'same'; readonly pattern: Uint8Array }  // 1-8 bytes repeated: same-filled pages
  | { readonly kind: 'file'; readonly path: string };        // the file's pages, cycled

/** What an I/O failure does: fail the recording, end this step, or go on. */
export type OnError = 'fail' | 'stop' | 'continue';

export interface SeqStep {
  readonly verb: 'write' | 'read';
  readonly start: number;
  readonly size: number;
  readonly bs: number;
  readonly content: ContentSpec | null; // writes only
  readonly seed: number;
  readonly onError: OnError;
}

export interface RandStep {
  readonly verb: 'randwrite' | 'randrw';
  readonly start: number;
  readonly size: number;      // the range offsets are drawn from
  readonly count: number;     // I/Os over all threads
  readonly bs: number;
  readonly readFraction: number;
  readonly threads: number;
  readonly content: ContentSpec;
  readonly seed: number;
  readonly onError: OnError;
}

export interface RangeStep {
  readonly verb: 'discard' | 'zeroout';
  readonly off: number;
  readonly len: number;
  readonly bs: number;     // one ioctl per bs bytes
  readonly stride: number; // distance between the starts of two ioctls (default bs)
  readonly onError: OnError;
}

export type SysfsStep =
  | { readonly verb: 'compact' }
  | { readonly verb: 'mem_limit'; readonly value: string }
  | { readonly verb: 'mem_used_max' };

/** `echo N > /proc/sys/vm/drop_caches`: global reclaim on purpose; 2 and 3 run every shrinker,
 * this device's zsmalloc shrinker included (which the recorder traces). */
export interface DropCachesStep { readonly verb: 'drop_caches'; readonly value: '1' | '2' | '3' }

/** Which swap workload process a step acts on: one index, or every live one (concurrently). */
export type ProcSel = number | 'all';

/** Swap workload steps (workload-swap-parse.ts, run by workload-swap.ts): the device becomes swap
 * for `procs` processes confined to a memory cgroup of `limit` bytes. */
export type SwapStep =
  | { readonly verb: 'swap'; readonly limit: number; readonly procs: number; readonly swappiness: number }
  | { readonly verb: 'alloc'; readonly proc: ProcSel; readonly size: number; readonly content: ContentSpec; readonly seed: number }
  | { readonly verb: 'touch'; readonly proc: ProcSel; readonly fraction: number; readonly seed: number }
  | { readonly verb: 'free'; readonly proc: ProcSel; readonly fraction: number; readonly seed: number }
  | { readonly verb: 'exit'; readonly proc: ProcSel }
  | { readonly verb: 'swapoff' };

export type StepSpec = SeqStep | RandStep | RangeStep | SysfsStep | DropCachesStep | SwapStep | { readonly verb: 'sample' };
export type WorkloadStep = StepSpec & { readonly line: number };

export interface Workload {
  readonly file: string;
  readonly text: string;
  readonly steps: readonly WorkloadStep[];
}

/** Lines whose writes run on several threads: writes that overlap in time, whose zsmalloc
 * allocation order the trace does not hold (traces/README.md, "Reading a bundle"). */
export const concurrentWriteLines = (w: Workload): number[] =>
  w.steps.filter((s) => (s.verb === 'randwrite' || s.verb === 'randrw') && s.threads > 1 && s.readFraction < 1)
    .map((s) => s.line);

export class WorkloadError extends Error {
  constructor(readonly file: string, readonly line: number, readonly field: string | null, msg: string) {
    super(`${file}:${line}${field ? `: field '${field}'` : ''}: ${msg}`);
    this.name = 'WorkloadError';
  }
}
