// The incremental state digest (src/device/slot-digest.ts) must equal a digest from scratch for
// every state: after random slot setter calls (the only writers of the table) and after random
// folds, on tables of several 1024-slot blocks, with digests at random points in between.
import * as v8 from 'node:v8';
import fc from 'fast-check';
import { kernelDeps } from '../../src/device/deps';
import { stateDigest, stateDigestFull } from '../../src/device/observe';
import {
  SlotFlag, clearSlotFlag, createSlotTable, markSlotAccessed, setSlotData, setSlotElement, setSlotFlag, setSlotHandle,
  setSlotRef, setSlotSize, getSlotHandle, type SlotTable,
} from '../../src/device/slots';
import { initialState, type DeviceState } from '../../src/device/state';
import { handle as toHandle, pageIndex } from '../../src/units';
import { Spec, bio, ev, sizedDeps, sizedPage } from './harness';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const FLAGS = Object.values(SlotFlag);

type SetterKind = 'handle' | 'size' | 'flag' | 'clear' | 'elem' | 'accessed' | 'flip' | 'data' | 'ref';
type SetterOp = { k: SetterKind; at: number; v: number; w: number } | { k: 'digest' } | { k: 'newTable' };

/** Slot indices near block edges (1023/1024, 2047/2048), the ends, and anywhere. */
const indexArb = (n: number): fc.Arbitrary<number> => fc.oneof(
  fc.nat(n - 1),
  fc.constantFrom(0, 1, 1022, 1023, 1024, 1025, 2047, 2048, n - 2, n - 1).map((i) => Math.max(0, Math.min(n - 1, i))),
);
const opArb = (at: fc.Arbitrary<number>): fc.Arbitrary<SetterOp> => fc.oneof(
  { weight: 12, arbitrary: fc.record({
    k: fc.constantFrom<SetterKind>('handle', 'size', 'flag', 'clear', 'elem', 'accessed', 'flip', 'data', 'ref'),
    at, v: fc.oneof(fc.constant(0), fc.nat(20), fc.nat(0x7fffffff)), w: fc.oneof(fc.constant(0), fc.nat(0xffffffff)),
  }) },
  { weight: 4, arbitrary: fc.constant({ k: 'digest' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'newTable' as const }) },
);

function applySetter(t: SlotTable, op: Extract<SetterOp, { at: number }>): void {
  const i = pageIndex(op.at);
  const flag = FLAGS[op.v % FLAGS.length];
  switch (op.k) {
    case 'handle': setSlotHandle(t, i, toHandle(op.v)); break;
    case 'size': setSlotSize(t, i, op.v % 8192); break;
    case 'flag': setSlotFlag(t, i, flag); break;
    case 'clear': clearSlotFlag(t, i, flag); break;
    case 'elem': setSlotElement(t, i, op.v, op.w); break;
    case 'accessed': markSlotAccessed(t, i); break;
    case 'data': setSlotData(t, i, op.v === 0 ? undefined : new Uint8Array(op.v % 8)); break;
    case 'ref': setSlotRef(t, i, op.v, op.w === 0 ? undefined : String(op.w)); break;
    case 'flip': { // changed and changed back before the next digest: dirty, but the digest is as before
      const h = getSlotHandle(t, i);
      setSlotHandle(t, i, toHandle(op.v + 1)); setSlotHandle(t, i, h);
      break;
    }
  }
}

const tableState = (n: number): DeviceState => {
  const s = initialState(kernelDeps);
  s.slots = createSlotTable(n);
  return s;
};

/** A table size and a few slots the ops keep coming back to (a setter only counts on a slot
 * that another one made non-empty), with block edges among them. */
const tableArb = fc.integer({ min: 1, max: 3100 }).chain((pages) =>
  fc.tuple(fc.constant(pages), fc.uniqueArray(indexArb(pages), { minLength: 1, maxLength: 12 })));

test(`slot setters then digests: incremental equals from scratch (seed ${SEED})`, () => {
  const run = tableArb.chain(([pages, hot]) =>
    fc.tuple(fc.constant(pages), fc.array(opArb(fc.constantFrom(...hot)), { maxLength: 200 })));
  fc.assert(fc.property(run, ([pages, ops]) => {
    const s = tableState(pages);
    for (const op of [...ops, { k: 'digest' as const }]) {
      if (op.k === 'newTable') s.slots = createSlotTable(pages);
      else if (op.k === 'digest') expect(stateDigest(s)).toBe(stateDigestFull(s));
      else applySetter(s.slots!, op);
    }
  }), { seed: SEED, numRuns: 300 });
});

const PAGES = 2600; // three blocks of the digest cache, the last one partial

type FoldOp =
  | { k: 'write'; at: number; lens: number[]; seed: number } | { k: 'same'; at: number; n: number; byte: number }
  | { k: 'discard' | 'read'; at: number; n: number } | { k: 'idle' | 'compact' | 'reset' | 'digest' };

const lenArb = fc.oneof(fc.integer({ min: 8, max: 400 }), fc.integer({ min: 3600, max: 4096 })); // huge from 3625
const foldOpArb: fc.Arbitrary<FoldOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('write' as const), at: indexArb(PAGES), seed: fc.nat(),
    lens: fc.array(lenArb, { minLength: 1, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('same' as const), at: indexArb(PAGES),
    n: fc.integer({ min: 1, max: 4 }), byte: fc.nat(255) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('discard' as const, 'read' as const), at: indexArb(PAGES),
    n: fc.integer({ min: 1, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.constantFrom({ k: 'idle' as const }, { k: 'compact' as const }, { k: 'reset' as const }) },
  { weight: 4, arbitrary: fc.constant({ k: 'digest' as const }) },
);

function applyFold(s: Spec, op: FoldOp): void {
  const clip = (at: number, n: number): number => Math.max(0, Math.min(n, PAGES - at));
  if (op.k === 'write' || op.k === 'same') {
    const n = op.k === 'write' ? clip(op.at, op.lens.length) : clip(op.at, op.n);
    const pages = Array.from({ length: n }, (_, i) =>
      op.k === 'write' ? sizedPage(op.lens[i], op.seed + i) : new Uint8Array(4096).fill(op.byte));
    if (n > 0) s.when(bio('write', op.at, pages));
  } else if (op.k === 'discard' || op.k === 'read') {
    const n = clip(op.at, op.n);
    if (n > 0) s.when(bio(op.k, op.at, [], n));
  } else if (op.k === 'idle') s.when(ev.store('idle', 'all'));
  else if (op.k === 'compact') s.when(ev.store('compact', '1'));
  else if (op.k === 'reset') {
    s.when({ type: 'ResetRequested', value: '1\n', context: 'process' }, { type: 'ResetCompleted' },
      ev.store('disksize', String(PAGES * 4096)));
  } else expect(stateDigest(s.state)).toBe(stateDigestFull(s.state));
}

test(`random folds, digests between events: incremental equals from scratch (seed ${SEED})`, () => {
  fc.assert(fc.property(fc.array(foldOpArb, { minLength: 1, maxLength: 60 }), (ops) => {
    const s = Spec.given(sizedDeps, ev.store('disksize', String(PAGES * 4096)));
    for (const op of [...ops, { k: 'digest' as const }]) applyFold(s, op);
  }), { seed: SEED, numRuns: 100 });
});

test('a digest leaves the table clean, and a read that changes no flag keeps it clean', () => {
  const s = Spec.given(sizedDeps, ev.store('disksize', String(PAGES * 4096)), bio('write', 1500, [sizedPage(100, 1)]));
  const t = s.state.slots!;
  expect([t.dirtyFrom, t.dirtyTo]).toEqual([0, PAGES - 1]); // a new table: nothing cached yet
  const before = stateDigest(s.state);
  expect([t.dirtyFrom, t.dirtyTo]).toEqual([PAGES, -1]);
  s.when(bio('read', 1500, [], 1));
  expect([t.dirtyFrom, t.dirtyTo]).toEqual([PAGES, -1]);
  s.when(ev.store('idle', 'all'), bio('read', 1500, [], 1)); // IDLE set, then cleared by the read
  expect([t.dirtyFrom, t.dirtyTo]).toEqual([1500, 1500]);
  expect(stateDigest(s.state)).toBe(before);
});

test('a table back from a fold snapshot (v8, as src/fold/snapshot.ts), even one without the dirty fields, '
  + 'digests as from scratch', () => {
  const s = Spec.given(sizedDeps, ev.store('disksize', String(PAGES * 4096)),
    bio('write', 10, [sizedPage(100, 1), sizedPage(3700, 2)]), bio('write', 2100, [new Uint8Array(4096).fill(7)]));
  stateDigest(s.state); // the original table has a cache now: the copies must not use it
  const bytes = v8.serialize(s.state.slots);
  const copy = v8.deserialize(bytes) as SlotTable;
  const older = v8.deserialize(bytes) as Partial<SlotTable>; // a snapshot written before the fields existed
  delete older.dirtyFrom; delete older.dirtyTo;
  for (const t of [copy, older as SlotTable]) {
    const r = initialState(sizedDeps);
    r.slots = t; r.pool = s.state.pool;
    expect(stateDigest(r)).toBe(stateDigestFull(r));
    expect(stateDigest(r)).toBe(stateDigest(s.state));
    setSlotHandle(t, pageIndex(2599), toHandle(5)); // after that first digest the table is tracked
    expect(stateDigest(r)).toBe(stateDigestFull(r));
    expect(stateDigest(r)).not.toBe(stateDigest(s.state));
  }
});

test('a compaction moves objects and leaves every slot as it was: the digest still changes', () => {
  const s = Spec.given(sizedDeps, ev.store('disksize', String(PAGES * 4096)));
  for (let p = 0; p < 400; p++) s.when(bio('write', p, [sizedPage(900, p)])); // 4 a zspage page
  for (let p = 0; p < 400; p += 4) s.when(bio('discard', p + 1, [], 3)); // leaves each zspage a quarter full
  const before = stateDigest(s.state);
  expect(stateDigest(s.state)).toBe(before); // kept: nothing changed
  const slots = Buffer.from(v8.serialize(s.state.slots));
  s.when(ev.store('compact', '1'));
  expect(s.state.pool!.pagesCompacted()).toBeGreaterThan(0);
  expect(Buffer.from(v8.serialize(s.state.slots)).equals(slots)).toBe(true);
  expect(stateDigest(s.state)).toBe(stateDigestFull(s.state));
  expect(stateDigest(s.state)).not.toBe(before);
});
