// Open, close and reset with the 6.18 "claim" design (zram-6.18.md §2.9, §3.3, Appendix A.5).
import { ZramDevice } from '../../src/device/zram-device';
import { Spec, ev, sizedDeps, sizedPage } from './harness';

describe('claim lifetime', () => {
  test('reset while any opener holds the device fails with EBUSY; after close it resets everything', () => {
    const d = new ZramDevice();
    d.store('mem_limit', '1M');
    d.store('comp_algorithm', 'lz4');
    d.store('disksize', '1M');
    d.write(0, sizedPage(3000, 1));
    const fd = d.open();
    expect(() => d.store('reset', '1')).toThrow(expect.objectContaining({ errno: 'EBUSY' }));
    expect(d.show('initstate')).toBe('1\n');
    d.close(fd);
    d.store('reset', '1');
    expect(d.show('mm_stat')).toBe('       0        0        0        0        0        0        0        0        0\n');
    expect(d.show('stat').trim().split(/\s+/).every((x) => x === '0')).toBe(true);
    expect([d.show('comp_algorithm'), d.show('initstate'), d.show('disksize')]).toEqual(['[lzo-rle] lzo lz4 \n', '0\n', '0\n']);
  });

  test('an open while a reset is claimed fails with EBUSY', () => {
    const s = Spec.given(sizedDeps, ev.store('disksize', '1M'), { type: 'ResetRequested', value: '1\n', context: 'process' });
    s.when({ type: 'DeviceOpened', fd: 5 });
    expect(s.last).toEqual({ kind: 'open', fd: 5, errno: 'EBUSY' });
    s.when({ type: 'ResetCompleted' }, { type: 'DeviceOpened', fd: 5 });
    expect(s.last).toEqual({ kind: 'open', fd: 5, errno: null });
  });

  test('a reset completion with no reset requested is rejected as a malformed log', () => {
    const s = Spec.given(sizedDeps, { type: 'ResetCompleted' });
    expect(s.last.kind).toBe('rejected');
  });

  test('after reset the device has no capacity: reads return nothing, writes ENOSPC; re-init works', () => {
    const d = new ZramDevice();
    d.store('disksize', '1M');
    d.store('reset', '1');
    expect(d.read(0, 4096).length).toBe(0);
    expect(() => d.write(0, sizedPage(100, 1))).toThrow(expect.objectContaining({ errno: 'ENOSPC' }));
    d.store('comp_algorithm', 'lzo');
    d.store('disksize', '2M');
    expect(d.write(0, new Uint8Array(8192))).toBe(8192);
    expect(d.show('mm_stat').trim().split(/\s+/)[5]).toBe('2');
  });

  test('mem_used_max "0" sets the peak to current use; uninitialised it is accepted and does nothing', () => {
    const d = new ZramDevice();
    d.store('mem_used_max', '0');
    d.store('disksize', '1M');
    d.write(0, new Uint8Array(4096).fill(7).map((_, i) => (i * 7919) & 0xff));
    d.discard(0, 4096);
    const before = d.show('mm_stat').trim().split(/\s+/);
    d.store('mem_used_max', '0');
    const after = d.show('mm_stat').trim().split(/\s+/);
    expect(Number(before[4])).toBeGreaterThan(0);
    expect(after[4]).toBe(after[2]);
  });
});
