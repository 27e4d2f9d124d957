// The stat fields a report compares, named as sysfs shows them (file.column), in mm_stat,
// io_stat, debug_stat, stat order.
import type { DeviceStats } from '../replay/outputs';

export interface StatField { readonly name: string; get(s: DeviceStats): number }

const f = (name: string, get: (s: DeviceStats) => number): StatField => ({ name, get });

export const STAT_FIELDS: readonly StatField[] = [
  f('mm_stat.orig_data_size', (s) => s.mmStat.origDataSize),
  f('mm_stat.compr_data_size', (s) => s.mmStat.comprDataSize),
  f('mm_stat.mem_used_total', (s) => s.mmStat.memUsedTotal),
  f('mm_stat.mem_limit', (s) => s.mmStat.memLimit),
  f('mm_stat.mem_used_max', (s) => s.mmStat.memUsedMax),
  f('mm_stat.same_pages', (s) => s.mmStat.samePages),
  f('mm_stat.pages_compacted', (s) => s.mmStat.pagesCompacted),
  f('mm_stat.huge_pages', (s) => s.mmStat.hugePages),
  f('mm_stat.huge_pages_since', (s) => s.mmStat.hugePagesSince),
  f('io_stat.failed_reads', (s) => s.ioStat.failedReads),
  f('io_stat.failed_writes', (s) => s.ioStat.failedWrites),
  f('io_stat.invalid_io', (s) => s.ioStat.invalidIo),
  f('io_stat.notify_free', (s) => s.ioStat.notifyFree),
  f('debug_stat.version', (s) => s.debugStat.version),
  f('debug_stat.writestall', (s) => s.debugStat.writestall),
  f('debug_stat.miss_free', (s) => s.debugStat.missFree),
  f('stat.read_ios', (s) => s.blockStat.readIos),
  f('stat.read_sectors', (s) => s.blockStat.readSectors),
  f('stat.write_ios', (s) => s.blockStat.writeIos),
  f('stat.write_sectors', (s) => s.blockStat.writeSectors),
];

export interface FieldDiff { field: string; replay: number; kernel: number; diff: number }

/** Field by field: replay minus kernel (0 where exact). */
export const compareStats = (replay: DeviceStats, kernel: DeviceStats): FieldDiff[] =>
  STAT_FIELDS.map((x) => ({ field: x.name, replay: x.get(replay), kernel: x.get(kernel), diff: x.get(replay) - x.get(kernel) }));
