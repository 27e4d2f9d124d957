import { handle as toHandle, type Handle } from '../units';
import { classIdFor } from './class-table';
import { fullnessGroup, ZS_INUSE_RATIO_0, ZS_INUSE_RATIO_99 } from './fullness';
import { handleDelete, handleGet } from './handle-table';
import { allocZspage, freeZspage, objFree, objMalloc, type PoolState } from './pool-state';
import { NONE } from './zspage-store';

/*
 * zs_malloc and zs_free (zram-6.18.md §6.6, §6.7).
 * malloc takes the head of the fullest non-full group, 10 down to 0 (group 0 is included
 * because the kernel may still hold an empty zspage whose free was deferred, §6.10; this
 * model frees empty zspages at once, so group 0 is always empty here). Only when the class
 * has no such zspage does it allocate a new one. Handles count up from 1 and never repeat.
 */

export function zsMalloc(st: PoolState, size: number): Handle {
  if (!Number.isInteger(size) || size < 1 || size > st.table.pageSize) {
    throw new RangeError(`zs_malloc: size ${size} outside 1..${st.table.pageSize}`);
  }
  const c = classIdFor(st.table, size);
  const objs = st.table.classes[c].objsPerZspage;
  const h = ++st.lastHandle;
  let slot = st.lists.firstIn(c, ZS_INUSE_RATIO_99, ZS_INUSE_RATIO_0);
  if (slot !== NONE) {
    objMalloc(st, slot, h);
    st.lists.fixFullness(slot, objs);
  } else {
    slot = allocZspage(st, c);
    objMalloc(st, slot, h);
    st.lists.insertHead(slot, fullnessGroup(st.zs.inuse[slot], objs));
  }
  st.liveObjs[c]++;
  return toHandle(h);
}

export function zsFree(st: PoolState, h: Handle): void {
  const pos = handleGet(st.handles, h);
  if (pos === undefined) throw new Error(`zs_free: unknown handle ${h}`);
  handleDelete(st.handles, h);
  const slot = st.zs.owner[pos];
  const c = st.zs.cls[slot];
  objFree(st, pos);
  st.liveObjs[c]--;
  if (st.lists.fixFullness(slot, st.table.classes[c].objsPerZspage) === ZS_INUSE_RATIO_0) {
    st.lists.unlink(slot);
    freeZspage(st, slot);
  }
}
