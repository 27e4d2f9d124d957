// sysfs stores and their errnos, as checked on the live 6.18 kernel (zram-6.18.md §2 and a
// probe of the same kernel: E2BIG counts echo's newline, reset takes a u16, `algo=` must name
// the primary algorithm, write-only files refuse reads).
import { ZramDevice } from '../../src/device/zram-device';

type Case = [attr: string, value: string, errno: string | null];
const errnoOf = (f: () => void): string | null => {
  try { f(); return null; } catch (e) { return (e as { errno?: string }).errno ?? String(e); }
};

describe('sysfs stores on an uninitialised device', () => {
  const cases: Case[] = [
    ['algorithm_params', 'algo=lz4 level=1', 'EINVAL'], ['algorithm_params', 'algo=lzo-rle level=1', null],
    ['algorithm_params', 'level', 'EINVAL'], ['algorithm_params', 'level=abc', 'EINVAL'],
    ['algorithm_params', 'priority=1', 'EINVAL'], ['algorithm_params', 'priority=0', null], ['algorithm_params', 'foo=1', null],
    ['reset', '70000', 'ERANGE'], ['reset', '65536', 'ERANGE'], ['reset', '65535', null], ['reset', '-1', 'EINVAL'],
    ['reset', ' 1', 'EINVAL'], ['reset', '0', 'EINVAL'], ['reset', 'abc', 'EINVAL'], ['reset', '+1', null],
    ['comp_algorithm', 'a'.repeat(127), 'E2BIG'], ['comp_algorithm', 'a'.repeat(126), 'EINVAL'], ['comp_algorithm', 'zstd', 'EINVAL'],
    ['mem_used_max', 'abc', 'EINVAL'], ['mem_used_max', ' 0', 'EINVAL'], ['mem_used_max', '5', 'EINVAL'], ['mem_used_max', '+0', null],
    ['idle', 'foo', 'EINVAL'], ['idle', 'all', 'EINVAL'], ['compact', '1', 'EINVAL'],
    ['disksize', ' 4096', 'EINVAL'], ['disksize', '-1', 'EINVAL'], ['disksize', '0x', 'EINVAL'], ['disksize', 'abc', 'EINVAL'], ['disksize', '0', 'EINVAL'],
    ['mem_limit', '', 'EINVAL'], ['mem_limit', ' 5', 'EINVAL'], ['mem_limit', 'x5', 'EINVAL'], ['mem_limit', '5x', null],
    ['mm_stat', '1', 'EACCES'], ['no_such_file', '1', 'ENOENT'],
  ];
  test.each(cases)('echo %j > %s gives %s', (attr, value, errno) => {
    expect(errnoOf(() => new ZramDevice().store(attr, value))).toBe(errno);
  });
});

describe('sysfs stores on an initialised device', () => {
  const dev = () => { const d = new ZramDevice(); d.store('comp_algorithm', 'lz4'); d.store('disksize', '1M'); return d; };
  const cases: Case[] = [
    ['comp_algorithm', 'zstd', 'EINVAL'], ['comp_algorithm', 'lz4', 'EBUSY'], ['comp_algorithm', 'a'.repeat(160), 'E2BIG'],
    ['disksize', 'abc', 'EINVAL'], ['disksize', '2M', 'EBUSY'], ['disksize', '0', 'EINVAL'],
    ['idle', 'foo', 'EINVAL'], ['idle', 'all', null], ['idle', ' all', 'EINVAL'], ['compact', 'x', null],
    ['algorithm_params', 'level=8', null], ['algorithm_params', 'algo=lz4 level=3', null],
  ];
  test.each(cases)('echo %j > %s gives %s', (attr, value, errno) => {
    expect(errnoOf(() => dev().store(attr, value))).toBe(errno);
  });
});

describe('sysfs texts', () => {
  test('a fresh device prints the kernel texts', () => {
    const d = new ZramDevice();
    expect(d.show('mm_stat')).toBe('       0        0        0        0        0        0        0        0        0\n');
    expect(d.show('io_stat')).toBe('       0        0 0        0\n');
    expect(d.show('debug_stat')).toBe('version: 1\n0        0\n');
    expect(d.show('comp_algorithm')).toBe('[lzo-rle] lzo lz4 \n');
    expect([d.show('disksize'), d.show('initstate'), d.show('size')]).toEqual(['0\n', '0\n', '0\n']);
    for (const a of ['mem_limit', 'mem_used_max', 'compact', 'idle', 'reset', 'algorithm_params']) {
      expect(errnoOf(() => d.show(a))).toBe('EACCES');
    }
    expect(errnoOf(() => d.show('max_comp_streams'))).toBe('ENOENT');
  });

  test('disksize rounds up to a page and size is in sectors; mem_limit rounds up and hex parses', () => {
    const d = new ZramDevice();
    d.store('disksize', '5000');
    expect([d.show('disksize'), d.show('size'), d.show('initstate')]).toEqual(['8192\n', '16\n', '1\n']);
    d.store('mem_limit', '0x10');
    expect(d.show('mm_stat').split(/\s+/)[4]).toBe('4096');
    d.store('mem_limit', '1G');
    expect(d.show('mm_stat').split(/\s+/)[4]).toBe('1073741824');
  });

  test('selected algorithm in brackets', () => {
    const d = new ZramDevice();
    d.store('comp_algorithm', 'lz4');
    expect(d.show('comp_algorithm')).toBe('lzo-rle lzo [lz4] \n');
  });
});
