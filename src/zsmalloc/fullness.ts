import { NONE, type ZspageStore } from './zspage-store';

/*
 * Fullness groups (zram-6.18.md §6.4, §6.5; models get_fullness_group, insert_zspage,
 * remove_zspage and fix_fullness_group).
 *
 * Each class keeps 12 lists of zspages: group 0 = empty, 1..10 = deciles of the integer
 * percentage in use (group g covers 10(g-1)..10g-1 %), 11 = full. New entries go to the
 * head. A zspage whose group did not change keeps its place in its list.
 */

export const ZS_INUSE_RATIO_0 = 0;
export const ZS_INUSE_RATIO_10 = 1;
export const ZS_INUSE_RATIO_99 = 10;
export const ZS_INUSE_RATIO_100 = 11;
export const NR_FULLNESS_GROUPS = 12;

export function fullnessGroup(inuse: number, objs: number): number {
  if (inuse === 0) return ZS_INUSE_RATIO_0;
  if (inuse === objs) return ZS_INUSE_RATIO_100;
  return Math.floor(Math.floor((100 * inuse) / objs) / 10) + 1;
}

/** The per-class fullness lists, threaded through the store's prev/next slot links. */
export class FullnessLists {
  private readonly heads: Int32Array;

  constructor(private readonly zs: ZspageStore, classCount: number) {
    this.heads = new Int32Array(classCount * NR_FULLNESS_GROUPS).fill(NONE);
  }

  /** First zspage of class `c` in group `g`, or NONE. */
  head(c: number, g: number): number {
    return this.heads[c * NR_FULLNESS_GROUPS + g];
  }

  /** Head of the first non-empty group walking from `from` to `to` (either direction), or NONE. */
  firstIn(c: number, from: number, to: number): number {
    const step = from <= to ? 1 : -1;
    for (let g = from; g !== to + step; g += step) {
      const slot = this.heads[c * NR_FULLNESS_GROUPS + g];
      if (slot !== NONE) return slot;
    }
    return NONE;
  }

  /** insert_zspage: file `slot` at the head of group `g` of its class. */
  insertHead(slot: number, g: number): void {
    const zs = this.zs;
    const h = zs.cls[slot] * NR_FULLNESS_GROUPS + g;
    const old = this.heads[h];
    zs.group[slot] = g;
    zs.prev[slot] = NONE;
    zs.next[slot] = old;
    if (old !== NONE) zs.prev[old] = slot;
    this.heads[h] = slot;
  }

  /** remove_zspage: unlink `slot` from the list of the group it was filed under. */
  unlink(slot: number): void {
    const zs = this.zs;
    const p = zs.prev[slot];
    const n = zs.next[slot];
    if (p !== NONE) zs.next[p] = n;
    else this.heads[zs.cls[slot] * NR_FULLNESS_GROUPS + zs.group[slot]] = n;
    if (n !== NONE) zs.prev[n] = p;
    zs.prev[slot] = NONE;
    zs.next[slot] = NONE;
  }

  /** fix_fullness_group: move `slot` to the head of its new group only if the group changed. */
  fixFullness(slot: number, objs: number): number {
    const g = fullnessGroup(this.zs.inuse[slot], objs);
    if (g !== this.zs.group[slot]) {
      this.unlink(slot);
      this.insertHead(slot, g);
    }
    return g;
  }

  /** Slots of class `c`, group `g`, head first. */
  *list(c: number, g: number): Generator<number> {
    for (let s = this.heads[c * NR_FULLNESS_GROUPS + g]; s !== NONE; s = this.zs.next[s]) yield s;
  }
}
