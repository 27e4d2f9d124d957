// The init_lock design (before v4.0; zram-6.18.md §3.1), event by event.
import { LifetimeSpec, bioErr, bioOk, e } from './helpers';

describe('init-lock lifetime', () => {
  test('reset waits for the readers in flight; their bios succeed and the reset then clears everything', () => {
    const s = LifetimeSpec.given('init-lock', e.disksize(), e.write(1, 0), e.reset(), e.resetDone());
    expect(s.last).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/1 reader/) });
    s.when(e.done(1));
    expect(s.last).toEqual(bioOk(1));
    s.when(e.resetDone());
    expect(s.last).toEqual({ kind: 'resetCompleted', errno: null });
    expect(s.mm.every((x) => x === 0)).toBe(true);
  });

  test('a bio arriving during the reset waits behind the writer, then fails with EIO on the uninitialised device', () => {
    const s = LifetimeSpec.given('init-lock', e.disksize(), e.reset(), e.write(1, 0));
    expect(s.last).toEqual(bioOk(1)); // accepted: it sleeps in down_read
    s.when(e.done(1));
    expect(s.last).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/waits for init_lock/) });
    s.when(e.resetDone(), e.done(1));
    expect(s.last).toEqual(bioErr(1, 'EIO'));
    expect(s.mm.every((x) => x === 0)).toBe(true);
    expect(s.findings()).toEqual([]);
  });

  test('a bio on an uninitialised device fails with EIO at once, counting nothing', () => {
    const s = LifetimeSpec.given('init-lock', e.read(1, 0));
    expect(s.last).toEqual(bioErr(1, 'EIO', 'read'));
    expect(s.state.meta.holders.size).toBe(0);
  });

  test('lock-order hazard: a reclaim-context bio holds the read side and a reset takes the write side', () => {
    const s = LifetimeSpec.given('init-lock', e.disksize(), e.write(1, 0, 'reclaim'), e.done(1), e.reset(), e.resetDone());
    expect(s.findings('lock-order')).toHaveLength(1);
    expect(s.findings('lock-order')[0]).toMatch(/reclaim context \(bio 1\)/);
  });

  test('no hazard when only process-context bios take the read side', () => {
    const s = LifetimeSpec.given('init-lock', e.disksize(), e.write(1, 0), e.done(1), e.reset(), e.resetDone());
    expect(s.findings()).toEqual([]);
  });

  test('refcount has no lock in the I/O path: the same events show no hazard', () => {
    const s = LifetimeSpec.given('refcount', e.disksize(), e.write(1, 0, 'reclaim'), e.done(1), e.reset(), e.resetDone());
    expect(s.findings()).toEqual([]);
  });
});
