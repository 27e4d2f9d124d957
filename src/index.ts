// Public API of zram-ref.
export * from './units';
export * from './errors';
export type { ZramLike } from './device/block-device';
export type { ZramEvent, Recorded, LogHeader, PagePayload, BioOp, IoContext } from './events/types';
