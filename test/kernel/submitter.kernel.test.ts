// The worker_thread submitter `record` uses: one task per workload thread (its tid is what the
// trace records carry), CLOCK_MONOTONIC stamps around each system call, the kernel's errnos, and
// a synchronous stop that leaves no fd behind (so the device resets at once).
import * as fs from 'node:fs';
import { ZramError } from '../../src/errors';
import { Submitter } from '../../src/kernel/submitter';
import { KernelZram } from '../../src/kernel/zram';
import { describeKernel } from '../helpers/kernel';

describeKernel('Submitter (worker_thread O_DIRECT submission)', () => {
  let dev: KernelZram;
  beforeEach(async () => {
    dev = await KernelZram.create();
    await dev.store('comp_algorithm', 'lz4');
    await dev.store('disksize', '1M');
  });
  afterEach(() => dev.dispose());

  it('writes and reads in its own task, stamped with the monotonic clock around the call', async () => {
    const s = await Submitter.start(dev.path);
    try {
      expect(s.tid).not.toBe(process.pid);
      expect(fs.existsSync(`/proc/${process.pid}/task/${s.tid}`)).toBe(true);
      const page = new Uint8Array(4096).map((_, i) => (i * 31) & 0xff);
      const before = process.hrtime.bigint();
      const w = await s.submit({ op: 'pwrite', off: 8192, data: page });
      const after = process.hrtime.bigint();
      expect(w).toMatchObject({ ok: true, n: 4096 });
      expect(before <= w.t0 && w.t0 <= w.t1 && w.t1 <= after).toBe(true);
      expect(await s.submit({ op: 'pread', off: 8192, len: 4096 })).toMatchObject({ ok: true, n: 4096 });
      expect(Buffer.from(await dev.read(8192, 4096)).equals(Buffer.from(page))).toBe(true);
      expect(dev.show('stat').trim().split(/\s+/).slice(0, 5)).toEqual(['2', '0', '16', '0', '1']);
      expect(await s.submit({ op: 'pwrite', off: 512, data: page })).toMatchObject({ ok: false, errno: 'EINVAL' });
      expect(await s.submit({ op: 'discard', off: 512, len: 4096 })).toMatchObject({ ok: false, errno: 'EINVAL' });
      expect(await s.submit({ op: 'zeroout', off: 8192, len: 4096 })).toMatchObject({ ok: true });
      expect(Buffer.from(await dev.read(8192, 4096)).every((b) => b === 0)).toBe(true);
    } finally {
      await s.stop();
    }
  });

  it('kill() returns only after the thread closed its fd: reset succeeds right away', async () => {
    const s = await Submitter.start(dev.path);
    await s.submit({ op: 'pwrite', off: 0, data: new Uint8Array(4096).fill(1) });
    let busy: unknown;
    try { await dev.store('reset', '1'); } catch (e) { busy = e; }
    expect(busy).toBeInstanceOf(ZramError);
    expect((busy as ZramError).errno).toBe('EBUSY');
    expect(s.kill()).toBe(true);
    await dev.store('reset', '1');
    expect(dev.show('initstate')).toBe('0\n');
  });
});
