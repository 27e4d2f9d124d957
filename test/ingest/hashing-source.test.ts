// HashingSource: whatever order a reader reads a file in, finish() gives the file's digest.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { HashingSource } from '../../src/ingest/input-digest';
import { MemorySource } from '../../src/log/byte-source';

const SEED = Number(process.env.FC_SEED ?? 20261205);
const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe(`HashingSource (seed ${SEED}; FC_SEED to change)`, () => {
  test('reads front to back, re-reads, skips ahead, stops anywhere: the digest is the whole file\'s', () => {
    const read = fc.record({ at: fc.nat({ max: 70_000 }), len: fc.integer({ min: 1, max: 9000 }), sequential: fc.boolean() });
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 60_000 }), fc.array(read, { maxLength: 40 }), (bytes, reads) => {
      const src = new HashingSource(new MemorySource(bytes));
      let next = 0;
      for (const r of reads) {
        const position = r.sequential ? next : r.at;
        const into = new Uint8Array(r.len + 3);
        const n = src.read(into, 3, r.len, position);
        expect(Buffer.from(into.subarray(3, 3 + n))).toEqual(Buffer.from(bytes.subarray(position, position + n)));
        if (r.sequential) next += n;
      }
      expect(src.finish()).toBe(sha(bytes));
      expect(src.finish()).toBe(sha(bytes)); // once computed, the same
    }), { seed: SEED, numRuns: 300 });
  });
});
