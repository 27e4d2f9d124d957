// 842: every page of the project's corpora round-trips through the independent decoder;
// compressedLength equals compress; random and repetitive pages (fast-check) too; corrupt
// streams (bad CRC, cut short, unknown template, bad index, too small a buffer, random damage)
// give -1 and never throw.
import fc from 'fast-check';
import { sw842 } from '../../src/compress/842/backend';
import { makeCorpus } from './lz4-corpus';
import { lzoCorpus } from './lzo-corpus';
import { pack } from './sw842-pack';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const dst = new Uint8Array(8192);

function compress(page: Uint8Array): Uint8Array {
  const n = sw842.compress(page, dst, {});
  expect(n).toBeGreaterThan(0);
  expect(n % 8).toBe(0);
  expect(sw842.compressedLength(page, {})).toBe(n);
  return dst.slice(0, n);
}

function roundTrip(page: Uint8Array): number {
  const c = compress(page);
  const out = new Uint8Array(4096);
  expect(sw842.decompress(c, out)).toBe(page.length);
  expect(Buffer.from(out.subarray(0, page.length)).equals(Buffer.from(page))).toBe(true);
  return c.length;
}

describe('842 round trips', () => {
  test('every page of the lz4 and lzo corpora round-trips; the size never exceeds the D8 worst case', () => {
    const pages = [...makeCorpus(1, 1).map((p) => p.data), ...lzoCorpus(3).map((p) => p.page)];
    expect(pages.length).toBeGreaterThan(100);
    let total = 0;
    for (const p of pages) {
      const n = roundTrip(p);
      expect(n).toBeLessThanOrEqual(Math.ceil((512 * 69 + 5 + 32) / 64) * 8); // 4424
      total += n;
    }
    expect(total).toBeLessThan(pages.length * 4096); // the corpus is mostly compressible
  });

  test('a page of random bytes is nearly all D8: at most 4424 bytes, the all-D8 size', () => {
    let x = 12345;
    const p = Uint8Array.from({ length: 4096 }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
    const n = roundTrip(p);
    expect(n).toBeLessThanOrEqual(4424);
    expect(n).toBeGreaterThan(4300); // a few 2-byte values recur within 512 bytes by chance
  });

  test(`random, repetitive and short inputs round-trip (fast-check seed ${seed})`, () => {
    const page = fc.uint8Array({ minLength: 4096, maxLength: 4096 });
    const words = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 12 })
      .chain((ws) => fc.array(fc.integer({ min: 0, max: ws.length - 1 }), { minLength: 2048, maxLength: 2048 })
        .map((ix) => {
          const p = new Uint8Array(4096);
          ix.forEach((k, i) => { p[2 * i] = ws[k] >> 8; p[2 * i + 1] = ws[k]; });
          return p;
        }));
    const short = fc.uint8Array({ minLength: 0, maxLength: 40 });
    fc.assert(fc.property(fc.oneof(page, words, short), (p) => { roundTrip(p); }), { seed, numRuns: 150 });
  });
});

describe('842 decoder on corrupt input (returns -1, never throws)', () => {
  const page = makeCorpus(1, 1)[5].data;
  const good = () => compress(page);

  test('the good stream decodes', () => expect(sw842.decompress(good(), new Uint8Array(4096))).toBe(4096));

  test('a flipped CRC bit is refused', () => {
    const c = good();
    // the CRC ends somewhere in the last 13 bytes (5 + 32 bits + up to 7 pad bytes); flip them one at a time
    let refused = 0;
    for (let i = c.length - 13; i < c.length; i++) {
      const d = c.slice();
      d[i] ^= 0x01;
      const n = sw842.decompress(d, new Uint8Array(4096));
      if (n === -1) refused++; else expect(n).toBe(4096); // a padding bit: ignored, as in the kernel
    }
    expect(refused).toBeGreaterThanOrEqual(4);
  });

  test('every truncation is refused', () => {
    const c = good();
    for (let len = 0; len < c.length - 7; len++) {
      expect(sw842.decompress(c.subarray(0, len), new Uint8Array(4096))).toBe(-1);
    }
  });

  test('unknown templates 0x1a and 0x1f, REPEAT first, an index past the output, SHORT_DATA of 0', () => {
    const partial = [[0x1d, 5], [3, 3], [1, 8], [2, 8], [3, 8], [0x19, 5], [0, 8]]; // the ring holds whole groups only
    const bad = [[[0x1a, 5]], [[0x1f, 5]], [[0x1b, 5], [0, 6]], [[0x19, 5], [0, 8]], [[0x1d, 5], [0, 3]], partial];
    for (const fields of bad) {
      const stream = pack([...fields, [0x1e, 5], [0, 32]] as [number, number][]);
      expect(sw842.decompress(stream, new Uint8Array(4096))).toBe(-1);
    }
  });

  test('output that would not fit the buffer is refused', () => {
    expect(sw842.decompress(good(), new Uint8Array(4088))).toBe(-1);
  });

  test(`random damage never throws (fast-check seed ${seed})`, () => {
    const c = good();
    const hit = fc.tuple(fc.nat(c.length - 1), fc.integer({ min: 1, max: 255 }));
    const damage = fc.array(hit, { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(damage,
      (hits) => {
        const d = c.slice();
        for (const [i, x] of hits) d[i] ^= x;
        const n = sw842.decompress(d, new Uint8Array(4096));
        expect(n === -1 || n === 4096).toBe(true);
      }), { seed, numRuns: 300 });
  });
});
