// The state digest's lanes and its slot-table part. A replay digests its state at every
// checkpoint (every 1000 events), and a walk of every slot each time cost more than the rest of
// the checkpoint: the walk now resumes where the table first changed since the last digest.
import { pageIndex } from '../units';
import { getSlotElementHi, getSlotElementLo, getSlotHandle, getSlotSize, type SlotTable } from './slots';

/** FNV-1a over 32-bit words, two lanes: cheap, pure and stable across runs. The lanes are kept
 * as int32 (the same bits as uint32; `>>> 0` only when printed): uint32 values past 2^31 are
 * not small integers to V8, and storing them made a digest of every checkpoint 4x slower. */
export class Digest {
  a = 0x811c9dc5 | 0; b = 0x01000193 ^ 0x5bd1e995;
  add(v: number): void {
    this.a = Math.imul(this.a ^ v, 0x01000193);
    this.b = Math.imul(this.b ^ ((v * 31 + 7) | 0), 0x5bd1e995);
  }
  hex(): string { return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0'); }
}

/** Feeds `d` every non-empty slot of [from, to) in index order; true if there was one. */
export function digestSlotRange(d: Digest, t: SlotTable, from: number, to: number): boolean {
  let any = false;
  for (let i = from; i < to; i++) {
    if (t.flags[i] === 0 && t.handle[i] === 0) continue;
    const idx = pageIndex(i);
    d.add(i); d.add(t.flags[i]); d.add(getSlotHandle(t, idx)); d.add(getSlotSize(t, idx));
    d.add(getSlotElementLo(t, idx)); d.add(getSlotElementHi(t, idx));
    any = true;
  }
  return any;
}

const BLOCK_SHIFT = 10; // blocks of 1024 slots: a 1 GiB device has 256, and a resume redoes < 1024 slots
const BLOCK = 1 << BLOCK_SHIFT;

/** What the last digest of a table saw, per block: the lanes at its start (entry nBlocks: after
 * the last slot) and whether it held no non-empty slot. */
interface SlotDigestCache {
  readonly lanes: Int32Array;
  readonly empty: Uint8Array;
}
/** Kept beside the table, not in it: the table is plain data (fold snapshots serialize it), and a
 * table that goes (reset) takes its cache with it. A new table has none: its first digest walks all. */
const caches = new WeakMap<SlotTable, SlotDigestCache>();

/** digestSlotRange(d, t, 0, t.nrPages) with `d` fresh, from the cache: the lanes resume at the
 * block of the first slot changed since (t.dirtyFrom); past the last changed block (t.dirtyTo)
 * an empty block stays empty, and lanes equal to the cached ones there mean the rest is as cached. */
export function digestSlots(d: Digest, t: SlotTable): void {
  const n = t.nrPages, nBlocks = (n + BLOCK - 1) >> BLOCK_SHIFT;
  let c = caches.get(t);
  let from = t.dirtyFrom, to = t.dirtyTo;
  if (c === undefined || c.lanes[0] !== d.a || c.lanes[1] !== d.b) {
    c = { lanes: new Int32Array(2 * (nBlocks + 1)), empty: new Uint8Array(nBlocks) };
    c.lanes[0] = d.a; c.lanes[1] = d.b;
    caches.set(t, c);
    from = 0; to = n - 1;
  }
  t.dirtyFrom = n; t.dirtyTo = -1;
  const { lanes, empty } = c;
  const lastDirty = to >> BLOCK_SHIFT;
  let k = from < n ? from >> BLOCK_SHIFT : nBlocks;
  d.a = lanes[2 * k]; d.b = lanes[2 * k + 1];
  for (; k < nBlocks; k++) {
    const untouched = k > lastDirty; // this block and all after it are as the last digest saw them
    if (untouched && d.a === lanes[2 * k] && d.b === lanes[2 * k + 1]) break;
    lanes[2 * k] = d.a; lanes[2 * k + 1] = d.b;
    if (untouched && empty[k] === 1) continue;
    const start = k << BLOCK_SHIFT;
    empty[k] = digestSlotRange(d, t, start, Math.min(n, start + BLOCK)) ? 0 : 1;
  }
  if (k < nBlocks) { d.a = lanes[2 * nBlocks]; d.b = lanes[2 * nBlocks + 1]; return; }
  lanes[2 * nBlocks] = d.a; lanes[2 * nBlocks + 1] = d.b;
}
