// The one comparer of a model's stats with the kernel's: column by column, in the stat table's
// order. The report's kernel-sample view and the bundle check both read its result.
import { columnValue, STAT_COLUMNS, type StatColumn, type StatSet } from './stat-columns';

export interface ColumnDiff { readonly column: StatColumn; readonly model: number; readonly kernel: number }

/** Every column of both sides (equal ones included), in table order. */
export const compareStatSets = (model: StatSet, kernel: StatSet): ColumnDiff[] =>
  STAT_COLUMNS.map((column) => ({ column, model: columnValue(model, column), kernel: columnValue(kernel, column) }));

/** Whether a column differs (a column missing on one side, NaN, differs too). */
export const columnDiffers = (d: ColumnDiff): boolean => d.model !== d.kernel;
