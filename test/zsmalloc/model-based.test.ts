import fc from 'fast-check';
import { createZsPool, type ZsPoolModel } from '../../src/zsmalloc/pool';
import { ZS_CLASS_TABLE } from '../../src/zsmalloc/class-table';
import { fullnessGroup } from '../../src/zsmalloc/fullness';
import type { PoolSnapshot } from '../../src/zsmalloc/snapshot';
import type { Handle } from '../../src/units';
import { NaiveZsPool } from './naive-model';

/*
 * Model-based test: random malloc/free/compact sequences run through the real pool and the
 * naive model of naive-model.ts; after every step both must agree on totals, on where every
 * live handle sits, and on the full snapshot (list order, free stacks). Sizes favour classes
 * with few objects per zspage, so zspages fill, empty and compact often.
 */

type Op =
  | { kind: 'malloc'; size: number; count: number }
  | { kind: 'free'; pick: number }
  | { kind: 'freeEvery'; k: number; start: number }
  | { kind: 'compact' };

const sizeArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 2969, max: 3064 }) }, // class 3072: 4 objects
  { weight: 3, arbitrary: fc.integer({ min: 3577, max: 3624 }) }, // class 3632: 9 objects
  { weight: 3, arbitrary: fc.integer({ min: 1017, max: 1048 }) }, // class 1056: 31 objects
  { weight: 2, arbitrary: fc.constantFrom(2000, 1000, 4096, 100, 500) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }) },
);
// Bursts of mallocs and strided frees fragment zspages, so compaction has work to do
// (about 4 in 10 compactions free pages with these weights).
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('malloc' as const), size: sizeArb, count: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('freeEvery' as const), k: fc.integer({ min: 2, max: 5 }), start: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'compact' as const }) },
);

/** Every live handle sits in exactly one object; counts, pages and groups agree. Returns a problem or null. */
function invariantProblem(snap: PoolSnapshot, live: readonly Handle[]): string | null {
  const seen = new Set<number>();
  let pages = 0;
  for (const c of snap.classes) {
    const cls = ZS_CLASS_TABLE.classes.find((x) => x.index === c.index)!;
    const all = c.groups.flat();
    pages += all.length * cls.pagesPerZspage;
    if (all.length !== c.zspages) return `class ${c.index}: ${c.zspages} zspages, ${all.length} listed`;
    for (const [g, list] of c.groups.entries()) {
      for (const z of list) {
        const held = z.objects.filter((h) => h !== 0);
        if (held.length !== z.inuse) return `zspage ${z.id}: inuse ${z.inuse}, holds ${held.length}`;
        if (fullnessGroup(z.inuse, cls.objsPerZspage) !== g) return `zspage ${z.id} filed in group ${g}`;
        if (z.freeStack.length + held.length !== cls.objsPerZspage
          || z.freeStack.some((i) => z.objects[i] !== 0)) return `zspage ${z.id}: bad free stack`;
        for (const h of held) { if (seen.has(h)) return `handle ${h} twice`; seen.add(h); }
      }
    }
  }
  if (pages !== snap.pagesAllocated) return `pages ${snap.pagesAllocated} != sum ${pages}`;
  if (seen.size !== live.length || live.some((h) => !seen.has(h))) return 'live handles differ from stored ones';
  return null;
}

function step(op: Op, real: ZsPoolModel, naive: NaiveZsPool, live: Handle[]): void {
  switch (op.kind) {
    case 'malloc':
      for (let i = 0; i < op.count; i++) {
        const h = real.malloc(op.size);
        if (naive.malloc(op.size) !== h) throw new Error(`handle ${h} differs from the model`);
        live.push(h);
      }
      break;
    case 'free': {
      if (live.length === 0) return;
      const [h] = live.splice(op.pick % live.length, 1);
      real.free(h); naive.free(h);
      break;
    }
    case 'freeEvery': {
      const keep = live.filter((_, i) => i % op.k !== op.start % op.k);
      for (const h of live.filter((_, i) => i % op.k === op.start % op.k)) { real.free(h); naive.free(h); }
      live.splice(0, live.length, ...keep);
      break;
    }
    case 'compact': {
      const before = storedHandles(real.snapshot());
      expect(real.compact()).toBe(naive.compact());
      expect(storedHandles(real.snapshot())).toBe(before); // compaction keeps the set of live handles
      break;
    }
  }
}

const storedHandles = (snap: PoolSnapshot): string => snap.classes
  .flatMap((c) => c.groups.flat().flatMap((z) => z.objects)).filter((h) => h !== 0).sort((a, b) => a - b).join(',');

function view(pool: ZsPoolModel | NaiveZsPool, live: readonly Handle[]): string {
  const locs = live.map((h) => { const l = pool.locate(h); return `${h}:${l.zspage}/${l.obj}`; });
  return JSON.stringify([pool.totalPages(), pool.pagesCompacted(), pool.liveHandles(), locs, pool.snapshot()]);
}

function runAgainstModel(ops: Op[]): void {
  const real = createZsPool();
  const naive = new NaiveZsPool(ZS_CLASS_TABLE.classes);
  const live: Handle[] = [];
  ops.forEach((op, i) => {
    step(op, real, naive, live);
    const [r, n] = [view(real, live), view(naive, live)];
    if (r !== n) expect([i, op, JSON.parse(r)]).toEqual([i, op, JSON.parse(n)]); // readable diff
    expect(invariantProblem(real.snapshot(), live)).toBeNull();
  });
}

const seed = Number(process.env.ZS_SEED ?? (Date.now() % 0x7fffffff));

describe(`zsmalloc pool vs naive model (seed ${seed}; rerun with ZS_SEED=${seed})`, () => {
  it(`agrees after every malloc/free/compact step (seed ${seed})`, () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 60, size: 'max' }), (ops) => runAgainstModel(ops)), { seed, numRuns: 200 });
  });

  it('the naive model itself reproduces A.7 (90 x 3000, free i%4 != 0, compact: 51 pages)', () => {
    const naive = new NaiveZsPool(ZS_CLASS_TABLE.classes);
    const hs = Array.from({ length: 90 }, () => naive.malloc(3000));
    hs.forEach((h, i) => { if (i % 4 !== 0) naive.free(h); });
    expect([naive.compact(), naive.totalPages()]).toEqual([51, 18]);
  });

  it('the invariant check rejects a snapshot with a handle stored twice or a wrong group', () => {
    const real = createZsPool();
    const live = [real.malloc(3000), real.malloc(3000)];
    const snap = real.snapshot();
    expect(invariantProblem(snap, live)).toBeNull();
    const z = snap.classes[0].groups[6][0];
    const twice = { ...snap, classes: [{ ...snap.classes[0], groups: snap.classes[0].groups.map((l, g) =>
      (g === 6 ? [{ ...z, objects: [z.objects[0], z.objects[0], 0, 0] }] : l)) }] };
    expect(invariantProblem(twice, live)).toMatch(/twice/);
    const misfiled = { ...snap, classes: [{ ...snap.classes[0], groups: snap.classes[0].groups.map((l, g) =>
      (g === 6 ? [] : g === 5 ? [z] : l)) }] };
    expect(invariantProblem(misfiled, live)).toMatch(/group 5/);
  });
});
