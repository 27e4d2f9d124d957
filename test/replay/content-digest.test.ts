// The read digest: fixed values (the model and the kernel target must agree on them across
// versions and machines), and it tells one changed byte apart wherever it is.
import {
  contentDigest, contentDigestLanes, contentDigestReference, digestText, readDigest,
} from '../../src/replay/content-digest';
import { fillPage } from '../../src/device/same-filled';

describe('contentDigest', () => {
  test('golden values', () => {
    const page = new Uint8Array(4096).map((_, i) => (i * 7919) & 0xff);
    expect(contentDigest(new Uint8Array(4096))).toBe('ad88fd1fe5c5a06f');
    expect(contentDigest(page)).toBe('5b3b4d1fd192260a');
    expect(contentDigest(page)).toBe(contentDigest(page.slice()));
    expect(contentDigest(page.subarray(0, 4095))).not.toBe(contentDigest(page));
  });

  test('one changed byte anywhere changes the digest; offsets into a larger buffer do not matter', () => {
    const big = new Uint8Array(8192 + 3).map((_, i) => (i * 31) & 0xff);
    const page = big.subarray(3, 3 + 4096);
    const d = contentDigest(page);
    expect(contentDigest(page.slice())).toBe(d);
    for (const at of [0, 1, 2, 3, 1000, 4095]) {
      const c = page.slice();
      c[at] ^= 1;
      expect(contentDigest(c)).not.toBe(d);
    }
  });

  test('the WebAssembly digest equals the TypeScript reference at every length 0..300 and past one piece', () => {
    const big = new Uint8Array(200003).map((_, i) => (i * 2654435761) >>> 24);
    const lengths = [...Array.from({ length: 301 }, (_, i) => i), 4096, 65536, 65599, 65600, 65601, 131203, 200003];
    for (const n of lengths) {
      for (const off of [0, 1]) {
        const d = big.subarray(off, off + n);
        expect([n, off, contentDigest(d)]).toEqual([n, off, contentDigestReference(d)]);
      }
    }
  });

  test('the digest as two lanes (for shared memory) gives the same text', () => {
    const out = new Int32Array(4);
    for (let n = 0; n < 5000; n += 97) {
      const d = new Uint8Array(n).map((_, i) => (i * 40503 + n) >>> 3);
      contentDigestLanes(d, out, 2);
      expect(digestText(out[2], out[3])).toBe(contentDigest(d));
    }
  });

  test('a read\'s digest is the digest of its bytes, same-filled pages (remembered by element) included', () => {
    const filled = (lo: number, hi: number): Uint8Array => {
      const p = new Uint8Array(4096);
      fillPage(p, lo, hi);
      return p;
    };
    // elements sharing a cache slot, or one half, must not share a digest; each asked twice (the second from memory)
    const elements = [[0, 0], [0, 0x10001], [1, 0], [0, 1], [0x10001, 0], [0, 0x10001], [0xffffffff, 0xffffffff],
      [0x80000000, 7], [17, 17]];
    for (let round = 0; round < 2; round++) {
      for (const [lo, hi] of elements) {
        const p = filled(lo, hi);
        expect([lo, hi, readDigest(p)]).toEqual([lo, hi, contentDigestReference(p)]);
      }
    }
    const almost = filled(5, 5);
    almost[4095] = 9; // not same-filled past the first and last words' test
    expect(readDigest(almost)).toBe(contentDigestReference(almost));
    const twoPages = new Uint8Array(8192);
    expect(readDigest(twoPages)).toBe(contentDigestReference(twoPages));
  });
});
