// The claim design (v4.11–6.18; zram-6.18.md §2.9, §3.3) as seen by the lifetime checks.
import { LifetimeSpec, bioErr, e } from './helpers';

describe('claim lifetime', () => {
  test('reset is refused with EBUSY while the device is open, and opens are refused while a reset runs', () => {
    const s = LifetimeSpec.given('claim', e.disksize(), e.open(3), e.reset());
    expect(s.last).toEqual({ kind: 'store', attr: 'reset', errno: 'EBUSY' });
    s.when(e.close(3), e.reset(), e.open(4));
    expect(s.last).toEqual({ kind: 'open', fd: 4, errno: 'EBUSY' });
  });

  test('a bio to the zero-capacity device fails at submission (bio_check_eod)', () => {
    const s = LifetimeSpec.given('claim', e.write(1, 0));
    expect(s.last).toEqual(bioErr(1, 'EIO'));
  });

  test('nothing but the opener rule orders a bio against reset: a bio with no opener meets freed meta', () => {
    const s = LifetimeSpec.given('claim', e.disksize(), e.write(1, 0), e.reset(), e.resetDone(), e.done(1));
    expect(s.last).toEqual(bioErr(1, 'EIO'));
    expect(s.findings('freed-meta-use')).toHaveLength(1);
  });
});
