// The one table of what this machine offers the kernel-facing code, each entry with the reason
// it is missing. kernelUnavailable() (driving a private zram device) is what the test gate, the
// replay targets and the conformance runner ask; tracingUnavailable() adds what recording needs.
import * as fs from 'node:fs';
import { blkIoctlUnavailable } from './blk-ioctl';
import { swapUnavailable } from './swap';
import { swapWorkerUnavailable } from './swap-worker';
import { ZRAM_CONTROL } from './sysfs';

export type Capability = 'root' | 'zramControl' | 'oDirect' | 'blkIoctl' | 'tracefs' | 'blkTracer' | 'swap'
  | 'swapWorker';

const TRACEFS_DIRS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

/** Each probe returns null when present, else why not. */
export const CAPABILITIES: Record<Capability, () => string | null> = {
  root: () => (typeof process.getuid === 'function' && process.getuid() !== 0 ? 'not running as root' : null),
  zramControl: () => (fs.existsSync(`${ZRAM_CONTROL}/hot_add`) ? null
    : `no ${ZRAM_CONTROL}/hot_add (zram not built in or not loaded)`),
  oDirect: () => (typeof fs.constants.O_DIRECT === 'number' ? null : 'this platform has no O_DIRECT'),
  blkIoctl: () => blkIoctlUnavailable(),
  tracefs: () => (tracefsDir() ? null : 'no tracefs (mount -t tracefs nodev /sys/kernel/tracing)'),
  blkTracer: () => {
    const dir = tracefsDir();
    if (!dir) return 'no tracefs, so no blk tracer';
    const tracers = fs.readFileSync(`${dir}/available_tracers`, 'latin1').split(/\s+/);
    return tracers.includes('blk') ? null : 'the kernel has no blk tracer (CONFIG_BLK_DEV_IO_TRACE)';
  },
  // swap workloads: a v1 memory cgroup, no zswap, util-linux's mkswap/swapon/swapoff; and the worker
  swap: () => swapUnavailable(),
  swapWorker: () => swapWorkerUnavailable(),
};

/** The mounted tracefs directory, or null. */
export function tracefsDir(): string | null {
  return TRACEFS_DIRS.find((d) => fs.existsSync(`${d}/trace`)) ?? null;
}

const cache = new Map<Capability, string | null>();

/** Why `cap` is missing, or null (probed once per process). */
export function missing(cap: Capability): string | null {
  if (!cache.has(cap)) cache.set(cap, CAPABILITIES[cap]());
  return cache.get(cap)!;
}

/** The first reason among `caps`, or null when all are present. */
export function firstMissing(caps: readonly Capability[]): string | null {
  for (const c of caps) {
    const why = missing(c);
    if (why) return why;
  }
  return null;
}

export const DRIVER_NEEDS: readonly Capability[] = ['root', 'zramControl', 'oDirect', 'blkIoctl'];

/** Why a private real zram device cannot be driven here, or null when it can. */
export function kernelUnavailable(): string | null {
  return firstMissing(DRIVER_NEEDS);
}

/** Why swap workloads cannot run here (on top of the driver), or null. */
export function swapWorkloadUnavailable(): string | null {
  return firstMissing([...DRIVER_NEEDS, 'swap', 'swapWorker']);
}

/** Why the kernel's block I/O cannot be traced here (for recording), or null. */
export function tracingUnavailable(): string | null {
  return firstMissing(['root', 'tracefs', 'blkTracer']);
}
