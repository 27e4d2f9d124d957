// The refcount design (v4.0–v4.10, 08eee69fcf6b; zram-6.18.md §3.2), event by event.
import { bioCount } from '../../src/device/bio-table';
import { metaRefcount } from '../../src/device/lifetime/refcount';
import { LifetimeSpec, bioErr, bioOk, e } from './helpers';

describe('refcount lifetime', () => {
  test('disksize gives meta its initial reference; each queued bio adds one, its completion drops it', () => {
    const s = LifetimeSpec.given('refcount', e.disksize());
    expect(metaRefcount(s.state)).toBe(1);
    s.when(e.write(1, 0), e.write(2, 1));
    expect(metaRefcount(s.state)).toBe(3);
    s.when(e.done(1));
    expect(metaRefcount(s.state)).toBe(2);
  });

  test('a bio on a device with no meta (count 0) fails with EIO at once and changes no counter', () => {
    const s = LifetimeSpec.given('refcount', e.write(1, 0));
    expect(s.last).toEqual(bioErr(1, 'EIO'));
    expect(bioCount(s.state.inflight)).toBe(0);
    expect(s.mm.every((x) => x === 0)).toBe(true);
  });

  test('a bio referenced before the reset succeeds (its data goes with the reset); one after fails with EIO', () => {
    const s = LifetimeSpec.given('refcount', e.disksize(), e.write(1, 0), e.reset());
    expect(s.last).toEqual({ kind: 'store', attr: 'reset', errno: null });
    s.when(e.write(2, 1));
    expect(s.last).toEqual(bioOk(2)); // bio 1 still holds a reference: inc_not_zero succeeds
    s.when(e.done(1), e.done(2));
    expect(s.outcomes.slice(-2)).toEqual([bioOk(1), bioOk(2)]);
    expect(s.mm[0]).toBe(8192); // both pages stored in the old meta until the reset frees it
    s.when(e.write(3, 2));
    expect(s.last).toEqual(bioErr(3, 'EIO')); // count is 0 now
    s.when(e.resetDone());
    expect(s.last).toEqual({ kind: 'resetCompleted', errno: null });
    expect(s.mm.every((x) => x === 0)).toBe(true);
    expect(s.findings()).toEqual([]);
  });

  test('the reset cannot complete while a reference is held, and can once the last is put', () => {
    const s = LifetimeSpec.given('refcount', e.disksize(), e.write(1, 0), e.reset(), e.resetDone());
    expect(s.last).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/waits for 1 reference/) });
    expect(s.state.disksize).toBe(1 << 20);
    s.when(e.done(1), e.resetDone());
    expect(s.last).toEqual({ kind: 'resetCompleted', errno: null });
  });

  test('reset with openers is EBUSY; opens during a reset are not refused (4.0/4.1)', () => {
    const s = LifetimeSpec.given('refcount', e.disksize(), e.open(3), e.reset());
    expect(s.last).toEqual({ kind: 'store', attr: 'reset', errno: 'EBUSY' });
    s.when(e.close(3), e.reset(), e.open(4));
    expect(s.last).toEqual({ kind: 'open', fd: 4, errno: null });
    s.when(e.write(1, 0));
    expect(s.last).toEqual(bioErr(1, 'EIO'));
  });

  test('meta is freed in process context even when the last reference is put from reclaim', () => {
    const s = LifetimeSpec.given('refcount', e.disksize(), e.write(1, 0, 'reclaim'), e.reset('process'), e.done(1), e.resetDone());
    expect(s.last).toEqual({ kind: 'resetCompleted', errno: null });
    expect(s.findings('meta-freed-in-reclaim')).toEqual([]);
    // The check can fire: a reset driven from reclaim context frees meta there.
    const r = LifetimeSpec.given('refcount', e.disksize(), e.reset('reclaim'), e.resetDone());
    expect(r.findings('meta-freed-in-reclaim')).toHaveLength(1);
  });
});

describe('refcount-nowake (the merged put never wakes the reset)', () => {
  test('a reset that finds I/O in flight sleeps for ever: completion stays impossible after the last put', () => {
    const s = LifetimeSpec.given('refcount-nowake', e.disksize(), e.write(1, 0), e.reset());
    expect(s.findings('reset-never-completes')).toHaveLength(1);
    s.when(e.done(1), e.resetDone());
    expect(s.last).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/no put wakes it/) });
    expect(metaRefcount(s.state)).toBe(0);
  });

  test('with no I/O in flight the condition holds before sleeping and the reset completes', () => {
    const s = LifetimeSpec.given('refcount-nowake', e.disksize(), e.write(1, 0), e.done(1), e.reset(), e.resetDone());
    expect(s.last).toEqual({ kind: 'resetCompleted', errno: null });
    expect(s.findings()).toEqual([]);
  });
});
