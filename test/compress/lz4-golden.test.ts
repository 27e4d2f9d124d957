// Small inputs with sizes measured on the 6.18 kernel / userspace LZ4 (zram-6.18.md A.1, A.6;
// compression.md §2.4), and the edge rules of the format.
import fc from 'fast-check';
import { lz4 } from '../../src/compress/lz4';
import { hash32 } from '../../src/compress/lz4/constants';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

const PAGE = 4096;
const page = (f: (i: number) => number) => Uint8Array.from({ length: PAGE }, (_, i) => f(i) & 0xff);
const pattern = (bytes: number[]) => page((i) => bytes[i % bytes.length]);

describe('lz4 sizes measured on the kernel / liblz4', () => {
  test.each([
    ['8-byte pattern 01 23 .. ef (userspace accel 1)', pattern([0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]), 33],
    ['3-byte pattern "abc"', pattern([0x61, 0x62, 0x63]), 28],
    ['16-byte pattern of two different words', pattern([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), 42],
    ['1 non-zero byte then zeros', page((i) => (i === 0 ? 0x5a : 0)), 27],
    ['all 0x11 except the last byte', page((i) => (i === PAGE - 1 ? 0 : 0x11)), 26],
    ['all 0x11 except the first byte', page((i) => (i === 0 ? 0 : 0x11)), 27],
    ['zeros with one byte at 2048', page((i) => (i === 2048 ? 7 : 0)), 30],
  ])('%s -> %i bytes', (_name, src, expected) => {
    expect(lz4.compressedLength(src, {})).toBe(expected);
    expect(lz4.compress(src, new Uint8Array(8192), {})).toBe(expected);
  });
});

describe('lz4 format edges', () => {
  test('incompressible page: one literal run of 4096 -> 4114 bytes', () => {
    let x = 12345;
    const src = page(() => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24));
    const dst = new Uint8Array(8192);
    expect(lz4.compress(src, dst, {})).toBe(4114);
    // token 0xF0, then (4096 - 15) = 16 * 255 + 1 as 255 x16 and 1, then the page itself
    expect(dst[0]).toBe(0xf0);
    expect(Array.from(dst.subarray(1, 18))).toEqual([...Array(16).fill(255), 1]);
    expect(Array.from(dst.subarray(18, 4114))).toEqual(Array.from(src));
  });

  test.each([[0], [1], [12]])('input of %i bytes (< 13) is a literal-only block', (n) => {
    const src = new Uint8Array(n).fill(0x41);
    const dst = new Uint8Array(64);
    expect(lz4.compress(src, dst, {})).toBe(n + 1);
    expect(dst[0]).toBe(n << 4);
    const back = new Uint8Array(n);
    if (n > 0) expect(lz4.decompress(dst.subarray(0, n + 1), back)).toBe(n);
  });

  test('13 equal bytes: a match may start no later than iend - 13', () => {
    const src = new Uint8Array(13).fill(0x41);
    const dst = new Uint8Array(64);
    // ip=1 would need forwardIp=2 <= mflimit=1: the search stops, so all literals.
    expect(lz4.compress(src, dst, {})).toBe(14);
  });

  test('level below 1, undefined and NaN all mean acceleration 1', () => {
    const src = pattern([1, 2, 3, 4, 5, 6, 7, 9, 9, 9, 1, 2, 3]);
    const base = lz4.compressedLength(src, {});
    for (const level of [0, -3, 1, 0.5, Number.NaN]) expect(lz4.compressedLength(src, { level })).toBe(base);
  });

  test('acceleration << 6 wrapping to 0 (level 2^26), as in the kernel: finite, consistent', () => {
    // step stays 0 for 64 probes, so the kernel (and we) find a zero-offset "match"; the kernel
    // stores that block (verified in lz4-kernel.test.ts). Only termination and consistency here.
    const src = page((i) => (i * 31) ^ (i >> 5));
    const dst = new Uint8Array(8192);
    const n = lz4.compressedLength(src, { level: 2 ** 26 });
    expect(lz4.compress(src, dst, { level: 2 ** 26 })).toBe(n);
    expect(n).toBeLessThan(64);
  });

  test('a page that is a view at an odd offset of a larger buffer compresses the same', () => {
    const src = pattern([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const big = new Uint8Array(PAGE + 10).fill(0x33);
    big.set(src, 3);
    const a = new Uint8Array(8192), b = new Uint8Array(8192);
    const n = lz4.compress(src, a, {});
    expect(lz4.compress(big.subarray(3, 3 + PAGE), b, {})).toBe(n);
    expect(Array.from(b.subarray(0, n))).toEqual(Array.from(a.subarray(0, n)));
  });

  test('a dst smaller than the block is refused (-1), not overrun', () => {
    const src = page((i) => (i * 7919) >>> 3);
    const need = lz4.compressedLength(src, {});
    expect(lz4.compress(src, new Uint8Array(need - 1), {})).toBe(-1);
    expect(lz4.compress(src, new Uint8Array(need), {})).toBe(need);
  });
});

describe(`lz4 hash (fast-check seed ${seed})`, () => {
  test('hash32 == ((u32 * 2654435761) mod 2^32) >> 19, computed with BigInt and with Math.imul', () => {
    const ref = (v: number) => Number(((BigInt(v >>> 0) * 2654435761n) & 0xffffffffn) >> 19n);
    for (const v of [0, 1, -1, 0x7fffffff, -0x80000000, 0x61626364]) expect(hash32(v)).toBe(ref(v));
    fc.assert(fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), (v) => {
      expect(hash32(v)).toBe(ref(v));
      expect(hash32(v)).toBe(Math.imul(v, 2654435761) >>> 19);
    }), { seed, numRuns: 20000 });
  });
});
