// PageOffsets against a Map: any keys (dense, huge, negative, fractional), set once each, in any order.
import fc from 'fast-check';
import { PageOffsets } from '../../src/log/page-offsets';

const SEED = Number(process.env.FC_SEED ?? 20261205);

describe(`PageOffsets (seed ${SEED}; FC_SEED to change)`, () => {
  test('gives back every offset and tag set, and the keys in the order they were set', () => {
    const key = fc.oneof(fc.nat({ max: 300 }), fc.nat({ max: 200_000 }), fc.integer({ min: -5, max: 2 ** 40 }),
      fc.constantFrom(0.5, 2 ** 53 - 1, 65_535, 65_536, 65_537));
    const op = fc.record({ key, offset: fc.nat({ max: 2 ** 40 }), tag: fc.integer({ min: 0, max: 300 }) });
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), fc.array(key, { maxLength: 50 }), (ops, probes) => {
      const p = new PageOffsets();
      const model = new Map<number, { at: number; tag: number }>();
      for (const o of ops) {
        if (model.has(o.key)) { expect(p.has(o.key)).toBe(true); continue; }
        expect(p.has(o.key)).toBe(false);
        p.set(o.key, o.offset);
        model.set(o.key, { at: o.offset, tag: 0 });
        if (o.tag > 0) { p.setTag(o.key, o.tag); model.get(o.key)!.tag = o.tag; }
      }
      expect(p.size).toBe(model.size);
      expect([...p.keys()]).toEqual([...model.keys()]);
      for (const [k, v] of model) expect([p.get(k), p.getTag(k)]).toEqual([v.at, v.tag]);
      for (const k of probes) if (!model.has(k)) expect([p.get(k), p.has(k), p.getTag(k)]).toEqual([undefined, false, 0]);
    }), { seed: SEED, numRuns: 300 });
  });

  test('a key set in the Map before the arrays grew past it is still found', () => {
    const p = new PageOffsets();
    p.set(100_000, 7);            // far beyond 8 x 1 keys: the Map
    for (let k = 1; k <= 20_000; k++) p.set(k, k * 10); // the arrays grow past 100,000
    p.setTag(100_000, 3);
    expect([p.get(100_000), p.getTag(100_000), p.get(20_000), p.size]).toEqual([7, 3, 200_000, 20_001]);
  });
});
