// Model-based test: random event sequences folded by the real reducer and by a deliberately
// naive model (a Map of page → what was stored), with the invariants checked after every step.
import fc from 'fast-check';
import { getSlotHandle, slotAllocated, SlotFlag, testSlotFlag, getSlotSize } from '../../src/device/slots';
import type { ZsPoolModel } from '../../src/zsmalloc/pool';
import { pageIndex } from '../../src/units';
import { Spec, bio, ev, sizedDeps, sizedPage } from './harness';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const PAGES = 64;

type Op =
  | { k: 'write'; at: number; lens: number[]; seed: number }
  | { k: 'same'; at: number; n: number; byte: number }
  | { k: 'discard'; at: number; n: number }
  | { k: 'read'; at: number; n: number }
  | { k: 'compact' } | { k: 'limit'; pages: number } | { k: 'resetMax' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('write' as const), at: fc.nat(PAGES - 1), seed: fc.nat(),
    lens: fc.array(fc.oneof(fc.integer({ min: 8, max: 400 }), fc.integer({ min: 8, max: 4096 }), fc.integer({ min: 3600, max: 3700 })), { minLength: 1, maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('same' as const), at: fc.nat(PAGES - 1), n: fc.integer({ min: 1, max: 4 }), byte: fc.nat(255) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('discard' as const), at: fc.nat(PAGES - 1), n: fc.integer({ min: 1, max: 16 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('read' as const), at: fc.nat(PAGES - 1), n: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'compact' as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('limit' as const), pages: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 80 })) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'resetMax' as const }) },
);

/** What the naive model knows per page: the bytes and the size zram accounts for them. */
type Naive = Map<number, { data: Uint8Array; size: number; same: boolean; huge: boolean }>;
const clip = (at: number, n: number) => Math.max(0, Math.min(n, PAGES - at));

function apply(s: Spec, naive: Naive, op: Op): void {
  if (op.k === 'write' || op.k === 'same') {
    const n = op.k === 'write' ? clip(op.at, op.lens.length) : clip(op.at, op.n);
    if (n === 0) return;
    const pages = Array.from({ length: n }, (_, i) => op.k === 'write' ? sizedPage(op.lens[i], op.seed + i) : new Uint8Array(4096).fill(op.byte));
    s.when(bio('write', op.at, pages));
    const failedAt = s.last.kind === 'bio' && s.last.errno ? countStoredPrefix(s, op.at, pages) : n;
    for (let i = 0; i < failedAt; i++) {
      const len = op.k === 'write' ? op.lens[i] : 0;
      naive.set(op.at + i, { data: pages[i], size: op.k === 'same' ? 0 : len >= 3625 ? 4096 : len, same: op.k === 'same', huge: len >= 3625 });
    }
  } else if (op.k === 'discard') {
    const n = clip(op.at, op.n);
    if (n === 0) return;
    s.when(bio('discard', op.at, [], n));
    for (let i = 0; i < n; i++) naive.delete(op.at + i);
  } else if (op.k === 'read') {
    const n = clip(op.at, op.n);
    if (n === 0) return;
    s.when(bio('read', op.at, [], n));
    const data = s.last.kind === 'bio' ? s.last.data! : new Uint8Array();
    for (let i = 0; i < n; i++) {
      const want = naive.get(op.at + i)?.data ?? new Uint8Array(4096);
      expect(Buffer.compare(data.subarray(i * 4096, (i + 1) * 4096), want)).toBe(0);
    }
  } else if (op.k === 'compact') {
    const before = Array.from({ length: PAGES }, (_, i) => getSlotHandle(s.state.slots!, pageIndex(i)));
    const mm = s.mm;
    s.when(ev.store('compact', '1'));
    const after = Array.from({ length: PAGES }, (_, i) => getSlotHandle(s.state.slots!, pageIndex(i)));
    expect(after).toEqual(before); // compaction never touches zram's slot table
    expect([s.mm[0], s.mm[1], s.mm[4], s.mm[5], s.mm[7], s.mm[8]]).toEqual([mm[0], mm[1], mm[4], mm[5], mm[7], mm[8]]);
    expect(s.mm[2]).toBeLessThanOrEqual(mm[2]);
  } else if (op.k === 'limit') s.when(ev.store('mem_limit', String(op.pages * 4096)));
  else s.when(ev.store('mem_used_max', '0'));
}

/** After a failed write bio: how many leading pages were stored (the rest of the bio is skipped). */
function countStoredPrefix(s: Spec, at: number, pages: Uint8Array[]): number {
  s.when(bio('read', at, [], pages.length));
  const data = s.last.kind === 'bio' ? s.last.data! : new Uint8Array();
  let i = 0;
  while (i < pages.length && Buffer.compare(data.subarray(i * 4096, (i + 1) * 4096), pages[i]) === 0) i++;
  return i;
}

function checkInvariants(s: Spec, naive: Naive): void {
  const t = s.state.slots!;
  let stored = 0, compr = 0, same = 0, huge = 0;
  const handles = new Set<number>();
  for (let i = 0; i < PAGES; i++) {
    const idx = pageIndex(i);
    if (!slotAllocated(t, idx)) continue;
    stored++;
    if (testSlotFlag(t, idx, SlotFlag.SAME)) { same++; continue; }
    if (testSlotFlag(t, idx, SlotFlag.HUGE)) huge++;
    compr += getSlotSize(t, idx);
    const h = getSlotHandle(t, idx);
    expect(handles.has(h)).toBe(false); // each live handle is referenced by exactly one slot
    handles.add(h);
  }
  expect(handles.size).toBe(s.state.pool!.liveHandles());
  const n = [...naive.values()];
  expect(s.mm[0]).toBe(4096 * stored);
  expect([stored, compr, same, huge]).toEqual([naive.size, n.reduce((a, v) => a + v.size, 0), n.filter((v) => v.same).length, n.filter((v) => v.huge).length]);
  expect([s.mm[1], s.mm[5], s.mm[7]]).toEqual([compr, same, huge]);
  expect(s.mm[2]).toBeLessThanOrEqual(s.mm[4]); // memory is only allocated by writes, which raise the peak
  const snap = (s.state.pool as ZsPoolModel).snapshot();
  const zspagePages = snap.classes.reduce((a, c) => a + c.zspages * s.state.pool!.classFor(c.size - 8).pagesPerZspage, 0);
  expect(s.mm[2]).toBe(zspagePages * 4096); // pages allocated = sum over zspages
}

test(`reducer agrees with a naive page map (seed ${SEED})`, () => {
  fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
    const s = Spec.given(sizedDeps, ev.store('disksize', String(PAGES * 4096)));
    const naive: Naive = new Map();
    for (const op of ops) { apply(s, naive, op); checkInvariants(s, naive); }
  }), { seed: SEED, numRuns: 150 });
});
