// Options of one recording (the CLI fills them; tests may too).
import type { DeviceConfig } from './device';
import type { Workload } from './workload-types';

export type CommandContents = 'capture' | 'image' | 'none';

export interface RecordOptions extends DeviceConfig {
  readonly output: string;
  readonly device?: string;        // /dev/zramN or zramN
  readonly newDevice: boolean;
  readonly intervalMs: number;     // 0: start and end samples only
  readonly allowLoss: boolean;
  readonly force: boolean;
  readonly workload?: Workload;
  readonly command?: readonly string[];
  /** External command: read every write back (capture, the default), keep the device image at
   * the end (image), or nothing (none). */
  readonly contents: CommandContents;
  /** External command: run it in a freezer cgroup and freeze it for every sample (default true). */
  readonly freeze: boolean;
  readonly freezerRoot?: string;   // tests: another cgroup v1 freezer hierarchy
  /** External command: run it in a memory cgroup of this limit (bytes) with the device as swap. */
  readonly swapLimit?: number;
  readonly bufferSizeKb?: number;  // ftrace per-CPU buffer
  readonly tryBlktrace: boolean;
  readonly onProgress?: (p: { elapsedMs: number; bios: number; lost: number }) => void;
  readonly log?: (line: string) => void;
}

export interface RecordResult {
  readonly ok: boolean;
  readonly failure: string | null;
  readonly bundle: string | null;   // the bundle written (also when status is failed)
  readonly summary: Record<string, unknown>;
}

/** Bad usage found while recording (a busy device, a workload beyond the disksize): exit 2. */
export class RecordUsageError extends Error {}

export function devName(device: string): string {
  const m = /^(?:\/dev\/)?(zram\d+)$/.exec(device);
  if (!m) throw new RecordUsageError(`--device ${device}: expected /dev/zramN`);
  return m[1];
}
