// manifest.json of a record bundle (format: traces/README.md). Written last: a directory
// without it is not a bundle.
export const BUNDLE_FORMAT = 'zram-ref-record-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** The bundle's event log, written by `record` at the end (not part of the bundle's digest). */
export const BUNDLE_LOG = 'events.zlog';

/** The read-back of an external command's writes (contents.mode captured). */
export interface CaptureFigures {
  readonly reads: number;          // capture reads (ops.jsonl entries with capture: true), one bio each
  readonly pagesRead: number;
  readonly failedReads: number;    // their pages are not captured
  readonly writesSeen: number;     // completed writes of other tasks in the trace
  readonly lagNs: { readonly p50: number; readonly p99: number; readonly max: number }; // write C -> read done
  readonly tid: number;            // the pid of the capture reads in the trace
}

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
    /** captured: an external command's writes read back as they completed (readback.ts) */
    readonly mode: 'exact' | 'captured' | 'approximate' | 'none';
    readonly distinctPages: number;
    readonly imagePages: number | null;     // approximate: non-zero pages in the end image
    readonly capture?: CaptureFigures;      // captured
    /** Page counts by provenance, from ingest (absent until ingest provides it). */
    readonly provenance?: { readonly exact: number; readonly inferred: number; readonly unknown: number };
  };
  readonly samples: {
    readonly count: number;
    readonly intervalMs: number;
    readonly quiet: boolean;
    /** Commands: samples taken with the command's freezer group frozen, and what kept running. */
    readonly freezer?: { readonly frozen: number; readonly notFrozen: string };
  };
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
