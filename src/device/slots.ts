// zram's slot table (struct zram_table_entry): one entry per 4 KiB page, a handle word and a
// flags word whose low ZRAM_FLAG_SHIFT bits hold the object size. As in zram_drv.c, nothing
// touches the arrays directly: these accessors are the only way in.
import type { Handle, PageIndex } from '../units';

export const ZRAM_FLAG_SHIFT = 13; // PAGE_SHIFT + 1
const SIZE_MASK = (1 << ZRAM_FLAG_SHIFT) - 1;
/** Flag bits above the size, in the kernel's enum zram_pageflags order. */
export const SlotFlag = {
  SAME: 1 << ZRAM_FLAG_SHIFT,     // page consists of one repeated 8-byte element
  WB: 1 << (ZRAM_FLAG_SHIFT + 1), // written back (not modelled: no backing device here)
  PP_SLOT: 1 << (ZRAM_FLAG_SHIFT + 2),
  HUGE: 1 << (ZRAM_FLAG_SHIFT + 3),
  IDLE: 1 << (ZRAM_FLAG_SHIFT + 4),
  INCOMPRESSIBLE: 1 << (ZRAM_FLAG_SHIFT + 5),
} as const;
export type SlotFlag = (typeof SlotFlag)[keyof typeof SlotFlag];

export interface SlotTable {
  readonly nrPages: number;
  readonly handle: Int32Array;          // zsmalloc handle, 0 = none
  readonly flags: Uint32Array;          // size | SlotFlag bits
  readonly elemLo: Uint32Array;         // same-filled element (kept apart from the handle here)
  readonly elemHi: Uint32Array;
  readonly data: (Uint8Array | undefined)[]; // object contents (compressed bytes, or 4096 raw)
  readonly ref: Float64Array;           // content key of the page stored (payload 'reference')
  readonly refDigest: (string | undefined)[]; // its read digest, when known (opaque to the device)
  /** The lowest and highest slot whose handle, flags, size or element changed since the last
   * state digest (nrPages and -1: none): the digest resumes from there (slot-digest.ts). */
  dirtyFrom: number;
  dirtyTo: number;
}

export function createSlotTable(nrPages: number): SlotTable {
  return {
    nrPages,
    handle: new Int32Array(nrPages),
    flags: new Uint32Array(nrPages),
    elemLo: new Uint32Array(nrPages),
    elemHi: new Uint32Array(nrPages),
    data: new Array<Uint8Array | undefined>(nrPages),
    ref: new Float64Array(nrPages),
    refDigest: new Array<string | undefined>(nrPages),
    dirtyFrom: 0,
    dirtyTo: nrPages - 1,
  };
}

/** Slot i changed what the state digest covers. */
function touch(t: SlotTable, i: number): void {
  if (i < t.dirtyFrom) t.dirtyFrom = i;
  if (i > t.dirtyTo) t.dirtyTo = i;
}
/** Flags of slot i from `f`; a store that changes nothing leaves the slot clean (reads). */
function storeFlags(t: SlotTable, i: number, f: number): void {
  const old = t.flags[i];
  t.flags[i] = f;
  if (t.flags[i] !== old) touch(t, i);
}

export const getSlotHandle = (t: SlotTable, i: PageIndex): Handle => t.handle[i] as Handle;
export const setSlotHandle = (t: SlotTable, i: PageIndex, h: Handle): void => { t.handle[i] = h; touch(t, i); };
export const getSlotSize = (t: SlotTable, i: PageIndex): number => t.flags[i] & SIZE_MASK;
export const setSlotSize = (t: SlotTable, i: PageIndex, size: number): void => {
  storeFlags(t, i, (t.flags[i] & ~SIZE_MASK) | size);
};
export const testSlotFlag = (t: SlotTable, i: PageIndex, f: SlotFlag): boolean => (t.flags[i] & f) !== 0;
export const setSlotFlag = (t: SlotTable, i: PageIndex, f: SlotFlag): void => storeFlags(t, i, t.flags[i] | f);
export const clearSlotFlag = (t: SlotTable, i: PageIndex, f: SlotFlag): void => storeFlags(t, i, t.flags[i] & ~f);
/** A slot holds data when it has a handle or is same-filled (slot_allocated()). */
export const slotAllocated = (t: SlotTable, i: PageIndex): boolean =>
  t.handle[i] !== 0 || testSlotFlag(t, i, SlotFlag.SAME);
export const getSlotElement = (t: SlotTable, i: PageIndex): [number, number] => [t.elemLo[i], t.elemHi[i]];
export const getSlotElementLo = (t: SlotTable, i: PageIndex): number => t.elemLo[i];
export const getSlotElementHi = (t: SlotTable, i: PageIndex): number => t.elemHi[i];
export const setSlotElement = (t: SlotTable, i: PageIndex, lo: number, hi: number): void => {
  t.elemLo[i] = lo; t.elemHi[i] = hi; touch(t, i);
};
export const getSlotData = (t: SlotTable, i: PageIndex): Uint8Array | undefined => t.data[i];
export const setSlotData = (t: SlotTable, i: PageIndex, d: Uint8Array | undefined): void => { t.data[i] = d; };
export const getSlotRef = (t: SlotTable, i: PageIndex): number => t.ref[i];
export const setSlotRef = (t: SlotTable, i: PageIndex, key: number, digest?: string): void => {
  t.ref[i] = key; t.refDigest[i] = digest;
};
export const getSlotRefDigest = (t: SlotTable, i: PageIndex): string | undefined => t.refDigest[i];
/** zram_accessed(): a read or successful write clears IDLE (and the post-processing mark). */
export const markSlotAccessed = (t: SlotTable, i: PageIndex): void => {
  storeFlags(t, i, t.flags[i] & ~(SlotFlag.IDLE | SlotFlag.PP_SLOT));
};
