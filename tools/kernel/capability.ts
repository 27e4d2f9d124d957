// Can this process drive a real zram device? Root, zram-control, and python3 for the O_DIRECT
// co-process. One answer for the CLI (replay targets, demo) and the test gate.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

let cached: string | null | undefined;

/** Why the real kernel cannot be used here, or null when it can (probed once per process). */
export function kernelUnavailable(): string | null {
  if (cached === undefined) cached = probe();
  return cached;
}

function probe(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not running as root';
  if (!fs.existsSync('/sys/class/zram-control/hot_add')) return 'no /sys/class/zram-control/hot_add (zram not built in or not loaded)';
  try {
    execFileSync('python3', ['-c', 'import mmap, fcntl'], { stdio: 'ignore' });
  } catch {
    return 'python3 (with mmap and fcntl) is not available';
  }
  return null;
}
