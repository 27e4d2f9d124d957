// v4.0 → v4.10, 08eee69fcf6b "zram: remove init_lock in zram_make_request" (zram-6.18.md §3.2).
// disksize_store gives meta an initial reference; each bio takes one with atomic_inc_not_zero
// (EIO, no counter, when the count is 0) and puts it when done. Reset (4.0/4.1: EBUSY only if
// there are openers; opens are never refused) drops the initial reference, waits for the count
// to reach 0 and frees meta itself, in the resetting process's context. Note that the get fails
// only at 0: while any bio still holds a reference, a new bio gets one even after the drop.
// `wakes: false` is the merged code: the put only decrements, so a reset that went to sleep
// with I/O in flight is never woken (wait_event checks the condition once before sleeping).
import { initDone, type DeviceState } from '../state';
import { takeMeta } from './checks';
import { WRITE_LOCKED_STORES, closeFd, openFd, parseResetValue } from './common';
import { addFinding } from './track';
import type { LifetimeName, MetaLifetime } from './types';

/** atomic_read(&zram->refcount): the initial reference plus one per bio holding meta. */
export const metaRefcount = (s: DeviceState): number =>
  (initDone(s) && !s.meta.initialRefDropped ? 1 : 0) + s.meta.holders.size;

function resetWaitsFor(s: DeviceState): string | null {
  const r = s.meta.reset;
  if (r === null) return 'no reset was requested';
  if (r.asleep) return 'reset sleeps on io_done and no put wakes it';
  return s.meta.holders.size > 0 ? `reset waits for ${s.meta.holders.size} reference(s)` : null;
}

export function refcountLifetime(wakes: boolean): MetaLifetime {
  const name: LifetimeName = wakes ? 'refcount' : 'refcount-nowake';
  return {
    name,
    waitsFor(s, e) {
      switch (e.type) {
        case 'ResetCompleted': return resetWaitsFor(s);
        case 'ResetRequested': return s.meta.reset ? 'another reset holds init_lock for writing' : null;
        case 'AttrStored': return s.meta.reset && WRITE_LOCKED_STORES.has(e.attr) ? 'reset holds init_lock' : null;
        default: return null;
      }
    },
    bioQueued(s, bio) {
      if (metaRefcount(s) === 0) return 'EIO'; // zram_meta_get() failed
      s.meta.holders.add(bio.bioId);
      takeMeta(s, bio.bioId);
      return null;
    },
    bioCompleted(s, bio) { s.meta.holders.delete(bio.bioId); }, // zram_meta_put()
    resetRequested(s, e) {
      const bad = parseResetValue(e.value);
      if (bad) return bad;
      if (s.openers.size > 0) return 'EBUSY';
      if (!initDone(s)) { s.meta.reset = { context: e.context, asleep: false }; return null; }
      s.meta.initialRefDropped = true;
      const inFlight = s.meta.holders.size;
      const asleep = !wakes && inFlight > 0;
      s.meta.reset = { context: e.context, asleep };
      if (asleep) {
        addFinding(s.meta, 'reset-never-completes',
          `reset found ${inFlight} reference(s) in flight and sleeps on io_done; the put never wakes it`);
      }
      return null;
    },
    resetDone(s) { s.meta.reset = null; s.meta.initialRefDropped = false; },
    opened: openFd,
    closed: closeFd,
  };
}
