// The WebAssembly compressors against the TypeScript reference ones, byte for byte: the page
// corpora of the lz4 and lzo tests, the kernel page-size fixture, and arbitrary inputs, at
// several lz4 acceleration levels (including 0, huge and non-integer ones), into full-size and
// too-small output buffers; inputs past one LZO chunk (48 KiB) and past the module's input region.
import fc from 'fast-check';
import { lz4, lz4Reference } from '../../src/compress/lz4';
import { lzo, lzoReference, lzoRle, lzoRleReference } from '../../src/compress/lzo';
import type { Compressor } from '../../src/compress/types';
import { loadPageSizeFixture } from '../helpers/page-size-fixture';
import { makeCorpus } from './lz4-corpus';
import { lzoCorpus } from './lzo-corpus';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

interface Pair {
  readonly name: string; readonly wasm: Compressor; readonly ref: Compressor; readonly levels: (number | undefined)[];
}
const PAIRS: Pair[] = [
  { name: 'lz4', wasm: lz4, ref: lz4Reference, levels: [undefined, 0, -3, 1, 2, 3, 8, 9.7, 17, 100, 65537, 2 ** 31] },
  // lzo and lzo-rle read no params: one level stands for all.
  { name: 'lzo', wasm: lzo, ref: lzoReference, levels: [undefined] },
  { name: 'lzo-rle', wasm: lzoRle, ref: lzoRleReference, levels: [undefined] },
];

/** The first input (with its label) whose output differs, or null. */
function firstMismatch(p: Pair, level: number | undefined, inputs: [string, Uint8Array][]): string | null {
  const a = new Uint8Array(140000), b = new Uint8Array(140000);
  for (const [label, src] of inputs) {
    const na = p.wasm.compress(src, a, { level }), nb = p.ref.compress(src, b, { level });
    if (na !== nb) return `${label}: length ${na} vs reference ${nb}`;
    if (!Buffer.from(a.subarray(0, na)).equals(b.subarray(0, nb))) return `${label}: bytes differ`;
    const la = p.wasm.compressedLength(src, { level });
    if (la !== nb) return `${label}: compressedLength ${la} vs ${nb}`;
  }
  return null;
}

const corpusInputs = (): [string, Uint8Array][] => [
  ...makeCorpus(1).map((c, i): [string, Uint8Array] => [`lz4-corpus ${c.kind}#${i}`, c.data]),
  ...lzoCorpus(1).map((c): [string, Uint8Array] => [`lzo-corpus ${c.name}`, c.page]),
];

describe.each(PAIRS)('$name: WebAssembly == TypeScript reference', (p) => {
  const inputs = corpusInputs();
  const fixture = loadPageSizeFixture();
  const fixtureInputs = fixture.pages.map((page, i): [string, Uint8Array] => [`fixture ${fixture.labels[i]}`, page]);

  test.each(p.levels)('page corpora and the page-size fixture, level %p', (level) => {
    expect(inputs.length + fixtureInputs.length).toBeGreaterThan(5000);
    expect(firstMismatch(p, level, inputs)).toBeNull();
    expect(firstMismatch(p, level, fixtureInputs)).toBeNull();
  });

  test('every input length 0..300 and a few up to the 64 KiB limit', () => {
    const r = fc.sample(fc.uint8Array({ minLength: 70000, maxLength: 70000 }), { seed: 7, numRuns: 1 })[0];
    const sized: [string, Uint8Array][] = [];
    for (let n = 0; n <= 300; n++) sized.push([`len ${n}`, r.subarray(0, n).map((x) => x & 3)]);
    for (const n of [4095, 4097, 16384, 49150, 49151, 49152, 65535, 65546, 65547, 65600, 65601, 70000]) {
      sized.push([`len ${n}`, r.subarray(0, n).map((x) => x & 7)]);
    }
    for (const level of [1, 5]) expect(firstMismatch(p, level, sized)).toBeNull();
  });

  test('a too-small output buffer fails the same way', () => {
    for (const [label, src] of inputs.slice(0, 400)) {
      const n = p.ref.compressedLength(src, {});
      for (const cap of [n - 1, n, 64]) {
        const a = new Uint8Array(cap), b = new Uint8Array(cap);
        const na = p.wasm.compress(src, a, {}), nb = p.ref.compress(src, b, {});
        expect([label, cap, na]).toEqual([label, cap, nb]);
        if (na > 0) expect(Buffer.from(a.subarray(0, na)).equals(b.subarray(0, nb))).toBe(true);
      }
    }
  });

  test(`arbitrary repetitive inputs (fast-check seed ${seed}; rerun with FC_SEED=${seed})`, () => {
    const part = fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 300 }));
    const input = fc.array(part, { maxLength: 30 }).map((parts) =>
      Uint8Array.from(parts.flatMap(([c, k]) => Array.from({ length: k }, () => [...c]).flat()).slice(0, 65000)));
    fc.assert(fc.property(input, fc.integer({ min: -2, max: 70 }), (src, level) => {
      expect(firstMismatch(p, level, [['arbitrary', src]])).toBeNull();
    }), { seed, numRuns: 300 });
  });
});

describe(`lz4 decompress: WebAssembly == TypeScript reference (fast-check seed ${seed})`, () => {
  const blocks = makeCorpus(3).map((c) => {
    const dst = new Uint8Array(8192);
    return dst.slice(0, lz4Reference.compress(c.data, dst, {}));
  });

  /** Same return value; on success the same bytes. */
  function same(src: Uint8Array, cap: number): void {
    const a = new Uint8Array(cap), b = new Uint8Array(cap);
    const na = lz4.decompress(src, a), nb = lz4Reference.decompress(src, b);
    expect(na).toBe(nb);
    if (na >= 0) expect(Buffer.from(a.subarray(0, na)).equals(b.subarray(0, nb))).toBe(true);
  }

  test('every corpus block, at capacities 4096, 4095 and 4084', () => {
    expect(blocks.length).toBeGreaterThan(200);
    for (const block of blocks) for (const cap of [4096, 4095, 4084]) same(block, cap);
  });

  test('corrupted blocks (one byte changed, cut short) and random bytes', () => {
    fc.assert(fc.property(fc.nat(blocks.length - 1), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(),
      (k, at, v, cut) => {
        const c = blocks[k].slice();
        c[at % c.length] = v;
        same(c, 4096);
        same(blocks[k].subarray(0, cut % (blocks[k].length + 1)), 4096);
      }), { seed, numRuns: 3000 });
    const cap = fc.integer({ min: 0, max: 5000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), cap, (src, c) => same(src, c)), { seed, numRuns: 2000 });
  });
});
