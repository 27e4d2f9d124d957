// The one table of stat columns: zram's mm_stat, io_stat and debug_stat and the block layer's
// /sys/block/zramN/stat (zram-6.18.md §5), in the kernel's order, with the kernel's name, the
// field name of our records (replay.proto's, camelCased) and the column's place in the sysfs
// text. Show, observe, outputs, report, diff and the bundle check take order and names from here.

/** The sysfs files, and the group each one's columns form in an observation / outputs record. */
export const STAT_FILES = { mm_stat: 'mmStat', io_stat: 'ioStat', debug_stat: 'debugStat', stat: 'blockStat' } as const;
export type StatFile = keyof typeof STAT_FILES;
export type StatGroup = (typeof STAT_FILES)[StatFile];

const col = <F extends StatFile, N extends string, K extends string>(file: F, name: N, key: K, index: number) =>
  ({ file, name, key, group: STAT_FILES[file], index }) as const;

/** index: the column in the file's whitespace-split text (debug_stat without its 'version:' word). */
export const STAT_COLUMNS = [
  col('mm_stat', 'orig_data_size', 'origDataSize', 0),
  col('mm_stat', 'compr_data_size', 'comprDataSize', 1),
  col('mm_stat', 'mem_used_total', 'memUsedTotal', 2),
  col('mm_stat', 'mem_limit', 'memLimit', 3),
  col('mm_stat', 'mem_used_max', 'memUsedMax', 4),
  col('mm_stat', 'same_pages', 'samePages', 5),
  col('mm_stat', 'pages_compacted', 'pagesCompacted', 6),
  col('mm_stat', 'huge_pages', 'hugePages', 7),
  col('mm_stat', 'huge_pages_since', 'hugePagesSince', 8),
  col('io_stat', 'failed_reads', 'failedReads', 0),
  col('io_stat', 'failed_writes', 'failedWrites', 1),
  col('io_stat', 'invalid_io', 'invalidIo', 2),
  col('io_stat', 'notify_free', 'notifyFree', 3),
  col('debug_stat', 'version', 'version', 0),
  col('debug_stat', 'writestall', 'writestall', 1),
  col('debug_stat', 'miss_free', 'missFree', 2),
  // stat has 17 columns; a model knows the I/O counts and sectors, not times or queue depth
  col('stat', 'read_ios', 'readIos', 0),
  col('stat', 'read_sectors', 'readSectors', 2),
  col('stat', 'write_ios', 'writeIos', 4),
  col('stat', 'write_sectors', 'writeSectors', 6),
] as const;

export type StatColumn = (typeof STAT_COLUMNS)[number];
type GroupOf<G extends StatGroup> = { [K in Extract<StatColumn, { group: G }>['key']]: number };
export type MmStat = GroupOf<'mmStat'>;
export type IoStat = GroupOf<'ioStat'>;
export type DebugStat = GroupOf<'debugStat'>;
export type BlockStat = GroupOf<'blockStat'>;
/** One device's stats: the four groups, each keyed by the table's record names. */
export interface StatSet { mmStat: MmStat; ioStat: IoStat; debugStat: DebugStat; blockStat: BlockStat }
export type StatTexts = Readonly<Record<'mmStat' | 'ioStat' | 'debugStat' | 'stat', string>>;

export const columnsOf = (file: StatFile): readonly StatColumn[] => STAT_COLUMNS.filter((c) => c.file === file);
/** "mm_stat.orig_data_size": how reports and the bundle check name a column. */
export const columnLabel = (c: StatColumn): string => `${c.file}.${c.name}`;
export const columnValue = (s: StatSet, c: StatColumn): number => (s[c.group] as Record<string, number>)[c.key];

/** The numbers of one sysfs text, split as the table's `index` counts them. */
export const statNumbers = (file: StatFile, text: string): number[] =>
  (file === 'debug_stat' ? text.replace('version:', '') : text).trim().split(/\s+/).map(Number);

/** One column of a sysfs text: statValue('mm_stat', text, 'mem_limit'). */
export function statValue(file: StatFile, text: string, name: string): number {
  const c = columnsOf(file).find((x) => x.name === name);
  if (!c) throw new Error(`${file} has no column '${name}'`);
  return statNumbers(file, text)[c.index];
}

/** Builds a group from its columns' values (keys in table order, so JSON is stable). */
function group<G extends StatGroup>(g: G, value: (c: StatColumn) => number): StatSet[G] {
  const out: Record<string, number> = {};
  for (const c of STAT_COLUMNS) if (c.group === g) out[c.key] = value(c);
  return out as StatSet[G];
}

/** One file's group from its text: statGroup('mm_stat', text).memLimit. */
export function statGroup<F extends StatFile>(file: F, text: string): StatSet[(typeof STAT_FILES)[F]] {
  const nums = statNumbers(file, text);
  return group(STAT_FILES[file], (c) => nums[c.index]) as StatSet[(typeof STAT_FILES)[F]];
}

/** A StatSet from any source of column values, every group and key in table order. */
export const statSet = (value: (c: StatColumn) => number): StatSet => ({
  mmStat: group('mmStat', value), ioStat: group('ioStat', value), debugStat: group('debugStat', value),
  blockStat: group('blockStat', value),
});

/** Parses the kernel's (or the model's) mm_stat / io_stat / debug_stat / stat texts. */
export const statsFromTexts = (t: StatTexts): StatSet => ({
  mmStat: statGroup('mm_stat', t.mmStat), ioStat: statGroup('io_stat', t.ioStat),
  debugStat: statGroup('debug_stat', t.debugStat), blockStat: statGroup('stat', t.stat),
});

/** A copy with every group's keys in table order (records must always give the same bytes). */
export const orderedStats = (s: StatSet): StatSet => statSet((c) => columnValue(s, c));
