// The safe decoder on bad input: it returns -1 or a length, never throws, never hangs, never
// claims more output than fits, and rejects every truncated or over-long stream.
import fc from 'fast-check';
import { lzo, lzoRle } from '../../src/compress/lzo';
import { lzo1xDecompressSafe } from '../../src/compress/lzo/decompress';
import { lzoCorpus } from './lzo-corpus';

const SEED = Number(process.env.FC_SEED ?? 0x1ec0de);
const corpus = lzoCorpus(SEED).filter((_, i) => i % 16 === 0);
const page = new Uint8Array(4096);

function valid(comp: typeof lzo, p: Uint8Array): Uint8Array {
  const dst = new Uint8Array(8192);
  return dst.slice(0, comp.compress(p, dst, {}));
}

function isResult(n: number, cap: number): boolean {
  return n === -1 || (Number.isInteger(n) && n >= 0 && n <= cap);
}

describe(`lzo safe decoder robustness (fast-check seed ${SEED}; rerun with FC_SEED=${SEED})`, () => {
  test.each([lzo, lzoRle])('$name: every strict prefix of a valid stream is rejected', (comp) => {
    const wrong: string[] = [];
    for (const { name, page: p } of corpus.slice(0, 16)) {
      const s = valid(comp, p);
      for (let k = 0; k < s.length; k++) {
        // The version marker only counts in streams of 5+ bytes, so the 3-byte prefix 11 01 00 of
        // a v1 stream reads as an M4 end marker: an empty v0 stream (the kernel agrees).
        const empty = comp === lzoRle && k === 3 && s[2] === 0;
        const got = lzo1xDecompressSafe(s.subarray(0, k), page);
        if (got !== (empty ? 0 : -1)) wrong.push(`${name}[0, ${k}) -> ${got}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  test.each([lzo, lzoRle])('$name: trailing garbage after the end marker is rejected', (comp) => {
    const s = valid(comp, corpus[3].page);
    const longer = new Uint8Array(s.length + 1);
    longer.set(s);
    expect(lzo1xDecompressSafe(longer, page)).toBe(-1);
  });

  test('random bytes (with and without a v1 header): -1 or a length within capacity', () => {
    const stream = fc.tuple(fc.constantFrom([], [0x11, 0x01], [0x11, 0x00]), fc.uint8Array({ maxLength: 700 }));
    fc.assert(fc.property(stream, fc.integer({ min: 0, max: 5000 }), ([head, body], cap) => {
      const src = Uint8Array.from([...head, ...body]);
      return isResult(lzo1xDecompressSafe(src, new Uint8Array(cap)), cap);
    }), { seed: SEED, numRuns: 3000 });
  });

  test('mutated valid streams: -1 or a length; a smaller destination never gets a silent partial page', () => {
    const streams = corpus.flatMap((c) => [valid(lzo, c.page), valid(lzoRle, c.page)]);
    const mutation = fc.tuple(fc.nat(streams.length - 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }));
    fc.assert(fc.property(mutation, fc.integer({ min: 0, max: 4096 }), ([which, edits], cap) => {
      const src = streams[which].slice();
      for (const [at, v] of edits) src[at % src.length] = v;
      const big = new Uint8Array(65536);
      const full = lzo1xDecompressSafe(src, big);
      const small = new Uint8Array(cap);
      const got = lzo1xDecompressSafe(src, small);
      if (!isResult(full, 65536) || !isResult(got, cap)) return false;
      if (full === -1 || full > cap) return got === -1 || full === -1;
      return got === full && Buffer.from(small.subarray(0, got)).equals(Buffer.from(big.subarray(0, full)));
    }), { seed: SEED, numRuns: 3000 });
  });

  test('crafted corrupt streams are rejected', () => {
    const cases: Record<string, number[]> = {
      'too short': [0x11, 0x00],
      'M2 reaching before the output': [17 + 4, 1, 2, 3, 4, (7 << 5) | (7 << 2), 200, 0x11, 0, 0],
      'M3 reaching before the output': [17 + 4, 1, 2, 3, 4, 32 | 5, 0xff, 0xff, 0x11, 0, 0],
      'M1 right after the first literals': [17 + 4, 1, 2, 3, 4, 0x0f, 0xff, 0x11, 0, 0],
      'literal count past the input': [0, 0, 0, 200, 1, 2, 3],
      'literal run without room for the end marker': [17 + 4, 1, 2, 3, 4],
      'end marker with a wrong length': [17 + 4, 1, 2, 3, 4, 0x12, 0, 0],
      'zero runs past 4096 bytes': [0x11, 0x01, 0x1f, 0xfc, 0xff, 255, 0x1f, 0xfc, 0xff, 255, 0x1f, 0xfc, 0xff, 255, 0x11, 0, 0],
      'zero run in a v0 stream is an M4 match before the output': [17 + 4, 1, 2, 3, 4, 0x1f, 0xfc, 0xff, 255, 0x11, 0, 0],
      'a long run of 255-count zeros that ends with the input': [0, ...new Array<number>(5000).fill(0)],
    };
    const got = Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, lzo1xDecompressSafe(Uint8Array.from(v), page)]));
    expect(got).toEqual(Object.fromEntries(Object.keys(cases).map((k) => [k, -1])));
  });

  test('crafted valid streams decode (M1 forms, first-byte literal forms, RLE after literals)', () => {
    // "abcd"; M2 len 3 dist 4 + 1 literal "e"; M1 (state 1) len 2 dist 2
    const s = [17 + 4, 97, 98, 99, 100, ((3 - 1) << 5) | (3 << 2) | 1, 0, 101, 0x01 << 2, 0, 0x11, 0, 0];
    const out = new Uint8Array(4096);
    const n = lzo1xDecompressSafe(Uint8Array.from(s), out);
    expect(Buffer.from(out.subarray(0, n)).toString('latin1')).toBe('abcdabcece');
    // 2100 literals (0, 8 zero bytes' worth of 255s, count), then M1 in state 4: len 3 dist 2049
    const lits = Array.from({ length: 2100 }, (_, i) => (i * 7) & 0xff);
    const count = [0, ...new Array<number>(8).fill(0), 2100 - 18 - 8 * 255];
    const far = [...count, ...lits, 0x00, 0x00, 0x11, 0, 0];
    const k = lzo1xDecompressSafe(Uint8Array.from(far), out);
    expect(k).toBe(2103);
    expect(Array.from(out.subarray(2100, 2103))).toEqual(lits.slice(2100 - 2049, 2100 - 2049 + 3));
    const rle = [0x11, 0x01, 17 + 4, 1, 2, 3, 4, 0x18 | 1, 0xfc | 2, 0xff, 0, 7, 8, 0x11, 0, 0];
    const m = lzo1xDecompressSafe(Uint8Array.from(rle), out);
    expect(Array.from(out.subarray(0, m))).toEqual([1, 2, 3, 4, 0, 0, 0, 0, 0, 7, 8]);
  });

  test('a megabyte of hostile input finishes quickly', () => {
    const t0 = process.hrtime.bigint();
    for (const fill of [0, 0x20, 0x11, 0xff]) lzo1xDecompressSafe(new Uint8Array(1 << 20).fill(fill), page);
    expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(2000);
  });
});
