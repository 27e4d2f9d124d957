// Bio and timing lines are built by hand for speed: they must be the bytes JSON.stringify gives,
// for any values, including strings that need escapes and numbers JSON writes differently.
import fc from 'fast-check';
import { formatRecord, type BioResult } from '../../src/replay/outputs';
import { formatTiming, type BioTiming } from '../../src/replay/timing';

const SEED = Number(process.env.FC_SEED ?? 4120);
const num = fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constantFrom(-0, NaN, Infinity, 2 ** 53, 1e21, 1e-7));
const str = fc.oneof(fc.constantFrom('ok', 'EIO', 'read', 'write', '', 'a"b', 'c\\d', 'tab\there', '\u2028'), fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef:/.+-_') }));

describe(`hand-built output lines equal JSON.stringify's (seed ${SEED})`, () => {
  test('bio records', () => {
    fc.assert(fc.property(num, num, str, str, num, num, str, num, (seq, bioId, op, status, sector, bytes, digest, q2cNs) => {
      const bio: BioResult = { seq, bioId, op, status, sector, bytes, digest, q2cNs };
      expect(formatRecord({ bio })).toBe(JSON.stringify({ bio }) + '\n');
    }), { seed: SEED, numRuns: 2000 });
  });

  test('bio timing records', () => {
    fc.assert(fc.property(num, num, str, num, (seq, bioId, op, serviceNs) => {
      const bio: BioTiming = { seq, bioId, op, serviceNs };
      expect(formatTiming({ bio })).toBe(JSON.stringify({ bio }) + '\n');
    }), { seed: SEED, numRuns: 2000 });
  });
});
