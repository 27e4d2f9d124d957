// evolve(): folds one event into the device state and returns what it produced. It only
// dispatches; each event kind has its own handler. Pure: no I/O, no clock.
import type { Errno } from '../errors';
import type { Recorded, ZramEvent } from '../events/types';
import { submitBio } from './bio';
import { bioDelete, bioGet, bioHas, bioSet } from './bio-table';
import { checkMetaFree, runBioChecked } from './lifetime/checks';
import type { MetaLifetime } from './lifetime/types';
import type { Outcome } from './outcome';
import { resetDevice } from './reset-device';
import { shrinkSlab } from './shrink-slab';
import { slotFree } from './slot-free';
import { algorithmParamsStore, compAlgorithmStore } from './sysfs/algorithm';
import { disksizeStore } from './sysfs/disksize';
import { memLimitStore, memUsedMaxStore } from './sysfs/limits';
import { compactStore, idleStore } from './sysfs/maintenance';
import type { DeviceState } from './state';
import { pageIndex } from '../units';

type Ev<T extends ZramEvent['type']> = Extract<ZramEvent, { type: T }>;

function attrStored(s: DeviceState, e: Ev<'AttrStored'>): Errno | null {
  switch (e.attr) {
    case 'disksize': return disksizeStore(s, e.value);
    case 'comp_algorithm': return compAlgorithmStore(s, e.value);
    case 'algorithm_params': return algorithmParamsStore(s, e.value);
    case 'mem_limit': return memLimitStore(s, e.value);
    case 'mem_used_max': return memUsedMaxStore(s, e.value);
    case 'compact': return compactStore(s);
    case 'idle': return idleStore(s, e.value);
  }
}

function bioCompleted(s: DeviceState, lt: MetaLifetime, e: Ev<'BioCompleted'>): Outcome {
  const bio = bioGet(s.inflight, e.bioId);
  if (!bio) return { kind: 'rejected', reason: `bio ${e.bioId} completed but was never queued` };
  const waits = lt.waitsFor(s, e);
  if (waits !== null) return { kind: 'rejected', reason: `bio ${e.bioId} completed while blocked: ${waits}` };
  bioDelete(s.inflight, e.bioId);
  const r = runBioChecked(s, bio, submitBio);
  lt.bioCompleted(s, bio);
  if (r.digest !== undefined) return { kind: 'bio', bioId: e.bioId, op: bio.op, errno: r.errno, digest: r.digest };
  return r.data ? { kind: 'bio', bioId: e.bioId, op: bio.op, errno: r.errno, data: r.data }
    : { kind: 'bio', bioId: e.bioId, op: bio.op, errno: r.errno };
}

function resetRequested(s: DeviceState, lt: MetaLifetime, e: Ev<'ResetRequested'>): Outcome {
  const waits = lt.waitsFor(s, e);
  if (waits !== null) return { kind: 'rejected', reason: `reset requested while blocked: ${waits}` };
  const errno = lt.resetRequested(s, e);
  if (errno === null) s.meta.resetContext = e.context;
  return { kind: 'store', attr: 'reset', errno };
}

function resetCompleted(s: DeviceState, lt: MetaLifetime, e: Ev<'ResetCompleted'>): Outcome {
  const waits = lt.waitsFor(s, e);
  if (waits !== null) return { kind: 'rejected', reason: `reset completed while none may complete: ${waits}` };
  checkMetaFree(s);
  resetDevice(s);
  lt.resetDone(s);
  return { kind: 'resetCompleted', errno: null };
}

/** swap_slot_free_notify(): counts always; a busy slot is a miss and keeps its memory. */
function slotFreeNotified(s: DeviceState, e: Ev<'SlotFreeNotified'>): Outcome {
  if (s.slots === null || e.index >= s.slots.nrPages) return { kind: 'rejected', reason: `slot ${e.index} does not exist` };
  s.stats.notifyFree++;
  if (e.slotBusy) s.stats.missFree++;
  else slotFree(s, s.slots, pageIndex(e.index));
  return { kind: 'slotFree', index: e.index };
}

function shrinkerScanned(s: DeviceState, e: Ev<'ShrinkerScanned'>): Outcome {
  const r = shrinkSlab(s, e.totalScan);
  return { kind: 'shrinker', freeable: r.freeable, freed: r.freed, kernelFreeable: e.freeable, kernelFreed: e.freed };
}

export function evolve(s: DeviceState, lt: MetaLifetime, r: Recorded<ZramEvent>): Outcome {
  const e = r.event;
  switch (e.type) {
    case 'AttrStored': return { kind: 'store', attr: e.attr, errno: attrStored(s, e) };
    case 'ResetRequested': return resetRequested(s, lt, e);
    case 'ResetCompleted': return resetCompleted(s, lt, e);
    case 'DeviceOpened': return { kind: 'open', fd: e.fd, errno: lt.opened(s, e.fd) };
    case 'DeviceClosed': return { kind: 'close', fd: e.fd, errno: lt.closed(s, e.fd) };
    case 'BioQueued': {
      if (bioHas(s.inflight, e.bioId)) return { kind: 'rejected', reason: `bio ${e.bioId} queued twice` };
      const errno = lt.bioQueued(s, e);
      if (errno !== null) return { kind: 'bio', bioId: e.bioId, op: e.op, errno };
      bioSet(s.inflight, e.bioId, e);
      return { kind: 'bio', bioId: e.bioId, op: e.op, errno: null };
    }
    case 'BioCompleted': return bioCompleted(s, lt, e);
    case 'SlotFreeNotified': return slotFreeNotified(s, e);
    case 'ShrinkerScanned': return shrinkerScanned(s, e);
    case 'KernelStatSampled': return { kind: 'sample' };
    default: {
      const never: never = e;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}
