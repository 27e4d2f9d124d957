// Capability gate for tests that drive the real kernel's zram.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export type KernelCapability = { ok: true } | { ok: false; why: string };

let cached: KernelCapability | undefined;

export function kernelAvailable(): KernelCapability {
  cached ??= probe();
  return cached;
}

function probe(): KernelCapability {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, why: 'not running as root' };
  if (!fs.existsSync('/sys/class/zram-control/hot_add')) return { ok: false, why: 'no /sys/class/zram-control/hot_add (zram not built in or not loaded)' };
  try {
    execFileSync('python3', ['-c', 'import mmap, fcntl'], { stdio: 'ignore' });
  } catch {
    return { ok: false, why: 'python3 (with mmap and fcntl) is not available' };
  }
  return { ok: true };
}

const reported = new Set<string>();

/** describe() when the kernel is usable; otherwise describe.skip() with the reason printed once. */
export function describeKernel(name: string, fn: () => void): void {
  const cap = kernelAvailable();
  if (cap.ok) {
    describe(name, fn);
    return;
  }
  if (!reported.has(cap.why)) {
    reported.add(cap.why);
    process.stderr.write(`kernel tests skipped: ${cap.why}\n`);
  }
  describe.skip(`${name} (skipped: ${cap.why})`, fn);
}
