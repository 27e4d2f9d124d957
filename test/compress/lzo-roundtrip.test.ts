// Round trips through our own decoder, and properties of the two bitstream versions.
import { lzo, lzoRle } from '../../src/compress/lzo';
import { lzoGenericCompress } from '../../src/compress/lzo/compress-core';
import { lzo1xWorstCompress } from '../../src/compress/lzo/constants';
import { lzo1xDecompressSafe } from '../../src/compress/lzo/decompress';
import { lzoCorpus, rng, zeroRunPage } from './lzo-corpus';

const SEED = 0x10a0c0de;
const corpus = lzoCorpus(SEED);
const dst = new Uint8Array(8192);
const back = new Uint8Array(4096);

function roundTripFailures(comp: typeof lzo): string[] {
  const bad: string[] = [];
  for (const { name, page } of corpus) {
    dst.fill(0xaa); // stale bytes must not leak into the stream
    const n = comp.compress(page, dst, {});
    const m = comp.compressedLength(page, {});
    back.fill(0x55);
    const d = comp.decompress(dst.subarray(0, n), back);
    if (n !== m || d !== 4096 || !Buffer.from(back).equals(Buffer.from(page))) bad.push(`${name}: ${n}/${m}/${d}`);
  }
  return bad;
}

describe(`lzo / lzo-rle round trip (seed ${SEED}, ${corpus.length} pages)`, () => {
  test.each([lzo, lzoRle])('$name: compress == compressedLength and decode restores the page', (comp) => {
    expect(roundTripFailures(comp).slice(0, 10)).toEqual([]);
  });

  test('stream headers: lzo-rle starts 0x11 0x01, lzo never starts with 0x11; both end 0x11 0x00 0x00', () => {
    for (const { name, page } of corpus.slice(0, 500)) {
      const n0 = lzo.compress(page, dst, {});
      expect([name, dst[0] === 0x11]).toEqual([name, false]);
      expect(Array.from(dst.subarray(n0 - 3, n0))).toEqual([0x11, 0, 0]);
      const n1 = lzoRle.compress(page, dst, {});
      expect(Array.from(dst.subarray(0, 2))).toEqual([0x11, 0x01]);
      expect(Array.from(dst.subarray(n1 - 3, n1))).toEqual([0x11, 0, 0]);
    }
  });

  test('lzo-rle encodes a zero run as one 4-byte instruction: 0x18|r&7, 0xfc, 0xff, r>>3', () => {
    const r = rng(SEED + 2);
    for (const run of [4, 5, 11, 12, 100, 2051]) {
      const page = zeroRunPage(run, 600, r);
      page.fill(0xa5, 0, 600); // a word of 0xa5 bytes: literal + matches, then exactly `run` zeros
      page[600 + run] = 1;
      const n = lzoRle.compress(page, dst, {});
      const s = Buffer.from(dst.subarray(0, n));
      const rr = run - 4;
      const insn = Buffer.from([0x18 | (rr & 7), 0xfc, 0xff, rr >> 3]);
      expect([run, s.indexOf(insn) > 0]).toEqual([run, true]);
    }
  });

  test('a zero page under lzo-rle: 5 literals, runs of 2051 and 2020 (in_end - 20), 20 trailing literals', () => {
    const zero = new Uint8Array(4096);
    const n = lzoRle.compress(zero, dst, {});
    const expected = [0x11, 0x01, 5 - 3, 0, 0, 0, 0, 0, 0x1f, 0xfc, 0xff, 255, 0x18, 0xfc, 0xff, 2016 >> 3,
      0, 20 - 18, ...new Array<number>(20).fill(0), 0x11, 0, 0];
    expect(Array.from(dst.subarray(0, n))).toEqual(expected);
    expect(lzoRle.decompress(dst.subarray(0, n), back)).toBe(4096);
    expect(back.every((b) => b === 0)).toBe(true);
  });

  test('inputs of other sizes round-trip too (0..150 KiB, several chunks)', () => {
    const r = rng(SEED + 3);
    for (const len of [0, 1, 2, 3, 4, 5, 20, 21, 25, 238, 239, 1000, 49151, 49152, 49153, 100000, 150000]) {
      const input = new Uint8Array(len);
      for (let i = 0; i < len; i++) input[i] = r() < 0.3 ? 0 : Math.floor(r() * 8) * 17;
      for (const version of [0, 1]) {
        const out = new Uint8Array(lzo1xWorstCompress(len));
        const n = lzoGenericCompress(input, out, version);
        expect(lzoGenericCompress(input, null, version)).toBe(n);
        const dec = new Uint8Array(len);
        expect([len, version, lzo1xDecompressSafe(out.subarray(0, n), dec)]).toEqual([len, version, len]);
        expect(Buffer.from(dec).equals(Buffer.from(input))).toBe(true);
      }
    }
  });

  test('views at odd byte offsets (src, dst and the decoder input) give the same bytes', () => {
    for (const comp of [lzo, lzoRle]) {
      for (const { page } of corpus.filter((_, i) => i % 97 === 0)) {
        const n = comp.compress(page, dst, {});
        const src = new Uint8Array(4096 + 3).subarray(3);
        src.set(page);
        const odd = new Uint8Array(8192 + 5).subarray(5);
        expect(comp.compress(src, odd, {})).toBe(n);
        expect(Buffer.from(odd.subarray(0, n)).equals(Buffer.from(dst.subarray(0, n)))).toBe(true);
        const out = new Uint8Array(4096 + 7).subarray(7, 7 + 4096);
        expect(comp.decompress(odd.subarray(0, n), out)).toBe(4096);
        expect(Buffer.from(out).equals(Buffer.from(page))).toBe(true);
      }
    }
  });

  test('lzo-rle cuts a 261..264-byte M4 copy at distance & 0x403f == 0x403f (after -0x4000) to 260', () => {
    // Zeros around two copies of a random block B, 0x4000 + 0x403f apart: lzo-rle's zero runs end
    // exactly at each B, so the second B is found as a 262-byte match at that distance. Three
    // literals follow it, which is what would make the uncut M4 read as a zero-run instruction.
    const r = rng(SEED + 5);
    const d = 0x4000 + 0x403f;
    const p = 1000;
    const input = new Uint8Array(40000);
    const block = Array.from({ length: 262 }, () => 0x80 + Math.floor(r() * 128));
    input.set([...block, 0x01], p);
    input.set([...block, 0x02, 0x03, 0x04], p + d);
    const out = new Uint8Array(lzo1xWorstCompress(input.length));
    const n = lzoGenericCompress(input, out, 1);
    const cut = Buffer.from([0x18, 260 - 9, 0xfc, 0x00]); // M4 | bit 14, count, distance 0x403f
    expect(Buffer.from(out.subarray(0, n)).indexOf(cut)).toBeGreaterThan(0);
    // the WebAssembly compressor (the backend's, for inputs up to 64 KiB) cuts it the same way
    const wasmOut = new Uint8Array(out.length);
    const wn = lzoRle.compress(input, wasmOut, {});
    expect(Buffer.from(wasmOut.subarray(0, wn)).equals(Buffer.from(out.subarray(0, n)))).toBe(true);
    const dec = new Uint8Array(input.length);
    expect(lzo1xDecompressSafe(out.subarray(0, n), dec)).toBe(input.length);
    expect(Buffer.from(dec).equals(Buffer.from(input))).toBe(true);
  });

  test('compress refuses a destination smaller than the worst case instead of overrunning it', () => {
    expect(lzo.compress(corpus[0].page, new Uint8Array(4096), {})).toBe(-1);
  });
});
