/*
 * Storage for zspages and their objects, in growable typed arrays so that a pool with
 * hundreds of thousands of live objects stays cheap.
 *
 * A zspage lives in a *slot* (per-zspage fields are indexed by slot). Each slot owns a
 * fixed run of `objs` positions in the object arena (per-object fields are indexed by
 * position). Slot and run stay together for life: a destroyed zspage's slot goes to a
 * per-class recycle stack and is reused by the next zspage of the same class, so the run
 * already has the right length. Slots are internal; the public zspage identity is `id`, a
 * creation counter, so it does not depend on this recycling.
 */

export const NONE = -1;

function growI32(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function growF64(a: Float64Array, need: number): Float64Array {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class ZspageStore {
  // Per slot.
  cls: Int32Array = new Int32Array(64);       // class id (position in ClassTable.classes)
  inuse: Int32Array = new Int32Array(64);     // live objects
  group: Int32Array = new Int32Array(64);     // fullness group last filed under (§6.5)
  prev: Int32Array = new Int32Array(64);      // fullness list links (slots), NONE at the ends
  next: Int32Array = new Int32Array(64);
  freeHead: Int32Array = new Int32Array(64);  // object index on top of the free stack, NONE if full
  objBase: Int32Array = new Int32Array(64);   // first arena position of this slot's objects
  id: Float64Array = new Float64Array(64);      // public zspage id (creation order, from 1)
  // Per arena position.
  objHandle: Float64Array = new Float64Array(1024); // handle stored in the object, 0 if free
  nextFree: Int32Array = new Int32Array(1024);    // next object index down the free stack, NONE at the bottom
  owner: Int32Array = new Int32Array(1024);       // slot owning this position

  private slotCount = 0;
  private arenaLen = 0;
  private lastId = 0;
  private readonly recycled: number[][];

  constructor(classCount: number) {
    this.recycled = Array.from({ length: classCount }, () => []);
  }

  /** A fresh zspage of class `c` with `objs` free objects; the free stack pops 0, 1, 2, ... */
  create(c: number, objs: number): number {
    const slot = this.recycled[c].pop() ?? this.newSlot(objs);
    const base = this.objBase[slot];
    for (let i = 0; i < objs; i++) {
      this.objHandle[base + i] = 0;
      this.nextFree[base + i] = i + 1 < objs ? i + 1 : NONE;
    }
    this.cls[slot] = c;
    this.inuse[slot] = 0;
    this.freeHead[slot] = 0;
    this.prev[slot] = NONE;
    this.next[slot] = NONE;
    this.id[slot] = ++this.lastId;
    return slot;
  }

  /** Returns the slot (and its object run) to its class for reuse. */
  destroy(slot: number): void {
    this.id[slot] = 0;
    this.recycled[this.cls[slot]].push(slot);
  }

  private newSlot(objs: number): number {
    const slot = this.slotCount++;
    if (slot >= this.cls.length) this.growSlots(slot + 1);
    const base = this.arenaLen;
    this.arenaLen += objs;
    if (this.arenaLen > this.objHandle.length) {
      this.objHandle = growF64(this.objHandle, this.arenaLen);
      this.nextFree = growI32(this.nextFree, this.arenaLen);
      this.owner = growI32(this.owner, this.arenaLen);
    }
    this.owner.fill(slot, base, base + objs);
    this.objBase[slot] = base;
    return slot;
  }

  private growSlots(need: number): void {
    this.cls = growI32(this.cls, need);
    this.inuse = growI32(this.inuse, need);
    this.group = growI32(this.group, need);
    this.prev = growI32(this.prev, need);
    this.next = growI32(this.next, need);
    this.freeHead = growI32(this.freeHead, need);
    this.objBase = growI32(this.objBase, need);
    this.id = growF64(this.id, need);
  }
}
