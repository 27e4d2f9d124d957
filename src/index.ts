// Public API of zram-ref.
import { mapChunksAhead } from './pipeline/chunk-supply';
export * from './units';
export * from './errors';
export type { ZramLike } from './device/block-device';
export type { ZramEvent, Recorded, LogHeader, PagePayload, BioOp, IoContext } from './events/types';
export { ZramDevice, type ZramDeviceOptions } from './device/zram-device';
export { WritePipeline, type PipelineStats } from './pipeline/write-many';
export { mapChunksAhead } from './pipeline/chunk-supply';
export type { Outcome } from './device/outcome';
export {
  ALL_COMP_ALGORITHMS, COMP_ALGORITHMS, DEFAULT_COMP_ALGORITHM, type CompAlgorithm, type Compressor,
} from './compress/types';
export { getCompressor, loadBackends } from './compress/registry';
export { KERNEL_CONFIGS, type KernelConfig } from './compress/profile';
export { EXACTNESS, type Exactness, type ExactnessTier } from './compress/tier';

// Devices made through the library take their memory mapped ahead on another thread.
mapChunksAhead();
