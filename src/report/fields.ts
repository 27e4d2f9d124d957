// The stat fields a report compares, named as sysfs shows them (file.column), in mm_stat,
// io_stat, debug_stat, stat order: the stat table's columns (src/device/stat-columns.ts).
import { compareStatSets } from '../device/stat-compare';
import { columnLabel, columnValue, STAT_COLUMNS } from '../device/stat-columns';
import type { DeviceStats } from '../replay/outputs';

export interface StatField { readonly name: string; get(s: DeviceStats): number }

export const STAT_FIELDS: readonly StatField[] =
  STAT_COLUMNS.map((c) => ({ name: columnLabel(c), get: (s) => columnValue(s, c) }));

export interface FieldDiff { field: string; replay: number; kernel: number; diff: number }

/** Field by field: replay minus kernel (0 where exact). */
export const compareStats = (replay: DeviceStats, kernel: DeviceStats): FieldDiff[] =>
  compareStatSets(replay, kernel).map((d) =>
    ({ field: columnLabel(d.column), replay: d.model, kernel: d.kernel, diff: d.model - d.kernel }));
