// The shared compressed-length memo: exact keys, no wrong answer when full, and a memoised
// compressor that answers like its backend while compressing each (content, params) once.
import { LengthMemo, memoCompressor, memoSlots, newMemoBuffer, type MemoMeter } from '../../src/compress/memo';
import { getCompressor } from '../../src/compress/registry';
import type { Compressor } from '../../src/compress/types';
import { mulberry32 } from '../../src/content/prng';

describe('LengthMemo', () => {
  test('a hit needs the same key, algorithm, level and winbits', () => {
    const m = new LengthMemo(newMemoBuffer(1024));
    m.set(7, 'lz4', { level: 1 }, 1234, 900);
    expect(m.get(7, 'lz4', { level: 1 })).toEqual({ len: 1234, ns: 900 });
    expect(m.get(7, 'lz4', {})).toBeNull();
    expect(m.get(7, 'lz4', { level: 2 })).toBeNull();
    expect(m.get(7, 'lz4hc', { level: 1 })).toBeNull();
    expect(m.get(8, 'lz4', { level: 1 })).toBeNull();
    m.set(7, 'deflate', { level: 6, winbits: -11 }, 99, 1);
    expect(m.get(7, 'deflate', { level: 6, winbits: -11 })?.len).toBe(99);
    expect(m.get(7, 'deflate', { level: 6, winbits: 11 })).toBeNull();
  });

  test('keys past 2^32 are told apart from their low 32 bits', () => {
    const m = new LengthMemo(newMemoBuffer(1024));
    m.set(2 ** 40 + 5, 'lzo', {}, 10, 1);
    m.set(5, 'lzo', {}, 20, 1);
    expect(m.get(2 ** 40 + 5, 'lzo', {})?.len).toBe(10);
    expect(m.get(5, 'lzo', {})?.len).toBe(20);
    expect(m.get(2 ** 41 + 5, 'lzo', {})).toBeNull();
  });

  test('params that are not 32-bit integers are never remembered', () => {
    const m = new LengthMemo(newMemoBuffer(1024));
    m.set(1, 'zstd', { level: 2 ** 40 }, 10, 1);
    expect(m.get(1, 'zstd', { level: 2 ** 40 })).toBeNull();
  });

  test('a full table forgets new keys but never answers wrongly', () => {
    const m = new LengthMemo(newMemoBuffer(1024));
    for (let k = 0; k < 5000; k++) m.set(k, 'lz4', {}, k % 4000, 1);
    let hits = 0;
    for (let k = 0; k < 5000; k++) {
      const h = m.get(k, 'lz4', {});
      if (h) { hits++; expect(h.len).toBe(k % 4000); }
    }
    expect(hits).toBeGreaterThan(900);
    expect(hits).toBeLessThanOrEqual(1024);
  });

  test('sizing: a power of two, at least twice pages x groups, capped', () => {
    expect(memoSlots(1000, 3)).toBe(8192);
    expect(memoSlots(0, 0)).toBe(1024);
    expect(memoSlots(1e9, 8)).toBe(1 << 21);
    expect(() => new LengthMemo(new SharedArrayBuffer(3 * 32))).toThrow(/power of two/);
  });
});

describe('memoCompressor', () => {
  const SEED = 20261204;
  test(`answers as the backend, each content once per params (seed ${SEED})`, () => {
    const rnd = mulberry32(SEED);
    const pages = Array.from({ length: 40 }, (_, i) => {
      const p = new Uint8Array(4096);
      for (let j = 0; j < 4096; j++) p[j] = j % (i + 2) === 0 ? Math.floor(rnd() * 256) : i;
      return p;
    });
    const keys = new Map<Uint8Array, number>(pages.map((p, i) => [p, i + 1]));
    const base = getCompressor('lz4');
    let calls = 0;
    const counting: Compressor = { ...base, compressedLength: (s, p) => { calls++; return base.compressedLength(s, p); } };
    const memo = new LengthMemo(newMemoBuffer(memoSlots(pages.length, 2)));
    const meter: MemoMeter = { calls: 0, ns: 0, hits: 0 };
    const c = memoCompressor(counting, memo, (d) => keys.get(d) ?? null, meter, () => performance.now());
    for (let round = 0; round < 3; round++) {
      for (const p of pages) {
        expect(c.compressedLength(p, { level: 1 })).toBe(base.compressedLength(p, { level: 1 }));
        expect(c.compressedLength(p, { level: 9 })).toBe(base.compressedLength(p, { level: 9 }));
      }
    }
    expect(calls).toBe(2 * pages.length);
    expect(meter).toMatchObject({ calls: 6 * pages.length, hits: 4 * pages.length });
    // bytes unknown to the memo (no key) are compressed every time
    const stranger = new Uint8Array(pages[0]);
    c.compressedLength(stranger, { level: 1 });
    c.compressedLength(stranger, { level: 1 });
    expect(calls).toBe(2 * pages.length + 2);
    const dst = new Uint8Array(8192);
    expect(c.compress(pages[3], dst, {})).toBe(base.compressedLength(pages[3], {}));
  });
});
