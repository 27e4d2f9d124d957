// Per-class statistics as zsmalloc's debugfs file zsmalloc/<pool>/classes shows them (Linux 6.18,
// zs_stats_size_show): every distinct class, the number of its zspages in each fullness group
// from 10% to 100% (the empty group 0 is not shown), objects allocated and used, pages used,
// pages per zspage and the pages compaction could free; then a Total row.
import { NR_FULLNESS_GROUPS } from './fullness';
import type { PoolState } from './pool-state';

export interface ClassStat {
  index: number; size: number;
  /** zspages in fullness groups 1..11 (10%, 20%, ... 90%, 99%, 100%). */
  fullness: number[];
  objAllocated: number; objUsed: number; pagesUsed: number; pagesPerZspage: number; freeable: number;
}

export const FULLNESS_HEADINGS = ['10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '99%', '100%'];

export function classStats(st: PoolState): ClassStat[] {
  return st.table.classes.map((cls, c) => {
    const fullness: number[] = [];
    for (let g = 1; g < NR_FULLNESS_GROUPS; g++) fullness.push([...st.lists.list(c, g)].length);
    const objAllocated = st.zspages[c] * cls.objsPerZspage;
    const objUsed = st.liveObjs[c];
    return {
      index: cls.index, size: cls.size, fullness, objAllocated, objUsed, pagesUsed: st.zspages[c] * cls.pagesPerZspage,
      pagesPerZspage: cls.pagesPerZspage,
      freeable: Math.floor((objAllocated - objUsed) / cls.objsPerZspage) * cls.pagesPerZspage,
    };
  });
}

const r = (v: string | number, w: number): string => String(v).padStart(w);

/** The debugfs text: header, one row per class, Total. */
export function formatClassStats(rows: readonly ClassStat[]): string {
  const head = ` ${r('class', 5)} ${r('size', 5)} ${FULLNESS_HEADINGS.map((h) => r(h, 9)).join(' ')} ` +
    `${r('obj_allocated', 13)} ${r('obj_used', 10)} ${r('pages_used', 10)} ` +
    `${r('pages_per_zspage', 16)} ${r('freeable', 8)}\n`;
  const line = (a: string | number, b: string | number, s: ClassStat | null, t: number[]): string =>
    ` ${r(a, 5)} ${r(b, 5)} ${t.slice(0, 11).map((v) => r(v, 9)).join(' ')} ` +
    `${r(t[11], 13)} ${r(t[12], 10)} ${r(t[13], 10)} ` +
    `${r(s ? s.pagesPerZspage : '', 16)} ${r(t[14], 8)}\n`;
  const nums = (s: ClassStat): number[] => [...s.fullness, s.objAllocated, s.objUsed, s.pagesUsed, s.freeable];
  const total = rows.reduce((acc, s) => acc.map((v, i) => v + nums(s)[i]), new Array<number>(15).fill(0));
  return head + rows.map((s) => line(s.index, s.size, s, nums(s))).join('') + line('Total', '', null, total);
}
