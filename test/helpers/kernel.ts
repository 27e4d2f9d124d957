// Capability gate for tests that drive the real kernel's zram.
import { kernelUnavailable } from '../../src/kernel/capability';

export type KernelCapability = { ok: true } | { ok: false; why: string };

export function kernelAvailable(): KernelCapability {
  const why = kernelUnavailable();
  return why === null ? { ok: true } : { ok: false, why };
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
