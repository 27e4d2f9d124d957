// Public surface of the zsmalloc model.
export type { SizeClass, ZsPool } from './types';
export { computeClassTable, classIdFor, zspageChainSize, ZS_CLASS_TABLE, ZS_HANDLE_SIZE, type ClassTable } from './class-table';
export { fullnessGroup, NR_FULLNESS_GROUPS } from './fullness';
export { createZsPool, type ZsPoolModel } from './pool';
export type { PoolSnapshot, ClassSnapshot, ZspageSnapshot } from './snapshot';
