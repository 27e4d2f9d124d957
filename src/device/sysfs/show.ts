// The sysfs texts, formatted exactly as Linux 6.18 prints them (zram-6.18.md §5).
import type { Errno } from '../../errors';
import { PAGE_SIZE, SECTOR_SIZE } from '../../units';
import { columnsOf, type MmStat } from '../stat-columns';
import type { DeviceState } from '../state';
import { formatClassStats } from '../../zsmalloc/class-stats';
import { deviceBackends } from './algorithm';

const w8 = (n: number): string => String(n).padStart(8);

const MM_STAT_COLUMNS = columnsOf('mm_stat');

/** mm_stat's nine columns, in the kernel's order (the stat table's). */
export function mmStatFields(s: DeviceState): number[] {
  const st = s.stats;
  const v: MmStat = {
    origDataSize: st.pagesStored * PAGE_SIZE, comprDataSize: st.comprDataSize,
    memUsedTotal: (s.pool ? s.pool.totalPages() : 0) * PAGE_SIZE, memLimit: s.limitPages * PAGE_SIZE,
    memUsedMax: st.maxUsedPages * PAGE_SIZE, samePages: st.samePages,
    pagesCompacted: s.pool ? s.pool.pagesCompacted() : 0, hugePages: st.hugePages, hugePagesSince: st.hugePagesSince,
  };
  return MM_STAT_COLUMNS.map((c) => v[c.key as keyof MmStat]);
}

const shows: Record<string, (s: DeviceState) => string> = {
  mm_stat: (s) => mmStatFields(s).map(w8).join(' ') + '\n',
  io_stat: (s) => `${w8(s.stats.failedReads)} ${w8(s.stats.failedWrites)} 0 ${w8(s.stats.notifyFree)}\n`,
  debug_stat: (s) => `version: 1\n0 ${w8(s.stats.missFree)}\n`,
  disksize: (s) => `${s.disksize}\n`,
  initstate: (s) => `${s.disksize !== 0 ? 1 : 0}\n`,
  size: (s) => `${s.disksize / SECTOR_SIZE}\n`,
  comp_algorithm: (s) => deviceBackends(s).map((a) => (a === s.compAlgorithm ? `[${a}] ` : `${a} `)).join('') + '\n',
  // 17 columns; the model knows counts and sectors, not times or queue depth (always 0).
  stat: (s) => [s.blk.readIos, 0, s.blk.readSectors, 0, s.blk.writeIos, 0, s.blk.writeSectors,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0].map(w8).join(' ') + '\n',
  inflight: () => `${w8(0)} ${w8(0)}\n`,
  // not sysfs: zsmalloc's debugfs file zsmalloc/zramN/classes (exists once the pool does)
  classes: (s) => formatClassStats(s.pool!.classStats()),
};
/** Write-only attributes: reading them is refused (mode 0200). */
const WRITE_ONLY = new Set(['mem_limit', 'mem_used_max', 'compact', 'idle', 'reset', 'algorithm_params']);

export function showAttr(s: DeviceState, attr: string): { text: string } | { errno: Errno } {
  // own properties only: 'constructor' or '__proto__' are not sysfs files
  if (attr === 'classes' && s.pool === null) return { errno: 'ENOENT' };
  if (Object.hasOwn(shows, attr)) return { text: shows[attr](s) };
  return { errno: WRITE_ONLY.has(attr) ? 'EACCES' : 'ENOENT' };
}
