import type { SizeClass } from '../../src/zsmalloc/types';
import type { ClassSnapshot, PoolSnapshot, ZspageSnapshot } from '../../src/zsmalloc/snapshot';

/*
 * A deliberately naive zsmalloc, written straight from zram-6.18.md §6 pseudo-code:
 * arrays of zspage records, lists as arrays (index 0 = head), linear scans everywhere.
 * It shares nothing with src/zsmalloc except the list of distinct classes.
 */

interface NZspage {
  id: number;
  cls: SizeClass;
  objects: number[]; // handle per object index, 0 = free
  free: number[];    // free stack, top = last element
  inuse: number;
}

const group = (z: NZspage): number => {
  if (z.inuse === 0) return 0;
  if (z.inuse === z.cls.objsPerZspage) return 11;
  return Math.floor(Math.floor((100 * z.inuse) / z.cls.objsPerZspage) / 10) + 1;
};

export class NaiveZsPool {
  private readonly lists = new Map<SizeClass, NZspage[][]>();
  private readonly all: NZspage[] = []; // every allocated zspage, listed or isolated
  private readonly where = new Map<number, [NZspage, number]>();
  private pagesAllocated = 0;
  private compacted = 0;
  private lastHandle = 0;
  private lastId = 0;

  constructor(private readonly classes: readonly SizeClass[]) {
    for (const c of classes) this.lists.set(c, Array.from({ length: 12 }, () => []));
  }

  classFor(n: number): SizeClass {
    return this.classes.find((c) => c.size >= n + 8) ?? this.classes[this.classes.length - 1];
  }

  private listOf(z: NZspage, g: number): NZspage[] { return (this.lists.get(z.cls) as NZspage[][])[g]; }
  private unlinkFrom(z: NZspage, g: number): void {
    const l = this.listOf(z, g);
    const i = l.indexOf(z);
    if (i < 0) throw new Error('naive: zspage not in its list');
    l.splice(i, 1);
  }
  private groupOf(z: NZspage): number {
    return (this.lists.get(z.cls) as NZspage[][]).findIndex((l) => l.includes(z));
  }
  private fix(z: NZspage): void {
    const old = this.groupOf(z);
    const g = group(z);
    if (old === g) return;
    this.unlinkFrom(z, old);
    this.listOf(z, g).unshift(z);
  }
  private destroy(z: NZspage): void {
    this.all.splice(this.all.indexOf(z), 1);
    this.pagesAllocated -= z.cls.pagesPerZspage;
  }
  private place(z: NZspage, h: number): void {
    const obj = z.free.pop() as number;
    z.objects[obj] = h; z.inuse++; this.where.set(h, [z, obj]);
  }
  private remove(z: NZspage, obj: number): void {
    z.objects[obj] = 0; z.free.push(obj); z.inuse--;
  }

  malloc(n: number): number {
    const cls = this.classFor(n);
    const lists = this.lists.get(cls) as NZspage[][];
    const h = ++this.lastHandle;
    for (let g = 10; g >= 0; g--) {
      if (lists[g].length > 0) { const z = lists[g][0]; this.place(z, h); this.fix(z); return h; }
    }
    const objs = cls.objsPerZspage;
    const z: NZspage = { id: ++this.lastId, cls, objects: new Array(objs).fill(0), inuse: 0,
      free: Array.from({ length: objs }, (_, i) => objs - 1 - i) };
    this.all.push(z);
    this.pagesAllocated += cls.pagesPerZspage;
    this.place(z, h);
    lists[group(z)].unshift(z);
    return h;
  }

  free(h: number): void {
    const [z, obj] = this.where.get(h) as [NZspage, number];
    this.where.delete(h);
    this.remove(z, obj);
    this.fix(z);
    if (z.inuse === 0) { this.unlinkFrom(z, 0); this.destroy(z); }
  }

  private canCompact(cls: SizeClass): number {
    const zs = this.all.filter((z) => z.cls === cls);
    const used = zs.reduce((s, z) => s + z.inuse, 0);
    return Math.floor((zs.length * cls.objsPerZspage - used) / cls.objsPerZspage) * cls.pagesPerZspage;
  }

  private isolate(lists: NZspage[][], groups: number[]): NZspage | undefined {
    const g = groups.find((i) => lists[i].length > 0);
    return g === undefined ? undefined : lists[g].shift();
  }

  private compactClass(cls: SizeClass): number {
    const lists = this.lists.get(cls) as NZspage[][];
    let dst: NZspage | undefined;
    let freed = 0;
    while (this.canCompact(cls) > 0) {
      dst ??= this.isolate(lists, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      if (!dst) break;
      const src = this.isolate(lists, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      if (!src) break;
      for (let i = 0; i < cls.objsPerZspage; i++) {
        if (src.objects[i] === 0) continue;
        const h = src.objects[i];
        this.place(dst, h);
        this.remove(src, i);
        if (dst.inuse === cls.objsPerZspage || src.inuse === 0) break;
      }
      const g = group(src);
      lists[g].unshift(src);
      if (g === 0) { lists[0].shift(); this.destroy(src); freed += cls.pagesPerZspage; }
      if (group(dst) === 11) { lists[11].unshift(dst); dst = undefined; }
    }
    if (dst) lists[group(dst)].unshift(dst);
    return freed;
  }

  compact(): number {
    let freed = 0;
    for (const cls of [...this.classes].sort((a, b) => b.index - a.index)) freed += this.compactClass(cls);
    this.compacted += freed;
    return freed;
  }

  totalPages(): number { return this.pagesAllocated; }
  pagesCompacted(): number { return this.compacted; }
  liveHandles(): number { return this.where.size; }
  locate(h: number): { zspage: number; obj: number } {
    const [z, obj] = this.where.get(h) as [NZspage, number];
    return { zspage: z.id, obj };
  }

  snapshot(): PoolSnapshot {
    const zsnap = (z: NZspage): ZspageSnapshot =>
      ({ id: z.id, inuse: z.inuse, objects: [...z.objects], freeStack: [...z.free].reverse() });
    const classes: ClassSnapshot[] = [];
    for (const cls of [...this.classes].sort((a, b) => a.index - b.index)) {
      const zs = this.all.filter((z) => z.cls === cls);
      if (zs.length === 0) continue;
      const groups = (this.lists.get(cls) as NZspage[][]).map((l) => l.map(zsnap));
      classes.push({ index: cls.index, size: cls.size, zspages: zs.length,
        liveObjs: zs.reduce((s, z) => s + z.inuse, 0), groups });
    }
    return { pagesAllocated: this.pagesAllocated, pagesCompacted: this.compacted,
      lastHandle: this.lastHandle, classes };
  }
}
