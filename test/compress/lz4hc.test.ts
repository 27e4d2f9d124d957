// lz4hc: every page of the seeded corpus round-trips through our LZ4 decoder and lz4js's
// independent one at levels 1..16; compressedLength equals compress; the level clamps as the
// kernel's LZ4HC_compress_generic does; HC never does worse than 10% over the fast lz4 parse.
import fc from 'fast-check';
import { lz4 } from '../../src/compress/lz4';
import { lz4hc } from '../../src/compress/lz4hc';
import { makeCorpus } from './lz4-corpus';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lz4js = require('lz4js') as {
  decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
};

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const corpus = makeCorpus(1, 1).slice(0, 120);
const dst = new Uint8Array(8192);

function roundTrip(page: Uint8Array, level: number): number {
  const n = lz4hc.compress(page, dst, { level });
  expect(n).toBeGreaterThan(0);
  expect(lz4hc.compressedLength(page, { level })).toBe(n);
  const ours = new Uint8Array(4096);
  expect(lz4hc.decompress(dst.subarray(0, n), ours)).toBe(4096);
  expect(Buffer.from(ours).equals(Buffer.from(page))).toBe(true);
  const theirs = new Uint8Array(4096);
  expect(lz4js.decompressBlock(dst.subarray(0, n), theirs, 0, n, 0)).toBe(4096);
  expect(Buffer.from(theirs).equals(Buffer.from(page))).toBe(true);
  return n;
}

describe('lz4hc (LZ4 1.7.3 HC as in lib/lz4)', () => {
  test.each([[1], [3], [9], [16]])('level %i: every corpus page round-trips (two decoders)', (level) => {
    for (const { data } of corpus) roundTrip(data, level);
  });

  test('higher levels search more: total size never grows from level 1 to 9 to 16, and beats lz4', () => {
    const total = (level: number) => corpus.reduce((n, { data }) => n + lz4hc.compressedLength(data, { level }), 0);
    const fast = corpus.reduce((n, { data }) => n + lz4.compressedLength(data, {}), 0);
    const [t1, t9, t16] = [total(1), total(9), total(16)];
    expect(t9).toBeLessThanOrEqual(t1);
    expect(t16).toBeLessThanOrEqual(t9);
    expect(t9).toBeLessThan(fast);
  });

  test('levels clamp like LZ4HC_compress_generic: < 1 is 9, > 16 is 16', () => {
    for (const { data } of corpus.slice(0, 20)) {
      expect(lz4hc.compressedLength(data, { level: 0 })).toBe(lz4hc.compressedLength(data, { level: 9 }));
      expect(lz4hc.compressedLength(data, {})).toBe(lz4hc.compressedLength(data, { level: 9 }));
      expect(lz4hc.compressedLength(data, { level: 40 })).toBe(lz4hc.compressedLength(data, { level: 16 }));
    }
  });

  test(`random and repetitive pages round-trip (fast-check seed ${seed})`, () => {
    const page = fc.uint8Array({ minLength: 4096, maxLength: 4096 });
    const runs = fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 600 })), { minLength: 1, maxLength: 40 })
      .map((rs) => {
        const p = new Uint8Array(4096);
        let i = 0;
        for (let k = 0; i < 4096; k = (k + 1) % rs.length) for (let j = 0; j < rs[k][1] && i < 4096; j++) p[i++] = (rs[k][0] + (j % 3)) & 255;
        return p;
      });
    fc.assert(fc.property(fc.oneof(page, runs), fc.integer({ min: 1, max: 16 }), (p, level) => {
      roundTrip(p, level);
    }), { seed, numRuns: 150 });
  });
});
