// The lock-step runner must be able to fail: a device that differs in one detail
// (a stat text, an errno, one read byte) is caught at the op where it first shows.
import { ZramLike } from '../../src/device/block-device';
import { ZramError } from '../../src/errors';
import { loadModel } from '../../tools/conformance/devices';
import { LockstepResult, runLockstep } from '../../tools/conformance/lockstep';
import { maskStat } from '../../tools/conformance/snapshot';

/** The mismatch reason, or a failure explaining what the run did instead. */
function reasonOf(r: LockstepResult): string {
  if (!r.mismatch) throw new Error(`no mismatch in ${r.steps} ops: ${JSON.stringify(r.opCounts)} ${JSON.stringify(r.errnoCounts)}`);
  return r.mismatch.reason;
}

type Tamper = Partial<Pick<ZramLike, 'show' | 'store' | 'read'>>;

/** Wraps a device, overriding some methods; the rest go to the inner device. */
function tampered(inner: ZramLike, t: (inner: ZramLike) => Tamper): ZramLike {
  const o = t(inner);
  return {
    store: o.store ?? ((a, v) => inner.store(a, v)),
    show: o.show ?? ((a) => inner.show(a)),
    open: () => inner.open(),
    close: (fd) => inner.close(fd),
    write: (off, d) => inner.write(off, d),
    read: o.read ?? ((off, n) => inner.read(off, n)),
    discard: (off, n) => inner.discard(off, n),
    writeZeroes: (off, n) => inner.writeZeroes(off, n),
  };
}

describe('runLockstep detects differences (model vs tampered model; seed 7)', () => {
  let make: () => ZramLike;
  beforeAll(async () => {
    const m = await loadModel();
    if (!m) throw new Error('model not available');
    make = m;
  });

  it('two identical models agree', async () => {
    const r = await runLockstep(make(), make(), { seed: 7, ops: 300, alg: 'lz4' });
    expect(r.mismatch).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('a wrong compr_data_size after the 3rd huge page', async () => {
    const b = tampered(make(), (inner) => ({
      show: async (attr) => {
        const text = await inner.show(attr);
        if (attr !== 'mm_stat') return text;
        const f = text.trim().split(/\s+/);
        return Number(f[7]) >= 3 ? text.replace(/^(\s*\d+\s+)(\d+)/, (_, a, c) => a + String(Number(c) + 1)) : text;
      },
    }));
    const r = await runLockstep(make(), b, { seed: 7, ops: 2000, alg: 'lz4' });
    expect(reasonOf(r)).toBe('texts differ: mm_stat');
    expect(r.mismatch?.seed).toBe(7);
  });

  it('a wrong errno for a bad knob', async () => {
    const b = tampered(make(), (inner) => ({
      store: async (attr, v) => {
        if (attr === 'mem_used_max' && v !== '0') throw new ZramError('ERANGE' as never, 'tampered');
        return inner.store(attr, v);
      },
    }));
    const r = await runLockstep(make(), b, { seed: 7, ops: 5000, alg: 'lzo' });
    expect(reasonOf(r)).toBe('errno: EINVAL vs ERANGE');
    expect(r.mismatch?.op).toContain('mem_used_max');
  });

  it('one flipped byte in a read', async () => {
    const b = tampered(make(), (inner) => ({
      read: async (off, n) => {
        const d = await inner.read(off, n);
        if (d.length > 4096) d[4097] ^= 1;
        return d;
      },
    }));
    const r = await runLockstep(make(), b, { seed: 7, ops: 2000, alg: 'lzo-rle' });
    expect(reasonOf(r)).toMatch(/^read data differs first at byte 4097 \(page 1\)/);
  });

  it('masks exactly the stat timing columns 4, 8, 10, 11, 15, 17', () => {
    const text = Array.from({ length: 17 }, (_, i) => String(i + 1).padStart(8)).join(' ') + '\n';
    expect(maskStat(text)).toBe('1 2 3 * 5 6 7 * 9 * * 12 13 14 * 16 *');
  });
});
