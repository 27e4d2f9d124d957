// What part of the device state a step can read or change, for the partial-order reduction
// (reduce.ts). Two steps of different threads are independent when their footprints do not
// conflict: then, in any state where both can run, running them in either order gives the same
// state, and neither enables or disables the other. The footprints are deliberately coarse
// (conservative): whatever a step might touch is listed, and anything not understood touches
// everything. test/explore/reduce.test.ts checks every pair called independent by running both
// orders at every state the shipped and random scenarios reach.
import type { LifetimeName } from '../device/lifetime/types';
import type { Scenario, Step } from './scenario';

/** r: reads; w: changes; c: changes by an update that commutes with every other `c` of the
 * same resource (a set insert of its own key, a counter increment) and is read by no `c`. */
export type Access = 'r' | 'w' | 'c';
export type Footprint = ReadonlyMap<string, Access>;

/** Touches everything: resets, sysfs stores, anything not listed below. */
const ALL: Footprint = new Map([['*', 'w']]);
export const NOTHING: Footprint = new Map();

function pagesOf(p: number, n: number, a: Access, into: Map<string, Access>): void {
  for (let i = 0; i < n; i++) into.set(`slot:${p + i}`, a);
}

/**
 * The footprint of `st` when it does real work (not a no-op).
 * - life: initialisation, meta, disksize, claim, a pending reset (read by every bio and open).
 * - refs: the bios holding or waiting for meta. Under claim and init-lock each bio adds and
 *   removes only its own id and nothing a bio does depends on other bios' entries (`c`).
 *   Under refcount a bio's get succeeds or fails on the count of the others once the initial
 *   reference is gone (late-bio-joins.scn), so bios there write it, unless `initialRefHeld`:
 *   while the initial reference is held every get succeeds and no put reaches 0. Only a reset
 *   or a store (which touch everything) changes that, and the reduction's argument only runs
 *   other threads' steps that do not conflict with the chosen ones, so it stays held there.
 * - open: the openers (each thread adds and removes its own fd).
 * - slot:P: page P's slot and its stored object; a read may update the slot's flags (w).
 * - pool: the zsmalloc pool and what derives from it (mem_used_max, mem_limit failures):
 *   allocation and free orders change it, so every write and discard writes it.
 * - stats: counters that only add up (num_reads, io_stat, block statistics).
 * - findings: the checks' findings, a set (the reduced exploration compares them sorted).
 * - reclaim: init-lock's lockdep record of the first bio that took the read side in reclaim.
 */
export function footprint(sc: Scenario, lifetime: LifetimeName, st: Step, initialRefHeld: boolean): Footprint {
  const op = st.op;
  const refs: Access = (lifetime === 'refcount' || lifetime === 'refcount-nowake') && !initialRefHeld ? 'w' : 'c';
  switch (op.kind) {
    case 'open': return new Map([['life', 'r'], ['open', 'c']]);
    case 'close': return new Map([['open', 'c']]);
    case 'queue': {
      const fp = new Map<string, Access>([['life', 'r'], ['refs', refs], ['findings', 'c']]);
      if (st.thread < 0 || sc.threads[st.thread].context === 'reclaim') fp.set('reclaim', 'w');
      return fp;
    }
    case 'complete': {
      const q = sc.steps.find((x) => x.op.kind === 'queue' && x.op.bio === op.bio);
      if (!q || q.op.kind !== 'queue') return ALL;
      const fp = new Map<string, Access>([['life', 'r'], ['refs', refs], ['findings', 'c'], ['stats', 'c']]);
      if (q.op.op === 'read') pagesOf(q.op.page, q.op.pages, 'w', fp);
      else {
        pagesOf(q.op.page, q.op.pages, 'w', fp);
        fp.set('pool', 'w');
      }
      return fp;
    }
    default: return ALL;
  }
}

export function conflicts(a: Footprint, b: Footprint): boolean {
  if (a.size === 0 || b.size === 0) return false;
  if (a.has('*') || b.has('*')) return true;
  for (const [res, x] of a) {
    const y = b.get(res);
    if (y !== undefined && !(x === 'r' && y === 'r') && !(x === 'c' && y === 'c')) return true;
  }
  return false;
}
