// deflate: the kernel's parameters (raw, winbits -11 = 2 KiB window, memLevel 8, level 6);
// every corpus page inflates through Node's zlib (an independent inflater) and our decompress;
// positive winbits give a zlib stream; zlib_deflateInit2's limits give EINVAL at setup.
import * as zlib from 'node:zlib';
import { deflate, deflateParamsOk } from '../../src/compress/deflate';
import { setupParams } from '../../src/compress/params';
import { makeCorpus, rng } from './lz4-corpus';

const corpus = makeCorpus(1, 1).slice(0, 150);
const dst = new Uint8Array(8192);

describe('deflate backend', () => {
  test.each([[-1], [1], [6], [9]])('level %i, raw winbits -11: every page inflates with node:zlib (windowBits 11)', (level) => {
    for (const { data } of corpus) {
      const n = deflate.compress(data, dst, { level, winbits: -11 });
      expect(n).toBeGreaterThan(0);
      expect(deflate.compressedLength(data, { level, winbits: -11 })).toBe(n);
      const back = zlib.inflateRawSync(dst.subarray(0, n), { windowBits: 11 });
      expect(back.equals(Buffer.from(data))).toBe(true);
      const ours = new Uint8Array(4096);
      expect(deflate.decompress(dst.subarray(0, n), ours, { level, winbits: -11 })).toBe(4096);
      expect(Buffer.from(ours).equals(Buffer.from(data))).toBe(true);
    }
  });

  test('no match reaches back more than the 2 KiB window: inflating with windowBits 11 never fails', () => {
    // (checked above page by page; here a page whose only repeat is 3000 bytes back)
    const p = new Uint8Array(4096);
    const r = rng(7);
    for (let i = 0; i < 4096; i++) p[i] = (r() * 256) | 0;
    p.copyWithin(3000, 0, 1000);
    const n = deflate.compress(p, dst, {});
    const wide = deflate.compressedLength(p, { winbits: -15 }); // a 32 KiB window does reach it
    expect(wide).toBeLessThan(3300);
    expect(zlib.inflateRawSync(dst.subarray(0, n), { windowBits: 11 }).equals(Buffer.from(p))).toBe(true);
    expect(n).toBeGreaterThan(3500); // the 3000-byte-back repeat is out of reach of a 2 KiB window
  });

  test('positive winbits make a zlib stream (header + adler32) that node:zlib inflates', () => {
    const { data } = corpus[3];
    const n = deflate.compress(data, dst, { winbits: 15 });
    expect(zlib.inflateSync(dst.subarray(0, n)).equals(Buffer.from(data))).toBe(true);
    expect(n).toBe(deflate.compressedLength(data, { winbits: -15 }) + 6);
  });

  test('zlib_deflateInit2 limits: level -1..9, |winbits| 9..15; the device answers EINVAL at disksize', () => {
    expect(deflateParamsOk(-1, -11)).toBe(true);
    expect(deflateParamsOk(10, -11)).toBe(false);
    expect(deflateParamsOk(-2, -11)).toBe(false);
    expect(deflateParamsOk(6, -8)).toBe(false);
    expect(deflateParamsOk(6, 16)).toBe(false);
    expect(setupParams('deflate', { level: 12, winbits: null })).toBe('EINVAL');
    expect(setupParams('deflate', { level: null, winbits: null })).toEqual({ level: -1, winbits: -11 });
    expect(setupParams('zstd', { level: null, winbits: null })).toEqual({ level: 3 });
    expect(setupParams('lz4hc', { level: null, winbits: null })).toEqual({ level: 9 });
  });
});
