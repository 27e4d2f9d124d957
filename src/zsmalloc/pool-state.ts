import type { ClassTable } from './class-table';
import { FullnessLists } from './fullness';
import { handleSet, newHandleTable, type HandleTable } from './handle-table';
import { NONE, ZspageStore } from './zspage-store';

/*
 * Mutable state of one pool (zram-6.18.md §6.4) and the object-level primitives shared by
 * malloc, free and compaction (models obj_malloc, obj_free, alloc_zspage, free_zspage).
 * Only the pool and compaction mutate it; snapshots copy out of it.
 */
export interface PoolState {
  readonly table: ClassTable;
  readonly zs: ZspageStore;
  readonly lists: FullnessLists;
  /** handle -> arena position of its object (position -> slot via zs.owner). */
  readonly handles: HandleTable;
  /** Per class: zspages allocated, including ones isolated by compaction (zs_can_compact). */
  readonly zspages: Int32Array;
  /** Per class: live objects (ZS_OBJS_INUSE). */
  readonly liveObjs: Int32Array;
  pagesAllocated: number;
  pagesCompacted: number;
  lastHandle: number;
}

export function newPoolState(table: ClassTable): PoolState {
  const n = table.classes.length;
  const zs = new ZspageStore(n);
  return {
    table, zs, lists: new FullnessLists(zs, n), handles: newHandleTable(),
    zspages: new Int32Array(n), liveObjs: new Int32Array(n),
    pagesAllocated: 0, pagesCompacted: 0, lastHandle: 0,
  };
}

/** alloc_zspage: a new, unlisted zspage of class `c`. */
export function allocZspage(st: PoolState, c: number): number {
  const cls = st.table.classes[c];
  st.zspages[c]++;
  st.pagesAllocated += cls.pagesPerZspage;
  return st.zs.create(c, cls.objsPerZspage);
}

/** free_zspage: `slot` must be empty and already unlinked. */
export function freeZspage(st: PoolState, slot: number): void {
  const c = st.zs.cls[slot];
  if (st.zs.inuse[slot] !== 0) throw new Error(`zsmalloc: freeing zspage ${st.zs.id[slot]} with live objects`);
  st.zspages[c]--;
  st.pagesAllocated -= st.table.classes[c].pagesPerZspage;
  st.zs.destroy(slot);
}

/** obj_malloc: pop the free stack of `slot`, store `handle` there; returns the arena position. */
export function objMalloc(st: PoolState, slot: number, handle: number): number {
  const zs = st.zs;
  const obj = zs.freeHead[slot];
  if (obj === NONE) throw new Error(`zsmalloc: obj_malloc on full zspage ${zs.id[slot]}`);
  const pos = zs.objBase[slot] + obj;
  zs.freeHead[slot] = zs.nextFree[pos];
  zs.objHandle[pos] = handle;
  zs.inuse[slot]++;
  handleSet(st.handles, handle, pos);
  return pos;
}

/** obj_free: push the object at arena position `pos` onto its zspage's free stack. */
export function objFree(st: PoolState, pos: number): void {
  const zs = st.zs;
  const slot = zs.owner[pos];
  zs.nextFree[pos] = zs.freeHead[slot];
  zs.freeHead[slot] = pos - zs.objBase[slot];
  zs.objHandle[pos] = 0;
  zs.inuse[slot]--;
}
