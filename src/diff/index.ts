// Align and compare two replay outputs streams.
export { diffOutputs, type DiffSide } from './diff';
export type { DiffReport, Divergence, FieldCount } from './model';
export { formatDiff, formatInputCheck } from './text';
