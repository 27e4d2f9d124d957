// Hostile calls on the device API: names that are not sysfs files (prototype keys included),
// buffers of every typed-array kind, and arguments of the wrong type. Each ends in a ZramError
// with the kernel's errno or in the kernel's result, never in internal state or a TypeError.
import fc from 'fast-check';
import { ZramDevice } from '../../src/device/zram-device';
import { ZramError } from '../../src/errors';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const RUNS = 200;
const errnoOf = (f: () => unknown): string => {
  try { f(); return 'ok'; } catch (e) { return e instanceof ZramError ? e.errno : `not a ZramError: ${String(e)}`; }
};
const dev = (): ZramDevice => { const d = new ZramDevice(); d.store('disksize', '1M'); return d; };
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

describe('attribute names', () => {
  test.each(PROTO_KEYS)('show and store of %s are ENOENT, like a missing sysfs file', (k) => {
    const d = dev();
    expect(errnoOf(() => d.show(k))).toBe('ENOENT');
    expect(errnoOf(() => d.store(k, '1'))).toBe('ENOENT');
    expect(d.show('disksize')).toBe('1048576\n'); // the state is untouched
  });
  test(`seed ${SEED}: ${RUNS} random names: ENOENT unless a real attribute`, () => {
    const real = new Set(['mm_stat', 'io_stat', 'debug_stat', 'disksize', 'initstate', 'size', 'comp_algorithm',
      'stat', 'inflight', 'mem_limit', 'mem_used_max', 'compact', 'idle', 'reset', 'algorithm_params']);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom(...PROTO_KEYS)), (name) => {
      const got = errnoOf(() => dev().show(name));
      return real.has(name) ? got !== 'ENOENT' : got === 'ENOENT';
    }), { seed: SEED, numRuns: RUNS });
  });
  test('a value that is not a string is EFAULT, not a TypeError', () => {
    expect(errnoOf(() => dev().store('mem_limit', 5 as unknown as string))).toBe('EFAULT');
  });
});

describe('write buffers: a write takes the bytes of any ArrayBufferView', () => {
  const kinds: [string, (n: number) => ArrayBufferView][] = [
    ['Uint16Array(2048)', () => new Uint16Array(2048).fill(0x0102)],
    ['Float64Array(512)', () => new Float64Array(512).fill(1.5)],
    ['BigUint64Array(512)', () => new BigUint64Array(512).fill(7n)],
    ['DataView(4096)', () => new DataView(new Uint8Array(4096).fill(9).buffer)],
    ['Int32Array(1024)', () => new Int32Array(1024).fill(-1)],
  ];
  test.each(kinds)('%s is one 4096-byte page, read back byte for byte', (_n, make) => {
    const d = dev();
    const v = make(0);
    const want = new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
    expect(d.write(0, v)).toBe(4096);
    expect(Buffer.from(d.read(0, 4096)).equals(Buffer.from(want))).toBe(true);
  });
  test('a view into a larger buffer writes only its own bytes (byteOffset honoured)', () => {
    const big = new Uint8Array(3 * 4096);
    big.fill(1, 0, 4096); big.fill(2, 4096, 8192); big.fill(3, 8192);
    const d = dev();
    expect(d.write(0, new Uint32Array(big.buffer, 4096, 1024))).toBe(4096);
    expect(d.read(0, 4096).every((b) => b === 2)).toBe(true);
  });
  test('Uint16Array(1024) is 2048 bytes: not page-aligned, EINVAL', () => {
    expect(errnoOf(() => dev().write(0, new Uint16Array(1024)))).toBe('EINVAL');
  });
  test('not a buffer at all is EFAULT; a bad read length is EINVAL', () => {
    expect(errnoOf(() => dev().write(0, [1, 2, 3] as unknown as Uint8Array))).toBe('EFAULT');
    expect(errnoOf(() => dev().write(0, 'abc' as unknown as Uint8Array))).toBe('EFAULT');
    expect(errnoOf(() => dev().read(0, -4096))).toBe('EINVAL');
    expect(errnoOf(() => dev().read(0, Number.NaN))).toBe('EINVAL');
  });
});
