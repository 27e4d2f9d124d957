// Public API of zram-ref.
export * from './units';
export * from './errors';
export type { ZramLike } from './device/block-device';
export type { ZramEvent, Recorded, LogHeader, PagePayload, BioOp, IoContext } from './events/types';
export { ZramDevice, type ZramDeviceOptions } from './device/zram-device';
export type { Outcome } from './device/outcome';
export { COMP_ALGORITHMS, DEFAULT_COMP_ALGORITHM, type CompAlgorithm, type Compressor } from './compress/types';
export { getCompressor } from './compress/registry';
