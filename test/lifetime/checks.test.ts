// The common checks fire on a deliberately unprotected design (no reference, no lock, reset
// completes at once, meta freed wherever the reset came from), so a design that reports no
// finding has really been checked.
import type { MetaLifetime } from '../../src/device/lifetime/types';
import { claimLifetime } from '../../src/device/lifetime/claim';
import { takeMeta } from '../../src/device/lifetime/checks';
import { LifetimeSpec, e } from './helpers';

const unprotected: MetaLifetime = {
  ...claimLifetime,
  name: 'claim',
  waitsFor: () => null,
  bioQueued(s, bio) { takeMeta(s, bio.bioId); return null; },
  resetRequested: () => null,
};

describe('lifetime checks', () => {
  test('a bio accepted before a reset that runs on the next meta: freed meta used, counters after the reset', () => {
    const s = LifetimeSpec.given(unprotected, e.disksize(), e.write(1, 0), e.reset(), e.resetDone(), e.disksize(), e.done(1));
    expect(s.findings('freed-meta-use')).toEqual([expect.stringMatching(/bio 1 .* took meta #1.*meta #2 now/)]);
    expect(s.findings('stats-survive-reset')).toHaveLength(1);
    expect(s.mm[0]).toBe(4096);
  });

  test('a bio accepted with no meta that runs once there is some: I/O accepted on an uninitialised device', () => {
    const s = LifetimeSpec.given(unprotected, e.write(1, 0), e.disksize(), e.done(1));
    expect(s.findings()).toEqual([expect.stringMatching(/^io-on-uninitialised: bio 1/)]);
  });

  test('a reset from reclaim context frees meta there', () => {
    const s = LifetimeSpec.given(unprotected, e.disksize(), e.reset('reclaim'), e.resetDone());
    expect(s.findings()).toEqual([expect.stringMatching(/^meta-freed-in-reclaim/)]);
  });

  test('no finding when every bio runs on the meta it took', () => {
    const s = LifetimeSpec.given(unprotected, e.disksize(), e.write(1, 0), e.done(1), e.reset(), e.resetDone());
    expect(s.findings()).toEqual([]);
  });
});
