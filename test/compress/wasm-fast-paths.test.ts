// The WebAssembly fast paths against the TypeScript references: the length-only exports
// (compressedLength stores nothing, yet must give compress's length), compressTransient (the
// block left in the module's own buffer, no copy out: the same bytes), and the lz4 decoder's
// 8-byte copies (short-period matches, literal runs near the output's end), over pages of the
// content generators' default mix and pages of random short-period runs.
import fc from 'fast-check';
import { lz4, lz4Reference } from '../../src/compress/lz4';
import { lzo, lzoReference, lzoRle, lzoRleReference } from '../../src/compress/lzo';
import type { Compressor } from '../../src/compress/types';
import { stagePage } from '../../src/compress/wasm/module';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const mix = parseMix(DEFAULT_MIX);

/** A page of runs, each a random pattern of period 1..20 repeated for 1..600 bytes. */
const periodicPage = fc.array(
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 600 })),
  { minLength: 1, maxLength: 40 },
).map((runs) => {
  const page = new Uint8Array(4096);
  let at = 0;
  for (const [pattern, len] of runs) {
    for (let i = 0; i < len && at < page.length; i++) page[at++] = pattern[i % pattern.length];
  }
  return page;
});

/** A default-mix page (seed, index) or a periodic one. */
const page = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(100000)).map(([s, i]) => mixedPage(mix, s, i).page),
  periodicPage,
);

const BACKENDS: [string, Compressor, Compressor, number[]][] = [
  ['lz4', lz4, lz4Reference, [1, 2, 9]],
  ['lzo', lzo, lzoReference, [1]],
  ['lzo-rle', lzoRle, lzoRleReference, [1]],
];

describe.each(BACKENDS)('%s', (name, wasm, ref, levels) => {
  test(`compressedLength == compress's length == the reference's (fast-check seed ${seed})`, () => {
    const a = new Uint8Array(8192), b = new Uint8Array(8192);
    fc.assert(fc.property(page, fc.constantFrom(...levels), (src, level) => {
      const na = wasm.compress(src, a, { level }), nb = ref.compress(src, b, { level });
      expect(na).toBe(nb);
      expect(Buffer.from(a.subarray(0, na)).equals(b.subarray(0, nb))).toBe(true);
      expect(wasm.compressedLength(src, { level })).toBe(nb);
      const block = wasm.compressTransient!(src, { level });
      expect(block?.length).toBe(nb);
      expect(Buffer.from(block!).equals(b.subarray(0, nb))).toBe(true);
    }), { seed, numRuns: 400 });
  });
});

test('lzo compressTransient past the module\'s input region: the TypeScript compressor\'s bytes', () => {
  const src = new Uint8Array(70000).map((_, i) => (i * 7) % 251 ^ (i >> 9));
  for (const [c, ref] of [[lzo, lzoReference], [lzoRle, lzoRleReference]]) {
    const dst = new Uint8Array(80000);
    const n = ref.compress(src, dst, {});
    expect(Buffer.from(c.compressTransient!(src, {})!).equals(dst.subarray(0, n))).toBe(true);
  }
});

describe(`lz4 decompress fast copies == reference (fast-check seed ${seed})`, () => {
  test('round trips of mixed and periodic pages, at full and short capacities', () => {
    const block = new Uint8Array(8192);
    fc.assert(fc.property(page, fc.integer({ min: 0, max: 40 }), (src, short) => {
      const n = lz4Reference.compress(src, block, {});
      const b = block.subarray(0, n);
      const out = new Uint8Array(4096);
      expect(lz4.decompress(b, out)).toBe(4096);
      expect(Buffer.from(out).equals(src)).toBe(true);
      // A capacity below the page: both decoders fail (or succeed) alike, with the same bytes.
      const x = new Uint8Array(4096 - short), y = new Uint8Array(4096 - short);
      const nx = lz4.decompress(b, x), ny = lz4Reference.decompress(b, y);
      expect(nx).toBe(ny);
      if (nx >= 0) expect(Buffer.from(x.subarray(0, nx)).equals(y.subarray(0, ny))).toBe(true);
    }), { seed, numRuns: 400 });
  });
});

describe.each([['lzo', lzo, lzoReference], ['lzo-rle', lzoRle, lzoRleReference]] as const)(
  `%s decompress: WebAssembly == TypeScript reference (fast-check seed ${seed})`, (name, wasm, ref) => {
    /** Same return value; on success the same bytes. */
    function same(src: Uint8Array, cap: number): void {
      const a = new Uint8Array(cap), b = new Uint8Array(cap);
      const na = wasm.decompress(src, a, {}), nb = ref.decompress(src, b, {});
      expect([name, cap, na]).toEqual([name, cap, nb]);
      if (na >= 0) expect(Buffer.from(a.subarray(0, na)).equals(b.subarray(0, nb))).toBe(true);
    }
    const tmp = new Uint8Array(8192);
    const streams = fc.sample(page, { seed, numRuns: 300 }).map((p) => tmp.slice(0, ref.compress(p, tmp, {})));

    test('streams of mixed and periodic pages, at capacities 4096, 4095, 4000 and 8192', () => {
      for (const s of streams) {
        const out = new Uint8Array(4096);
        expect(wasm.decompress(s, out, {})).toBe(4096);
        for (const cap of [4096, 4095, 4000, 8192]) same(s, cap);
      }
    });

    test('every value of each of the last 6 bytes (the end marker and what precedes it)', () => {
      for (const s of streams.slice(0, 8)) {
        for (let at = Math.max(0, s.length - 6); at < s.length; at++) {
          const c = s.slice();
          for (let v = 0; v < 256; v++) {
            c[at] = v;
            same(c, 4096);
          }
        }
      }
    });

    test('corrupted streams (bytes changed, cut short) and random bytes', () => {
      fc.assert(fc.property(fc.nat(streams.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 3 }),
        fc.nat(), (k, edits, cut) => {
          const c = streams[k].slice();
          for (const [at, v] of edits) c[at % c.length] = v;
          same(c, 4096);
          same(streams[k].subarray(0, cut % (streams[k].length + 1)), 4096);
        }), { seed, numRuns: 3000 });
      const cap = fc.integer({ min: 0, max: 5000 });
      const head = fc.constantFrom([], [17, 0], [17, 1], [17, 1, 0]);
      fc.assert(fc.property(head, fc.uint8Array({ maxLength: 3000 }), cap, (h, body, c) =>
        same(Uint8Array.from([...h, ...body]), c)), { seed, numRuns: 2000 });
    });
  });

test('a staged page is compressed where it lies, to the bytes of an unstaged one; only whole pages are staged', () => {
  const src = mixedPage(mix, 11, 3).page, want = new Uint8Array(8192);
  for (const c of [lz4, lzo, lzoRle]) {
    const n = c.compress(src, want, {});
    const block = c.compressTransient!(stagePage(src), {})!;
    expect(Buffer.from(block).equals(want.subarray(0, n))).toBe(true);
  }
  expect(() => stagePage(new Uint8Array(100))).toThrow(/stagePage: 100 bytes, not a 4096-byte page/);
});
