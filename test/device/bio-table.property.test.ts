// The bio table (src/device/bio-table.ts: the newest entry in front of a Map) must behave as a
// plain Map over random sequences of set/get/has/delete with few ids (so ids are reused and
// completions come out of order), values that may be 0, and v8 round trips as fold snapshots make.
import * as v8 from 'node:v8';
import fc from 'fast-check';
import {
  bioCount, bioDelete, bioEntries, bioGet, bioHas, bioIds, bioSet, newBioTable, type BioTable,
} from '../../src/device/bio-table';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

type Op = { k: 'set' | 'get' | 'has' | 'delete'; id: number; v: number } | { k: 'snapshot' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: fc.record({
    k: fc.constantFrom<'set' | 'get' | 'has' | 'delete'>('set', 'set', 'get', 'has', 'delete', 'delete'),
    id: fc.oneof(fc.nat(5), fc.constantFrom(0, 2 ** 31, 2 ** 53 - 1)), v: fc.oneof(fc.constant(0), fc.nat(3)),
  }) },
  { weight: 1, arbitrary: fc.constant({ k: 'snapshot' as const }) },
);

/** Runs `ops` on a table and on a Map, comparing every answer and the whole contents after each op. */
function check(ops: Op[]): void {
  let t: BioTable<number> = newBioTable();
  let m = new Map<number, number>();
  for (const op of ops) {
    switch (op.k) {
      case 'set': bioSet(t, op.id, op.v); m.set(op.id, op.v); break;
      case 'get': expect(bioGet(t, op.id)).toBe(m.get(op.id)); break;
      case 'has': expect(bioHas(t, op.id)).toBe(m.has(op.id)); break;
      case 'delete': expect(bioDelete(t, op.id)).toBe(m.delete(op.id)); break;
      case 'snapshot':
        t = v8.deserialize(v8.serialize(t)) as BioTable<number>;
        m = v8.deserialize(v8.serialize(m)) as Map<number, number>;
        break;
    }
    expect(bioEntries(t)).toEqual([...m.entries()]);
    expect(bioIds(t)).toEqual([...m.keys()]);
    expect(bioCount(t)).toBe(m.size);
  }
}

describe(`bio table behaves as a Map (seed ${SEED})`, () => {
  test('random set/get/has/delete sequences with reused ids and snapshots', () => {
    const ops = fc.array(opArb, { maxLength: 80, size: 'max' });
    fc.assert(fc.property(ops, (o) => { check(o); }), { seed: SEED, numRuns: 400 });
  });

  test('the cases the front exists for: complete before the next queue, and out of order', () => {
    const op = (k: 'set' | 'get' | 'has' | 'delete', id: number, v = 0): Op => ({ k, id, v });
    check([op('set', 1), op('get', 1), op('delete', 1), op('set', 1, 7), op('set', 2), op('set', 3), op('delete', 2),
      { k: 'snapshot' }, op('set', 4, 1), op('set', 1, 5), op('delete', 4), op('get', 3), op('has', 4), op('delete', 1),
      op('delete', 3), op('delete', 3)]);
  });
});
