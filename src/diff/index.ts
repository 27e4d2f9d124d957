// Align and compare two replay outputs streams.
export { diffOutputs, sideInfo, type DiffSide } from './diff';
export type { DiffReport, Divergence, FieldCount, SideInfo } from './model';
export { formatDiff, formatInputCheck } from './text';
