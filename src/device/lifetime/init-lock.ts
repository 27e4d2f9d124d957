// Before v4.0 (e.g. 3.14–3.19; zram-6.18.md §3.1): every bio holds init_lock (an rw_semaphore)
// for reading from entry to completion; reset takes it for writing, so it waits for in-flight
// bios, and a bio that arrives while the writer waits or holds it queues behind it, then finds
// the device uninitialised and fails with EIO. reset_store refuses while there are openers (as
// in 3.19); opens are never refused. lockdep-style check: init_lock taken for reading in reclaim
// context and for writing by a reset in process context, which allocates under it (GFP_KERNEL
// may enter reclaim and swap to zram, whose read side then waits on its own writer).
import { initDone, type DeviceState } from '../state';
import type { BioQueued } from '../state';
import { bioDelete } from '../bio-table';
import { takeMeta } from './checks';
import { WRITE_LOCKED_STORES, closeFd, openFd, parseResetValue } from './common';
import { addFinding } from './track';
import type { MetaLifetime } from './types';

function checkLockOrder(s: DeviceState): void {
  const t = s.meta;
  if (t.readInReclaim === null || !t.writeByReset) return;
  addFinding(t, 'lock-order', `init_lock: read side taken in reclaim context (bio ${t.readInReclaim}) ` +
    'and write side taken by reset, which allocates memory under it: reclaim entered from that ' +
    'allocation would wait for the lock its own caller holds');
}

/** down_read(&zram->init_lock) succeeded: the bio holds the read side over the current meta. */
function readLocked(s: DeviceState, bio: Pick<BioQueued, 'bioId' | 'context'>): void {
  s.meta.holders.add(bio.bioId);
  takeMeta(s, bio.bioId);
  if (bio.context === 'reclaim' && s.meta.readInReclaim === null) {
    s.meta.readInReclaim = bio.bioId;
    checkLockOrder(s);
  }
}

export const initLockLifetime: MetaLifetime = {
  name: 'init-lock',
  waitsFor(s, e) {
    const t = s.meta;
    switch (e.type) {
      case 'BioCompleted': return t.waiters.has(e.bioId) ? 'bio waits for init_lock (reset holds or wants it)' : null;
      case 'ResetCompleted':
        if (t.reset === null) return 'no reset was requested';
        return t.holders.size > 0 ? `reset waits for ${t.holders.size} reader(s) of init_lock` : null;
      case 'ResetRequested': return t.reset ? 'another reset holds init_lock for writing' : null;
      case 'AttrStored':
        if (t.reset) return 'reset holds init_lock';
        return WRITE_LOCKED_STORES.has(e.attr) && t.holders.size > 0 ? 'bios hold init_lock for reading' : null;
      default: return null;
    }
  },
  bioQueued(s, bio) {
    if (s.meta.reset) { s.meta.waiters.set(bio.bioId, bio.context); return null; } // queued behind the writer
    readLocked(s, bio);
    if (initDone(s) || bio.op === 'flush') return null;
    s.meta.holders.delete(bio.bioId); // !init_done: up_read, bio_io_error
    bioDelete(s.meta.bioMeta, bio.bioId);
    return 'EIO';
  },
  bioCompleted(s, bio) { s.meta.holders.delete(bio.bioId); },
  resetRequested(s, e) {
    const bad = parseResetValue(e.value);
    if (bad) return bad;
    if (s.openers.size > 0) return 'EBUSY';
    s.meta.reset = { context: e.context, asleep: false };
    return null;
  },
  resetDone(s) {
    const t = s.meta;
    t.reset = null;
    if (!t.writeByReset) { t.writeByReset = true; checkLockOrder(s); }
    // The queued readers get the lock now; each then finds the device uninitialised.
    for (const [bioId, context] of t.waiters) readLocked(s, { bioId, context });
    t.waiters.clear();
  },
  opened: openFd,
  closed: closeFd,
};
