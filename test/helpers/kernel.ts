// The one capability gate for tests that drive the real kernel (zram devices, tracefs). Such
// tests live in files named *.kernel.test.ts (checked by test/kernel-convention.test.ts) and
// wrap their body in describeKernel; the reason comes from one function, kernelUnavailable().
import { kernelUnavailable, swapWorkloadUnavailable } from '../../src/kernel/capability';
import { describeUnless } from './skip';

export type KernelCapability = { ok: true } | { ok: false; why: string };

export function kernelAvailable(): KernelCapability {
  const why = kernelUnavailable();
  return why === null ? { ok: true } : { ok: false, why };
}

/** describe() when the kernel is usable; otherwise describe.skip() with the reason printed once.
 * `needs: 'swap'`: swap workloads too (memory cgroup, swap tools, the swap worker). */
export function describeKernel(name: string, fn: () => void, needs: 'driver' | 'swap' = 'driver'): void {
  describeUnless(needs === 'swap' ? swapWorkloadUnavailable() : kernelUnavailable(), name, fn);
}
