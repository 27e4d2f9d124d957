// manifest.json of a record bundle (format: traces/README.md). Written last: a directory
// without it is not a bundle.
export const BUNDLE_FORMAT = 'zram-ref-record-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** The bundle's event log, written by `record` at the end (not part of the bundle's digest). */
export const BUNDLE_LOG = 'events.zlog';

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly formatVersion: number;
  readonly status: 'ok' | 'failed';
  readonly failure: string | null;
  readonly created: string;                 // ISO time when the recording ended
  readonly toolVersion: string;
  readonly kernelRelease: string;
  readonly pageSize: number;
  readonly device: {
    readonly name: string;                  // zramN at recording time
    readonly created: boolean;              // --new
    readonly algorithm: string;
    readonly algorithmParams: string | null;
    readonly disksize: number;
    readonly memLimit: string | null;
    readonly initialMmStat: string;         // mm_stat before the workload (all zero on a fresh device)
  };
  readonly capture: {
    readonly method: 'blktrace' | 'ftrace';
    readonly note: string;
    readonly clock: 'mono';                 // CLOCK_MONOTONIC ns: trace records, samples and ops.jsonl
    readonly traceName: string;             // files TRACE.blktrace.N
    readonly traceFiles: readonly string[];
    readonly settings: Readonly<Record<string, string>>;
    readonly cpuStats: unknown;
    readonly lost: number;                  // overrun + dropped events (0 unless --allow-loss)
    readonly drained: boolean;
    readonly restoreErrors: readonly string[];
  };
  readonly contents: {
    readonly mode: 'exact' | 'approximate' | 'none';
    readonly distinctPages: number;
    readonly imagePages: number | null;     // approximate: non-zero pages in the end image
  };
  readonly samples: { readonly count: number; readonly intervalMs: number; readonly quiet: boolean };
  readonly workload: { readonly file: string; readonly text: string } | null;
  readonly command: readonly string[] | null;
  readonly commandExit: number | null;
  readonly durationNs: string;
  /** zsmalloc shrinker runs traced during the recording (shrinker.jsonl), every pool's: which
   * were this device's is decided at ingest. Absent in bundles recorded before it existed. */
  readonly shrinker?: { readonly traced: boolean; readonly note: string | null; readonly runs: number;
    readonly unpaired: number; readonly otherShrinkers: number; readonly lost: number };
  readonly ios: number;                     // requests the recorder issued (workloads)
  /** Swap workloads: the memory cgroup's limit (bytes), the number of processes, the swap device. */
  readonly swap?: { readonly memcgLimit: number; readonly procs: number; readonly device: string };
}
