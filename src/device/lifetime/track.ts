// What the metadata-lifetime designs remember beyond the device itself (zram-6.18.md §3):
// which bios hold meta (a reference, or init_lock's read side), which wait, the reset between
// its request and its completion, and the checks' findings. Findings are data, never throws.
import type { IoContext } from '../../events/types';
import { newBioTable, type BioTable } from '../bio-table';
import type { SlotTable } from '../slots';

export type FindingKind =
  | 'freed-meta-use'          // a bio ran on meta that a reset had freed
  | 'meta-freed-in-reclaim'   // meta freed from reclaim context (its destructors may sleep on locks)
  | 'io-on-uninitialised'     // zram processed a bio while the device had no meta
  | 'stats-survive-reset'     // a bio accepted before a reset changed counters after it
  | 'lock-order'              // init_lock read in reclaim and written under GFP_KERNEL allocation
  | 'reset-never-completes';  // a reset waits for something that can no longer happen

export interface Finding { readonly kind: FindingKind; readonly detail: string }

export interface MetaTrack {
  /** refcount: bios whose zram_meta_get succeeded; init-lock: bios holding init_lock for reading. */
  readonly holders: Set<number>;
  /** init-lock: bios blocked in down_read behind the resetting writer. */
  readonly waiters: Map<number, IoContext>;
  /** The meta generation each in-flight bio took (0 = the device had none). */
  readonly bioMeta: BioTable<number>;
  /** A reset between its request and its completion (refcount, init-lock; claim uses s.claim).
   * `asleep`: refcount-nowake's reset sleeps on io_done and nothing will wake it. */
  reset: { readonly context: IoContext; readonly asleep: boolean } | null;
  /** Context of the accepted reset request, whatever the design: meta is freed there. */
  resetContext: IoContext;
  /** refcount: the reset has dropped the initial reference (disksize_store took it). */
  initialRefDropped: boolean;
  /** init-lock, lockdep-style usage: which bio took the read side in reclaim context, and
   * whether a reset took the write side (then allocating under it). */
  readInReclaim: number | null;
  writeByReset: boolean;
  /** Meta generations: a new slot table is a new meta; `lastSlots` detects the change. */
  gen: number;
  lastSlots: SlotTable | null;
  readonly findings: Finding[];
}

export const newMetaTrack = (): MetaTrack => ({
  holders: new Set(), waiters: new Map(), bioMeta: newBioTable(), reset: null, resetContext: 'process',
  initialRefDropped: false, readInReclaim: null, writeByReset: false, gen: 0, lastSlots: null, findings: [],
});

/** The generation of the meta the device has now (0: none). Every disksize_store makes a new
 * slot table, every reset drops it, so a change of identity is a change of meta. */
export function metaGeneration(t: MetaTrack, slots: SlotTable | null): number {
  if (slots !== t.lastSlots) {
    t.lastSlots = slots;
    if (slots !== null) t.gen++;
  }
  return slots === null ? 0 : t.gen;
}

export function addFinding(t: MetaTrack, kind: FindingKind, detail: string): void {
  if (!t.findings.some((f) => f.kind === kind && f.detail === detail)) t.findings.push({ kind, detail });
}
