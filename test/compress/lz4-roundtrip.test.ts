// Round trips through our decoder and lz4js's independent one; compressedLength == compress.
import fc from 'fast-check';
import { lz4 } from '../../src/compress/lz4';
import { makeCorpus } from './lz4-corpus';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

// lz4js ships no types; only decompressBlock is used (an independent LZ4 block decoder).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lz4js = require('lz4js') as {
  decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
};

const corpus = makeCorpus(1, 1);
const dst = new Uint8Array(8192);

/** First index where a and b differ, -1 if equal (no Math.* in the loop: slow under Jest). */
function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('lz4 round trip over the seeded corpus', () => {
  test('corpus is varied', () => {
    expect(corpus.length).toBeGreaterThan(290);
    expect(new Set(corpus.map((p) => p.kind)).size).toBeGreaterThanOrEqual(8);
  });

  test.each([[1], [3], [8]])('acceleration %i: our decoder and lz4js give back every page', (level) => {
    const failures: string[] = [];
    corpus.forEach((p, i) => {
      const n = lz4.compress(p.data, dst, { level });
      const block = dst.slice(0, n);
      const ours = new Uint8Array(4096);
      const theirs = new Uint8Array(4096);
      const m = lz4.decompress(block, ours);
      const t = lz4js.decompressBlock(block, theirs, 0, n, 0);
      if (m !== 4096 || firstDiff(ours, p.data) >= 0) failures.push(`page ${i} (${p.kind}): ours ${m}`);
      if (t !== 4096 || firstDiff(theirs, p.data) >= 0) failures.push(`page ${i} (${p.kind}): lz4js ${t}`);
    });
    expect(failures).toEqual([]);
  });

  test.each([[1], [3], [8]])('acceleration %i: compressedLength === compress() on every page', (level) => {
    const diffs = corpus
      .map((p, i) => ({ i, len: lz4.compressedLength(p.data, { level }), out: lz4.compress(p.data, dst, { level }) }))
      .filter((r) => r.len !== r.out);
    expect(diffs).toEqual([]);
  });

  test('a higher acceleration never finds more: sizes are monotone on average', () => {
    const sum = (level: number) => corpus.reduce((s, p) => s + lz4.compressedLength(p.data, { level }), 0);
    expect(sum(8)).toBeGreaterThan(sum(1));
  });

  test('compress is pure: the same page gives the same bytes after other pages', () => {
    const a = dst.slice(0, lz4.compress(corpus[5].data, dst, {}));
    for (const p of corpus.slice(100, 120)) lz4.compress(p.data, dst, {});
    const b = dst.slice(0, lz4.compress(corpus[5].data, dst, {}));
    expect(firstDiff(a, b)).toBe(-1);
  });
});

describe(`lz4 round trip of arbitrary inputs (fast-check seed ${seed}; rerun with FC_SEED=${seed})`, () => {
  // Inputs made of repeated chunks, so matches of every length and offset occur; any length < 64 KiB.
  const input = fc.array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 300 })), { maxLength: 30 })
    .map((parts) => Uint8Array.from(parts.flatMap(([chunk, times]) => Array.from({ length: times }, () => [...chunk]).flat()).slice(0, 65000)));

  test('decodes (ours and lz4js) to the input at any length and acceleration', () => {
    fc.assert(fc.property(input, fc.integer({ min: -2, max: 70 }), (src, level) => {
      const dst = new Uint8Array(src.length + Math.floor(src.length / 255) + 16);
      const n = lz4.compress(src, dst, { level });
      expect(n).toBe(lz4.compressedLength(src, { level }));
      const block = dst.slice(0, n);
      const ours = new Uint8Array(src.length), theirs = new Uint8Array(src.length);
      if (src.length > 0) expect(lz4.decompress(block, ours)).toBe(src.length);
      expect(lz4js.decompressBlock(block, theirs, 0, n, 0)).toBe(src.length);
      expect(firstDiff(ours, src)).toBe(-1);
      expect(firstDiff(theirs, src)).toBe(-1);
    }), { seed, numRuns: 300 });
  });
});
