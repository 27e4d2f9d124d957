// The real dependencies of the reducer: kernel-exact compressors and the zsmalloc model.
import { getCompressor } from '../compress/registry';
import { createZsPool } from '../zsmalloc/pool';
import type { DeviceDeps } from './state';

export const kernelDeps: DeviceDeps = { compressor: getCompressor, createPool: () => createZsPool() };
