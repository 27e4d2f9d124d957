// v4.11 → 6.18: no per-bio reference; reset_store refuses (EBUSY) while the disk has any opener
// or a reset is already claimed, and opens fail with EBUSY while claimed (zram-6.18.md §2.9, §3.3).
import { kstrtou16 } from '../sysfs/parse';
import type { MetaLifetime } from './types';

export const claimLifetime: MetaLifetime = {
  name: 'claim',
  bioQueued: () => null,
  bioCompleted: () => undefined,
  resetRequested(s, e) {
    const r = kstrtou16(e.value);
    if (!r.ok) return r.errno;
    if (r.value === 0) return 'EINVAL';
    if (s.openers.size > 0 || s.claim) return 'EBUSY';
    s.claim = true;
    return null;
  },
  resetMayComplete: (s) => s.claim,
  resetDone(s) { s.claim = false; },
  opened(s, fd) {
    if (s.claim) return 'EBUSY';
    if (s.openers.has(fd)) return 'EBADF';
    s.openers.add(fd);
    return null;
  },
  closed(s, fd) {
    return s.openers.delete(fd) ? null : 'EBADF';
  },
};
