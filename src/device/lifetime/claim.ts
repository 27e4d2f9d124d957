// v4.11 → 6.18: no per-bio reference; reset_store refuses (EBUSY) while the disk has any opener
// or a reset is already claimed, and opens fail with EBUSY while claimed (zram-6.18.md §2.9, §3.3).
// Nothing orders a bio against a reset: safety rests on "no opener, no I/O".
import { initDone } from '../state';
import { takeMeta } from './checks';
import { closeFd, openFd, parseResetValue } from './common';
import type { MetaLifetime } from './types';

export const claimLifetime: MetaLifetime = {
  name: 'claim',
  waitsFor: (s, e) => (e.type === 'ResetCompleted' && !s.claim ? 'no reset was requested' : null),
  bioQueued(s, bio) {
    // bio_check_eod(): a zero-capacity device fails every bio with data at submission.
    if (!initDone(s) && bio.op !== 'flush') return 'EIO';
    takeMeta(s, bio.bioId);
    return null;
  },
  bioCompleted: () => undefined,
  resetRequested(s, e) {
    const bad = parseResetValue(e.value);
    if (bad) return bad;
    if (s.openers.size > 0 || s.claim) return 'EBUSY';
    s.claim = true;
    return null;
  },
  resetDone(s) { s.claim = false; },
  opened: (s, fd) => (s.claim ? 'EBUSY' : openFd(s, fd)),
  closed: closeFd,
};
