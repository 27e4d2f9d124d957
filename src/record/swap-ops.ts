// ops.jsonl entries of swap workloads (CONTRACT11 §1 b-d): a workload process started (its
// reads of the device are swap-ins), the slots a process gives up (pagemap snapshot, virtual
// address order), swapon and swapoff of the device. Times: CLOCK_MONOTONIC ns, decimal strings.
export interface ProcEntry {
  readonly kind: 'proc';
  readonly step: number;
  readonly pid: number;
  readonly event: 'start';
  readonly t0: string;   // before the process was started
  readonly t1: string;   // after it was moved into the memory cgroup (it had allocated nothing)
}

export interface ReleaseEntry {
  readonly kind: 'release';
  readonly step: number;
  readonly pid: number;
  /** exit, free (MADV_DONTNEED), zero: all-zero pages swapped in (touch, swapoff), whose slots
   * the kernel frees with no read (the swap zeromap: zero pages are neither written nor read) */
  readonly reason: 'exit' | 'free' | 'zero';
  readonly t0: string;
  readonly t1: string;
  readonly slots: number[];   // swap offsets = 4 KiB pages of the device, in the order they are freed
  /** Resident pages of the released range still in the swap cache: their slots are freed too,
   * but pagemap cannot name them (0 in every recording so far). */
  readonly swapCached?: number;
}

export interface SwaponEntry {
  readonly kind: 'swapon';
  readonly step: number;
  readonly t0: string;
  readonly t1: string;
  readonly errno: string | null;
}

export interface SwapoffEntry {
  readonly kind: 'swapoff';
  readonly step: number;
  readonly pid: number;  // swapoff(8): the pid of its reads in the trace
  readonly t0: string;
  readonly t1: string;
  readonly errno: string | null;
}

export type SwapOpEntry = ProcEntry | ReleaseEntry | SwaponEntry | SwapoffEntry;
