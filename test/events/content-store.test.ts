import fc from 'fast-check';
import { hashPage } from '../../src/events/content-hash';
import { ContentStore } from '../../src/events/content-store';
import { pageFrom, SEED } from './arbitraries';

describe(`content store (seed ${SEED})`, () => {
  test('the same content gets the same key; different contents get new keys in order', () => {
    const s = new ContentStore();
    const a = pageFrom(1);
    const b = pageFrom(2);
    expect(s.intern(a)).toEqual({ key: 0, isNew: true });
    expect(s.intern(b)).toEqual({ key: 1, isNew: true });
    expect(s.intern(new Uint8Array(a))).toEqual({ key: 0, isNew: false });
    expect(s.size).toBe(2);
    expect(s.get(1)).toEqual(b);
  });

  test('a new content is copied: reusing the caller buffer does not change the stored page', () => {
    const s = new ContentStore();
    const buf = pageFrom(3);
    const { key } = s.intern(buf);
    buf.fill(0);
    expect(s.get(key)).toEqual(pageFrom(3));
    expect(s.intern(buf)).toEqual({ key: 1, isNew: true });
  });

  test('a hash collision never merges two pages (colliding hash injected)', () => {
    const s = new ContentStore({ hash: () => 42 });
    const pages = [pageFrom(10), pageFrom(11), pageFrom(12)];
    const keys = pages.map((p) => s.intern(p).key);
    expect(keys).toEqual([0, 1, 2]);
    expect(s.collisions).toBe(2);
    pages.forEach((p, i) => expect(s.intern(p)).toEqual({ key: i, isNew: false }));
    pages.forEach((p, i) => expect(s.get(i)).toEqual(p));
  });

  test('pages differing in one byte only are never merged, even with a weak hash', () => {
    const s = new ContentStore({ hash: (d) => d[0]! });
    const a = pageFrom(5);
    const b = new Uint8Array(a);
    b[4095] ^= 1;
    expect(s.intern(a).key).not.toBe(s.intern(b).key);
  });

  test('property: keys are equal exactly when the bytes are equal (hash of 1 bit to force collisions)', () => {
    const page = fc.tuple(fc.nat(6), fc.nat(4095), fc.nat(3)).map(([seed, at, v]) => {
      const p = pageFrom(seed);
      p[at] = v;
      return p;
    });
    fc.assert(
      fc.property(fc.array(page, { maxLength: 30 }), (pages) => {
        const s = new ContentStore({ hash: (d) => d[100]! & 1 });
        const keys = pages.map((p) => s.intern(p).key);
        for (let i = 0; i < pages.length; i++) {
          for (let j = 0; j < pages.length; j++) {
            expect(keys[i] === keys[j]).toBe(Buffer.from(pages[i]!).equals(Buffer.from(pages[j]!)));
          }
        }
        expect(s.size).toBe(new Set(keys).size);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  test('payload() hands out the store copy with its key', () => {
    const s = new ContentStore({ firstKey: 100 });
    const p = s.payload(pageFrom(7));
    expect(p.key).toBe(100);
    expect(p.data).toBe(s.get(100));
  });

  test('a page of the wrong size is refused', () => {
    expect(() => new ContentStore().intern(new Uint8Array(4095))).toThrow(/4096 bytes, got 4095/);
  });

  test('hashPage: same bytes, same hash, whatever the alignment; spreads pages differing in one byte', () => {
    const p = pageFrom(9);
    const unaligned = new Uint8Array(4097).subarray(1);
    unaligned.set(p);
    expect(hashPage(unaligned)).toBe(hashPage(p));
    const hashes = new Set<number>();
    for (let i = 0; i < 4096; i++) {
      const q = new Uint8Array(p);
      q[i] ^= 0x80;
      hashes.add(hashPage(q));
    }
    expect(hashes.size).toBe(4096);
    expect(hashPage(new Uint8Array(4096))).not.toBe(hashPage(new Uint8Array(4096).fill(1)));
  });
});
