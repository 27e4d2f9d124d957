// The ZramDevice API: userspace semantics in front of the bios (zram-6.18.md §4.1, A.3), the log,
// and the two payload modes with the real kernel-exact compressors.
import fc from 'fast-check';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';
import { ZramDevice } from '../../src/device/zram-device';
import type { CompAlgorithm } from '../../src/compress/types';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const mix = parseMix(DEFAULT_MIX);
const page = (seed: number, i: number) => mixedPage(mix, seed, i).page;
const errnoOf = (f: () => unknown): string | null => {
  try { f(); return null; } catch (e) { return (e as { errno?: string }).errno ?? String(e); }
};
const TEXTS = ['mm_stat', 'io_stat', 'debug_stat', 'stat', 'disksize', 'comp_algorithm'];

describe('userspace I/O in front of the bios (1 MiB device)', () => {
  const dev = () => { const d = new ZramDevice(); d.store('disksize', '1M'); return d; };
  test('a write straddling the end is shortened to the pages before it; at the end ENOSPC; reads return 0 bytes', () => {
    const d = dev();
    const two = new Uint8Array(8192).fill(3);
    expect(d.write(1044480, two)).toBe(4096);
    expect(errnoOf(() => d.write(1048576, two))).toBe('ENOSPC');
    expect(d.read(1044480, 8192).length).toBe(4096);
    expect(d.read(1048576, 4096).length).toBe(0);
    expect(d.show('stat').trim().split(/\s+/).slice(0, 7).map(Number)).toEqual([1, 0, 8, 0, 1, 0, 8]);
  });
  test('O_DIRECT with 512-byte alignment, and unaligned discard ranges, fail with EINVAL and change no counter', () => {
    const d = dev();
    expect(errnoOf(() => d.write(512, new Uint8Array(512)))).toBe('EINVAL');
    expect(errnoOf(() => d.read(512, 4096))).toBe('EINVAL');
    expect(errnoOf(() => d.discard(512, 4096))).toBe('EINVAL');
    expect(errnoOf(() => d.discard(4096, 2048))).toBe('EINVAL');
    expect(errnoOf(() => d.writeZeroes(0, 0))).toBe('EINVAL');
    expect(errnoOf(() => d.discard(1044480, 8192))).toBe('EINVAL');
    expect(d.show('io_stat')).toBe('       0        0 0        0\n');
    expect(d.show('stat').trim().split(/\s+/).every((x) => x === '0')).toBe(true);
  });
  test('a write larger than 1 MiB becomes bios of 256 pages each', () => {
    const d = new ZramDevice();
    d.store('disksize', '4M');
    d.write(0, new Uint8Array(3 * 1048576 / 2).fill(1));
    expect(d.show('stat').trim().split(/\s+/).slice(4, 7).map(Number)).toEqual([2, 0, 3072]);
  });
  test('whole-device discard counts every page in notify_free (A.3)', () => {
    const d = dev();
    d.write(0, page(1, 0));
    d.discard(0, 1048576);
    expect(d.show('io_stat')).toBe('       0        0 0      256\n');
  });
});

function randomOps(d: ZramDevice, alg: CompAlgorithm, seed: number, n: number): Uint8Array[] {
  const reads: Uint8Array[] = [];
  d.store('comp_algorithm', alg);
  d.store('disksize', '2M');
  let x = seed;
  const rnd = (m: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % m; };
  for (let i = 0; i < n; i++) {
    const at = rnd(512) * 4096, k = 1 + rnd(8);
    const r = rnd(10);
    if (r < 5) {
      const buf = new Uint8Array(k * 4096);
      for (let p = 0; p < k; p++) buf.set(page(seed, i * 8 + p), p * 4096);
      try { d.write(at, buf); } catch { /* ENOSPC near the end is part of the test */ }
    } else if (r < 7) reads.push(d.read(at, k * 4096));
    else if (r < 8) { try { d.discard(at, k * 4096); } catch { /* EINVAL past the end */ } }
    else if (r < 9) d.store('compact', '1');
    else d.store('algorithm_params', `level=${1 + rnd(8)}`);
  }
  return reads;
}

describe('a one-page write() left in flight', () => {
  test('keeps its own bytes: completed after a later write(), it stores the page it was given', () => {
    // init-lock: a bio queued while a reset is pending waits for it, so write() cannot complete it
    const a = page(3, 0), b = page(3, 1);
    const d = new ZramDevice({ variant: 'init-lock' });
    d.store('disksize', '1M');
    d.apply({ type: 'ResetRequested', value: '1\n', context: 'process' });
    expect(() => d.write(0, a)).toThrow(/bio 1: unexpected outcome rejected/);
    expect(d.apply({ type: 'ResetCompleted' })).toMatchObject({ errno: null });
    d.store('disksize', '1M');
    d.write(4096, b); // staged where a was staged
    expect(d.apply({ type: 'BioCompleted', bioId: 1 })).toMatchObject({ kind: 'bio', errno: null });
    expect(Buffer.from(d.read(0, 4096)).equals(a)).toBe(true);
  });
});

describe.each(['lzo-rle', 'lzo', 'lz4'] as CompAlgorithm[])('%s with the real compressors', (alg) => {
  test('one-page write()s (the fast path: the block copied from the compressor\'s buffer) read back exactly', () => {
    const d = new ZramDevice();
    d.store('comp_algorithm', alg);
    d.store('disksize', '1M');
    const pages = Array.from({ length: 128 }, (_, i) => page(7, i));
    pages.forEach((p, i) => d.write(i * 4096, p));
    const kinds = d.show('mm_stat').trim().split(/\s+/).map(Number);
    expect(kinds[1]).toBeGreaterThan(0); // compressed objects, same-filled and huge pages: every kind was written
    expect(kinds[5]).toBeGreaterThan(0);
    expect(kinds[7]).toBeGreaterThan(0);
    pages.forEach((p, i) => expect(Buffer.from(d.read(i * 4096, 4096)).equals(p)).toBe(true));
  });
  test(`refolding the log gives the same texts; payload modes agree on texts and reads (seed ${SEED})`, () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
      const a = new ZramDevice();
      const b = new ZramDevice({ payload: 'original' });
      const ra = randomOps(a, alg, seed, 60);
      const rb = randomOps(b, alg, seed, 60);
      expect(rb).toEqual(ra);
      const c = new ZramDevice();
      for (const r of a.log()) c.apply(r.event);
      for (const t of TEXTS) {
        expect(b.show(t)).toBe(a.show(t));
        expect(c.show(t)).toBe(a.show(t));
      }
    }), { seed: SEED, numRuns: 5 });
  });
});

describe('shortening comes before the O_DIRECT alignment check (checked live)', () => {
  test('4608 bytes at disksize-4096 write one page; misaligned requests past the end give ENOSPC / 0 bytes', () => {
    const d = new ZramDevice();
    d.store('disksize', '8192');
    expect(d.write(4096, new Uint8Array(4608).fill(5))).toBe(4096);
    expect(errnoOf(() => d.write(8704, new Uint8Array(512)))).toBe('ENOSPC');
    expect(d.read(8704, 512).length).toBe(0);
    expect(errnoOf(() => d.write(0, new Uint8Array(4608)))).toBe('EINVAL');
    expect(d.read(4096, 5000).length).toBe(4096);
  });
});
