// Kernel build profiles: which zram backends a kernel has built in (CONFIG_ZRAM_BACKEND_*).
// `comp_algorithm` accepts and lists exactly these; any other name is EINVAL, as on a kernel.
import { ALL_COMP_ALGORITHMS, COMP_ALGORITHMS, type CompAlgorithm } from './types';

export const KERNEL_CONFIGS = {
  /** This machine's Linux 6.18 build: LZO and LZ4 only (the lock-step checks hold the model to it). */
  default: COMP_ALGORITHMS,
  /** A what-if build with every backend the model has (LZ4HC, ZSTD, DEFLATE and 842 added). */
  'all-backends': ALL_COMP_ALGORITHMS,
} as const satisfies Record<string, readonly CompAlgorithm[]>;

export type KernelConfig = keyof typeof KERNEL_CONFIGS;
export const DEFAULT_KERNEL_CONFIG: KernelConfig = 'default';

export const isKernelConfig = (name: string): name is KernelConfig => Object.hasOwn(KERNEL_CONFIGS, name);

/** The built-in backends of a profile, in the kernel's table order. */
export const builtInBackends = (k: KernelConfig): readonly CompAlgorithm[] => KERNEL_CONFIGS[k];
