import { fullnessGroup, ZS_INUSE_RATIO_0, ZS_INUSE_RATIO_10, ZS_INUSE_RATIO_100, ZS_INUSE_RATIO_99 } from './fullness';
import { freeZspage, objFree, objMalloc, type PoolState } from './pool-state';
import { NONE } from './zspage-store';

/*
 * zs_compact as run by `echo 1 > compact` (zram-6.18.md §6.8; models zs_compact,
 * __zs_compact, zs_can_compact, isolate_src/dst_zspage, migrate_zspage, putback_zspage).
 *
 * Summary: classes are visited from the largest index down. Within a class, while packing
 * the live objects tightly would free at least one zspage, a destination (head of the
 * fullest partial group, 10..1) is kept and filled from sources (head of the emptiest
 * partial group, 1..10). Objects move in ascending index into the destination's free-stack
 * pops; handles stay, only handle -> object changes. An emptied source is freed; a full
 * destination is put back and a new one is isolated. Single-threaded, so the kernel's
 * early exits on lock contention never happen.
 */

/** zs_can_compact: pages freed if the class's live objects were packed tightly. */
function canCompact(st: PoolState, c: number): number {
  const { objsPerZspage, pagesPerZspage } = st.table.classes[c];
  const wasted = st.zspages[c] * objsPerZspage - st.liveObjs[c];
  return Math.floor(wasted / objsPerZspage) * pagesPerZspage;
}

/** Remove and return the head of the first non-empty group from `from` to `to`, or NONE. */
function isolate(st: PoolState, c: number, from: number, to: number): number {
  const slot = st.lists.firstIn(c, from, to);
  if (slot !== NONE) st.lists.unlink(slot);
  return slot;
}

/** migrate_zspage: move live objects of `src`, lowest index first, until dst is full or src empty. */
function migrate(st: PoolState, src: number, dst: number, objs: number): void {
  const zs = st.zs;
  const base = zs.objBase[src];
  for (let i = 0; i < objs; i++) {
    const h = zs.objHandle[base + i];
    if (h === 0) continue;
    objMalloc(st, dst, h);
    objFree(st, base + i);
    if (zs.inuse[dst] === objs || zs.inuse[src] === 0) return;
  }
}

/** putback_zspage: file `slot` at the head of its current group; returns the group. */
function putback(st: PoolState, slot: number, objs: number): number {
  const g = fullnessGroup(st.zs.inuse[slot], objs);
  st.lists.insertHead(slot, g);
  return g;
}

function compactClass(st: PoolState, c: number): number {
  const { objsPerZspage: objs, pagesPerZspage: pages } = st.table.classes[c];
  let dst = NONE;
  let freed = 0;
  while (canCompact(st, c) > 0) {
    if (dst === NONE) {
      dst = isolate(st, c, ZS_INUSE_RATIO_99, ZS_INUSE_RATIO_10);
      if (dst === NONE) break;
    }
    const src = isolate(st, c, ZS_INUSE_RATIO_10, ZS_INUSE_RATIO_99);
    if (src === NONE) break;
    migrate(st, src, dst, objs);
    if (putback(st, src, objs) === ZS_INUSE_RATIO_0) {
      st.lists.unlink(src);
      freeZspage(st, src);
      freed += pages;
    }
    if (fullnessGroup(st.zs.inuse[dst], objs) === ZS_INUSE_RATIO_100) {
      putback(st, dst, objs);
      dst = NONE;
    }
  }
  if (dst !== NONE) putback(st, dst, objs);
  return freed;
}

/** zs_shrinker_count: the pages compaction could free, over every distinct class. */
export function zsShrinkerCount(st: PoolState): number {
  let pages = 0;
  for (let c = 0; c < st.table.classes.length; c++) pages += canCompact(st, c);
  return pages;
}

/** zs_compact: compacts every distinct class, largest first; returns the pages freed. */
export function zsCompact(st: PoolState): number {
  let freed = 0;
  for (let c = st.table.classes.length - 1; c >= 0; c--) freed += compactClass(st, c);
  st.pagesCompacted += freed;
  return freed;
}
