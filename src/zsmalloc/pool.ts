import type { Handle } from '../units';
import { classIdFor, ZS_CLASS_TABLE, type ClassTable } from './class-table';
import { zsCompact, zsShrinkerCount } from './compact';
import { zsFree, zsMalloc } from './malloc-free';
import { classStats, type ClassStat } from './class-stats';
import { handleGet } from './handle-table';
import { newPoolState, type PoolState } from './pool-state';
import { snapshotPool, visitPool, type PoolSnapshot } from './snapshot';
import type { SizeClass, ZsPool } from './types';

/** The pool plus what tests, digests and diffs need beyond the ZsPool contract. */
export interface ZsPoolModel extends ZsPool {
  readonly table: ClassTable;
  /** Deterministic copy of the whole state (see snapshot.ts). */
  snapshot(): PoolSnapshot;
  /** The digested numbers of snapshot(), in its order, without building it (snapshot.ts). */
  visit(to: { add(v: number): void }): void;
}

/**
 * A zsmalloc pool as zram 6.18 creates it (zs_create_pool). The default table is the
 * modelled configuration (4 KiB pages, chain size 8); other tables are for experiments.
 */
export function createZsPool(table: ClassTable = ZS_CLASS_TABLE): ZsPoolModel {
  return poolOver(newPoolState(table));
}

/** Pools made here, by their state: a fold snapshot copies the state and rebuilds the pool
 * over the copy (zsPoolFromState) instead of replaying the events that made it. */
const states = new WeakMap<ZsPool, PoolState>();

/** The state behind a pool made by createZsPool (undefined for other pools). */
export const poolStateOf = (p: ZsPool): PoolState | undefined => states.get(p);

/** A pool over `st` (a restored copy of a poolStateOf()); the pool owns it from now on. */
export const zsPoolFromState = (st: PoolState): ZsPoolModel => poolOver(st);

function poolOver(st: PoolState): ZsPoolModel {
  const table = st.table;
  const pool: ZsPoolModel = {
    table,
    malloc: (size: number): Handle => zsMalloc(st, size),
    free: (h: Handle): void => zsFree(st, h),
    compact: (): number => zsCompact(st),
    shrinkerCount: (): number => zsShrinkerCount(st),
    totalPages: (): number => st.pagesAllocated,
    pagesCompacted: (): number => st.pagesCompacted,
    liveHandles: (): number => st.handles.size,
    classFor(size: number): SizeClass {
      if (!Number.isInteger(size) || size < 1 || size > table.pageSize) {
        throw new RangeError(`classFor: size ${size} outside 1..${table.pageSize}`);
      }
      return table.classes[classIdFor(table, size)];
    },
    locate(h: Handle): { zspage: number; obj: number } {
      const pos = handleGet(st.handles, h);
      if (pos === undefined) throw new Error(`locate: unknown handle ${h}`);
      const slot = st.zs.owner[pos];
      return { zspage: st.zs.id[slot], obj: pos - st.zs.objBase[slot] };
    },
    snapshot: (): PoolSnapshot => snapshotPool(st),
    visit: (to: { add(v: number): void }): void => visitPool(st, to),
    classStats: (): ClassStat[] => classStats(st),
  };
  states.set(pool, st);
  return pool;
}
