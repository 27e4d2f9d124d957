// Kernel build profiles: the default profile is this kernel (zstd, lz4hc, deflate, 842: EINVAL, as
// the lock-step checks require); 'all-backends' accepts them, lists them in the kernel's table
// order, and every backend stores and reads back pages. Bad params get the kernel's errno.
import { loadBackends } from '../../src/compress/registry';
import { ALL_COMP_ALGORITHMS } from '../../src/compress/types';
import { ZramDevice } from '../../src/device/zram-device';
import { ZramError } from '../../src/errors';
import { makeCorpus } from '../compress/lz4-corpus';

const pages = makeCorpus(2, 1).slice(0, 40).map((p) => p.data);

beforeAll(loadBackends);

function errnoOf(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof ZramError ? e.errno : 'not a ZramError';
  }
}

/** mm_stat compr_data_size after writing `pages` with `alg`, params set before and after init. */
const size = (alg: string, params: string | null, later: string | null) => {
  const d = new ZramDevice({ kernelConfig: 'all-backends' });
  d.store('comp_algorithm', alg);
  if (params) d.store('algorithm_params', params);
  d.store('disksize', '1M');
  if (later) d.store('algorithm_params', later);
  pages.forEach((p, i) => d.write(i * 4096, p));
  return Number(d.show('mm_stat').trim().split(/\s+/)[1]);
};

describe('kernel profiles', () => {
  test.each([['zstd'], ['lz4hc'], ['deflate'], ['842'], ['nope']])('default profile: comp_algorithm %s is EINVAL', (alg) => {
    const d = new ZramDevice();
    expect(errnoOf(() => d.store('comp_algorithm', alg))).toBe('EINVAL');
    expect(d.show('comp_algorithm')).toBe('[lzo-rle] lzo lz4 \n');
  });

  test('all-backends lists every backend in the kernel\'s table order; unknown names are still EINVAL', () => {
    const d = new ZramDevice({ kernelConfig: 'all-backends' });
    expect(d.show('comp_algorithm')).toBe('[lzo-rle] lzo lz4 lz4hc zstd deflate 842 \n');
    expect(errnoOf(() => d.store('comp_algorithm', 'nope'))).toBe('EINVAL');
    d.store('comp_algorithm', 'zstd');
    expect(d.show('comp_algorithm')).toBe('lzo-rle lzo lz4 lz4hc [zstd] deflate 842 \n');
    d.store('comp_algorithm', '842');
    expect(d.show('comp_algorithm')).toBe('lzo-rle lzo lz4 lz4hc zstd deflate [842] \n');
  });

  test('an unknown profile name is refused', () => {
    expect(errnoOf(() => new ZramDevice({ kernelConfig: 'everything' as never }))).toBe('EINVAL');
  });

  test.each(ALL_COMP_ALGORITHMS.map((a) => [a]))('all-backends, %s: pages written read back intact', (alg) => {
    const d = new ZramDevice({ kernelConfig: 'all-backends' });
    d.store('comp_algorithm', alg);
    d.store('disksize', '1M');
    pages.forEach((p, i) => d.write(i * 4096, p));
    pages.forEach((p, i) => expect(Buffer.from(d.read(i * 4096, 4096)).equals(Buffer.from(p))).toBe(true));
    const mm = d.show('mm_stat').trim().split(/\s+/).map(Number);
    expect(mm[0]).toBe(pages.length * 4096);
    expect(mm[1]).toBeGreaterThan(0);
  });

  test('deflate: a level zlib_deflateInit2 refuses makes disksize EINVAL; a valid one works', () => {
    const d = new ZramDevice({ kernelConfig: 'all-backends' });
    d.store('comp_algorithm', 'deflate');
    d.store('algorithm_params', 'level=12');
    expect(errnoOf(() => d.store('disksize', '1M'))).toBe('EINVAL');
    expect(d.show('initstate')).toBe('0\n');
    d.store('algorithm_params', 'level=9 deflate.winbits=-15');
    d.store('disksize', '1M');
    expect(d.show('initstate')).toBe('1\n');
  });

  test('params that do not parse are EINVAL in either profile (kstrtoint)', () => {
    for (const kernelConfig of ['default', 'all-backends'] as const) {
      const d = new ZramDevice({ kernelConfig });
      expect(errnoOf(() => d.store('algorithm_params', 'level=x'))).toBe('EINVAL');
      expect(errnoOf(() => d.store('algorithm_params', 'deflate.winbits=--1'))).toBe('EINVAL');
    }
  });

  test('zstd level changes the stored size; lz4hc reads a later level live, zstd keeps its init level', () => {
    expect(size('zstd', 'level=1', null)).not.toBe(size('zstd', 'level=19', null));
    expect(size('zstd', 'level=1', 'level=19')).toBe(size('zstd', 'level=1', null));
    expect(size('lz4hc', 'level=1', 'level=16')).toBe(size('lz4hc', 'level=16', null));
  });

  test('842: setup_params_842 (6.18) accepts a level and nothing reads it', () => {
    expect(size('842', 'level=1', null)).toBe(size('842', null, null));
    expect(size('842', 'level=19', 'level=1')).toBe(size('842', null, null));
    expect(size('842', null, null)).toBeGreaterThan(0);
  });
});
