import { NR_FULLNESS_GROUPS } from './fullness';
import type { PoolState } from './pool-state';
import { NONE } from './zspage-store';

/*
 * A plain, deterministic copy of the whole pool state, for tests, state digests and diffs.
 * It holds everything that decides future behaviour: list order, which object each handle
 * sits in, and each free stack's order. Two pools with equal snapshots behave identically.
 */

export interface ZspageSnapshot {
  readonly id: number;                 // creation order, from 1 (the id locate() reports)
  readonly inuse: number;
  readonly objects: readonly number[]; // handle held by each object index, 0 when free
  readonly freeStack: readonly number[]; // free object indices, next to be popped first
}

export interface ClassSnapshot {
  readonly index: number;              // representative class index
  readonly size: number;
  readonly zspages: number;
  readonly liveObjs: number;
  /** Fullness groups 0..11, each list head first. */
  readonly groups: readonly (readonly ZspageSnapshot[])[];
}

export interface PoolSnapshot {
  readonly pagesAllocated: number;
  readonly pagesCompacted: number;
  readonly lastHandle: number;         // handles issued so far
  /** Classes that hold at least one zspage, ascending index. */
  readonly classes: readonly ClassSnapshot[];
}

function zspageSnapshot(st: PoolState, slot: number, objs: number): ZspageSnapshot {
  const zs = st.zs;
  const base = zs.objBase[slot];
  const objects = Array.from(zs.objHandle.subarray(base, base + objs));
  const freeStack: number[] = [];
  for (let i = zs.freeHead[slot]; i !== NONE; i = zs.nextFree[base + i]) freeStack.push(i);
  return { id: zs.id[slot], inuse: zs.inuse[slot], objects, freeStack };
}

export function snapshotPool(st: PoolState): PoolSnapshot {
  const classes: ClassSnapshot[] = [];
  st.table.classes.forEach((cls, c) => {
    if (st.zspages[c] === 0) return;
    const groups: ZspageSnapshot[][] = [];
    for (let g = 0; g < NR_FULLNESS_GROUPS; g++) {
      groups.push([...st.lists.list(c, g)].map((slot) => zspageSnapshot(st, slot, cls.objsPerZspage)));
    }
    classes.push({ index: cls.index, size: cls.size, zspages: st.zspages[c], liveObjs: st.liveObjs[c], groups });
  });
  return {
    pagesAllocated: st.pagesAllocated, pagesCompacted: st.pagesCompacted,
    lastHandle: st.lastHandle, classes,
  };
}

/**
 * Feeds `to.add` every number of snapshotPool(st) that a state digest covers, in snapshot order,
 * without building the snapshot: per pool the three counters; per class that holds zspages its
 * index, then per fullness group its number and per zspage (head first) id, inuse, the handle
 * of each object and the free stack top down. A replay digests its state at every checkpoint,
 * so this walk is on the hot path.
 */
export function visitPool(st: PoolState, to: { add(v: number): void }): void {
  to.add(st.pagesAllocated); to.add(st.pagesCompacted); to.add(st.lastHandle);
  const zs = st.zs;
  const classes = st.table.classes;
  for (let c = 0; c < classes.length; c++) {
    if (st.zspages[c] === 0) continue;
    to.add(classes[c].index);
    const objs = classes[c].objsPerZspage;
    for (let g = 0; g < NR_FULLNESS_GROUPS; g++) {
      to.add(g);
      for (let slot = st.lists.head(c, g); slot !== NONE; slot = zs.next[slot]) {
        const base = zs.objBase[slot];
        to.add(zs.id[slot]); to.add(zs.inuse[slot]);
        for (let o = 0; o < objs; o++) to.add(zs.objHandle[base + o]);
        for (let i = zs.freeHead[slot]; i !== NONE; i = zs.nextFree[base + i]) to.add(i);
      }
    }
  }
}
