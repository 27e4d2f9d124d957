// The decoder on bad input: -1 or a length within dst, never an exception, never a hang,
// never a write outside dst (dst is a window of a larger guarded buffer).
import fc from 'fast-check';
import { lz4 } from '../../src/compress/lz4';
import { makeCorpus } from './lz4-corpus';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const GUARD = 64;
const blocks = makeCorpus(11, 0.2).map((p) => {
  const dst = new Uint8Array(8192);
  return { page: p.data, block: dst.slice(0, lz4.compress(p.data, dst, {})) };
});

/** Decodes into a window of capacity `cap` inside guard bytes; checks the guards afterwards. */
function decodeGuarded(src: Uint8Array, cap = 4096): { r: number; out: Uint8Array } {
  const buf = new Uint8Array(cap + 2 * GUARD).fill(0xa5);
  const out = buf.subarray(GUARD, GUARD + cap);
  const r = lz4.decompress(src, out);
  for (let i = 0; i < GUARD; i++) {
    if (buf[i] !== 0xa5 || buf[GUARD + cap + i] !== 0xa5) throw new Error('write outside dst');
  }
  if (!(r === -1 || (Number.isInteger(r) && r >= 0 && r <= cap))) throw new Error(`bad result ${r}`);
  return { r, out };
}

describe(`lz4 decompress on bad input (fast-check seed ${seed}; rerun with FC_SEED=${seed})`, () => {
  test('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 0, max: 5000 }), (src, cap) => {
      decodeGuarded(src, cap);
    }), { seed, numRuns: 3000 });
  });

  test('truncated valid blocks decode to a strict prefix of the page, or -1', () => {
    fc.assert(fc.property(fc.nat(blocks.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (bi, f) => {
      const { page, block } = blocks[bi];
      const cut = Math.floor(f * (block.length - 1));
      const { r, out } = decodeGuarded(block.subarray(0, cut));
      if (r >= 0) {
        expect(r).toBeLessThan(4096);
        expect(Buffer.compare(Buffer.from(out.subarray(0, r)), Buffer.from(page.subarray(0, r)))).toBe(0);
      }
    }), { seed, numRuns: 2000 });
  });

  test('mutated valid blocks', () => {
    fc.assert(fc.property(fc.nat(blocks.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }), (bi, muts) => {
      const src = blocks[bi].block.slice();
      for (const [at, v] of muts) src[at % src.length] = v;
      decodeGuarded(src);
    }), { seed, numRuns: 2000 });
  });

  test('an offset reaching before the output start is rejected', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 65535 }), fc.nat(15), (lit, extra, ml) => {
      const offset = Math.min(65535, lit + extra);
      const src = Uint8Array.from([(lit << 4) | ml, ...Array(lit).fill(0x41), offset & 0xff, offset >> 8, 0x50, 1, 2, 3, 4, 5]);
      expect(decodeGuarded(src).r).toBe(-1);
    }), { seed, numRuns: 500 });
  });

  test('huge literal lengths (long 255 runs) end in -1 quickly', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200000 }), fc.nat(255), (runs, last) => {
      const src = new Uint8Array(runs + 2).fill(255);
      src[0] = 0xf0;
      src[runs + 1] = last;
      expect(decodeGuarded(src).r).toBe(-1);
    }), { seed, numRuns: 100 });
  });

  test('a block that needs more room than dst is rejected', () => {
    for (const { block } of blocks.slice(0, 20)) expect(decodeGuarded(block, 4000).r).toBe(-1);
  });

  test('zero offset and empty input are corrupt', () => {
    expect(decodeGuarded(new Uint8Array(0)).r).toBe(-1);
    expect(decodeGuarded(Uint8Array.from([0x10, 0x41, 0, 0, 0x50, 1, 2, 3, 4, 5, 6, 7, 8])).r).toBe(-1);
  });
});
