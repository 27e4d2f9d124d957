// What the recorder did, in order (ops.jsonl): every request a workload thread issued, stamped
// with CLOCK_MONOTONIC ns around its system call, and every sysfs store. Writes name their
// pages in the PageStore. Times are decimal strings (u64 ns do not all fit a double).
import type { SwapOpEntry } from './swap-ops';

export interface IoEntry {
  readonly kind: 'io';
  readonly step: number;      // workload line
  readonly thread: number;    // -1: a capture read (the read-back of writes the recorder did not issue)
  readonly capture?: true;
  readonly pid: number;       // the pid in the trace records of this thread
  readonly op: 'write' | 'read' | 'discard' | 'zeroout';
  readonly off: number;
  readonly len: number;
  readonly t0: string;
  readonly t1: string;
  readonly n?: number;        // bytes done (pwrite/pread)
  readonly errno: string | null;
  readonly pages?: number[];  // writes and capture reads: PageStore numbers, one per 4 KiB
}

export interface StoreEntry {
  readonly kind: 'store';
  readonly step: number;      // workload line, 0 for device setup
  readonly attr: string;
  readonly value: string;
  readonly t0: string;
  readonly t1: string;
  readonly errno: string | null;
  /** true: not written by the recorder but read from a device it did not create, so a replay
   * starts from the same configuration (algorithm_params cannot be read back: write-only). */
  readonly observed?: boolean;
}

export type { ProcEntry, ReleaseEntry, SwaponEntry, SwapoffEntry } from './swap-ops';
export type OpEntry = IoEntry | StoreEntry | SwapOpEntry;

export class OpLog {
  readonly entries: OpEntry[] = [];
  add(e: OpEntry): void {
    this.entries.push(e);
  }
  serialize(): string {
    return this.entries.map((e) => JSON.stringify(e) + '\n').join('');
  }
}

export function parseOpLog(text: string): OpEntry[] {
  return text.split('\n').filter((l) => l !== '').map((l, i) => {
    try { return JSON.parse(l) as OpEntry; } catch { throw new Error(`ops.jsonl line ${i + 1}: not JSON`); }
  });
}
