// The pool's handle table (src/zsmalloc/handle-table.ts: open addressing, deletion by shifting
// runs back) must behave as a Map over random set/get/delete sequences: handles from a small
// range (long probe runs, wrap-around at the table's end, reuse), counting-up handles as the
// pool issues them, growth past many sizes, and v8 round trips as fold snapshots make.
import * as v8 from 'node:v8';
import fc from 'fast-check';
import { handleDelete, handleGet, handleSet, newHandleTable, type HandleTable } from '../../src/zsmalloc/handle-table';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

type Op = { k: 'set' | 'get' | 'delete'; h: number; v: number } | { k: 'snapshot' };
const opArb = (h: fc.Arbitrary<number>): fc.Arbitrary<Op> => fc.oneof(
  { weight: 12, arbitrary: fc.record({ k: fc.constantFrom<'set' | 'get' | 'delete'>('set', 'set', 'get', 'delete'), h,
    v: fc.oneof(fc.constant(0), fc.nat(0x7fffffff)) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'snapshot' as const }) },
);

function check(ops: Op[]): void {
  let t: HandleTable = newHandleTable();
  let m = new Map<number, number>();
  for (const op of ops) {
    switch (op.k) {
      case 'set': handleSet(t, op.h, op.v); m.set(op.h, op.v); break;
      case 'get': expect(handleGet(t, op.h)).toBe(m.get(op.h)); break;
      case 'delete': expect(handleDelete(t, op.h)).toBe(m.delete(op.h)); break;
      case 'snapshot':
        t = v8.deserialize(v8.serialize(t)) as HandleTable;
        m = v8.deserialize(v8.serialize(m)) as Map<number, number>;
        break;
    }
    expect(t.size).toBe(m.size);
  }
  for (const [h, v] of m) expect(handleGet(t, h)).toBe(v);
  expect(t.keys.filter((k) => k !== 0).length).toBe(m.size);
}

describe(`handle table behaves as a Map (seed ${SEED})`, () => {
  test('small handle ranges: long runs, wrap-around, deletes in the middle of runs, snapshots', () => {
    // consecutive handles never collide (the hash is a bijection on them): multiples of 2^20 share
    // a home cell in every table up to 2^20 cells, so these make the long runs
    const colliding = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.nat(2)).map(([k, s]) => k * 2 ** 20 + s);
    const h = fc.oneof(colliding, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }));
    const ops = fc.array(opArb(h), { minLength: 40, maxLength: 300, size: 'max' });
    fc.assert(fc.property(ops, (o) => { check(o); }), { seed: SEED, numRuns: 300 });
  });

  test('a run of colliding handles, deleted from its head, its middle and across the wrap-around', () => {
    const c = (k: number, s = 0): number => k * 2 ** 20 + s;
    const set = (h: number): Op => ({ k: 'set', h, v: h });
    const del = (h: number): Op => ({ k: 'delete', h, v: 0 });
    check([set(c(1)), set(c(2)), set(c(3)), del(c(1)), set(c(4)), del(c(3)), set(c(5))]);
    // the home of handle 63 * 0x9e3779b1 mod 64 is 63: the last cell, so its run wraps to cell 0
    const last = [...Array(64).keys()].find((h) => h > 0 && (Math.imul(h, 0x9e3779b1) >>> 0 & 63) === 63)!;
    check([set(last), set(last + 64 * 2 ** 20), set(last + 2 * 64 * 2 ** 20), del(last), set(c(7))]);
  });

  test('the pool\'s pattern: handles counting up, frees of random live ones, growth to thousands', () => {
    const stepsArb = fc.array(fc.tuple(fc.nat(3), fc.nat(1000)), { minLength: 1000, maxLength: 4000 });
    fc.assert(fc.property(stepsArb, (steps) => {
      const ops: Op[] = [];
      const live: number[] = [];
      let next = 1;
      for (const [what, pick] of steps) {
        if (what < 3 || live.length === 0) { live.push(next); ops.push({ k: 'set', h: next++, v: pick }); continue; }
        const [h] = live.splice(pick % live.length, 1);
        ops.push({ k: 'delete', h, v: 0 }, { k: 'get', h, v: 0 });
      }
      check(ops);
    }), { seed: SEED, numRuns: 20 });
  });
});
