import type { SizeClass } from './types';

/*
 * zsmalloc size classes (zram-6.18.md §6.1, §6.3; models zs_create_pool and
 * calculate_zspage_chain_size).
 *
 * Summary: class i has size 32 + 16*i (delta = PAGE_SIZE >> 8), capped at PAGE_SIZE. Its
 * zspage spans the 1..chainSize pages that waste least (ties to the fewer pages; powers of
 * two always take 1 page). Classes are built from the largest down; a class with the same
 * (pages, objs) as the last one built becomes an alias of it, so the representative of index
 * i is the smallest distinct index >= i. huge_class_size is the size - 7 of the largest
 * class that is neither 1-page nor 1-object: requests of that many bytes or more land in a
 * one-object-per-page class.
 */

export const ZS_HANDLE_SIZE = 8;          // sizeof(unsigned long), added to every request
const CLASS_BITS = 8;                      // ZS_SIZE_CLASS_DELTA = PAGE_SIZE >> CLASS_BITS
const MAX_POSSIBLE_PHYSMEM_BITS = 52;      // x86-64
const BITS_PER_LONG = 64;

export interface ClassTable {
  readonly pageSize: number;
  readonly chainSize: number;              // ZS_MAX_PAGES_PER_ZSPAGE
  readonly minAllocSize: number;           // ZS_MIN_ALLOC_SIZE
  readonly classDelta: number;             // ZS_SIZE_CLASS_DELTA
  readonly sizeClasses: number;            // ZS_SIZE_CLASSES (number of indices)
  /** Distinct classes, ascending index; a class's position here is its "class id". */
  readonly classes: readonly SizeClass[];
  /** Class id (position in `classes`) of each index 0..sizeClasses-1. */
  readonly idOfIndex: Int32Array;
  readonly hugeClassSize: number;          // 0 if no class qualifies
}

/** Pages per zspage that waste least for objects of `size` bytes. */
export function zspageChainSize(size: number, pageSize: number, chainSize: number): number {
  if ((size & (size - 1)) === 0) return 1;
  let best = 1;
  let minWaste = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= chainSize; k++) {
    const waste = (k * pageSize) % size;
    if (waste < minWaste) { minWaste = waste; best = k; } // strict: ties keep the smaller k
  }
  return best;
}

export function computeClassTable(pageSize: number, chainSize: number): ClassTable {
  const pageShift = Math.log2(pageSize);
  if (!Number.isInteger(pageShift) || chainSize < 1) throw new RangeError('bad class table geometry');
  const objIndexBits = BITS_PER_LONG - (MAX_POSSIBLE_PHYSMEM_BITS - pageShift);
  const minAllocSize = Math.max(32, Math.floor((chainSize * pageSize) / 2 ** objIndexBits));
  const classDelta = pageSize >> CLASS_BITS;
  const sizeClasses = Math.ceil((pageSize - minAllocSize) / classDelta) + 1;

  const descending: SizeClass[] = [];
  const repIndex = new Int32Array(sizeClasses);
  let hugeClassSize = 0;
  for (let i = sizeClasses - 1; i >= 0; i--) {
    const size = Math.min(minAllocSize + i * classDelta, pageSize);
    const pages = zspageChainSize(size, pageSize, chainSize);
    const objs = Math.floor((pages * pageSize) / size);
    if (pages !== 1 && objs !== 1 && hugeClassSize === 0) hugeClassSize = size - (ZS_HANDLE_SIZE - 1);
    const prev = descending[descending.length - 1];
    if (prev && prev.pagesPerZspage === pages && prev.objsPerZspage === objs) {
      repIndex[i] = prev.index;           // alias of the nearest larger distinct class
      continue;
    }
    descending.push(Object.freeze({ index: i, size, pagesPerZspage: pages, objsPerZspage: objs }));
    repIndex[i] = i;
  }
  const classes = descending.reverse();
  const idOfRep = new Map(classes.map((c, id) => [c.index, id]));
  const idOfIndex = Int32Array.from(repIndex, (rep) => idOfRep.get(rep) as number);
  return Object.freeze({
    pageSize, chainSize, minAllocSize, classDelta, sizeClasses,
    classes: Object.freeze(classes), idOfIndex, hugeClassSize,
  });
}

/** Class id for a zs_malloc(n) request (1 <= n <= pageSize); the handle header is added here. */
export function classIdFor(table: ClassTable, n: number): number {
  const s = n + ZS_HANDLE_SIZE;
  let idx = s <= table.minAllocSize ? 0 : Math.ceil((s - table.minAllocSize) / table.classDelta);
  if (idx > table.sizeClasses - 1) idx = table.sizeClasses - 1;
  return table.idOfIndex[idx];
}

/** The configuration modelled: x86-64, 4 KiB pages, CONFIG_ZSMALLOC_CHAIN_SIZE=8. Built once. */
export const ZS_CLASS_TABLE: ClassTable = computeClassTable(4096, 8);
