// A canonical text of everything in a device state that can influence what happens next or
// what is observed: two interleavings that reach equal keys are merged by the explorer.
import { bioEntries, bioIds } from '../device/bio-table';
import { stateDigest } from '../device/observe';
import type { DeviceState } from '../device/state';

const sorted = <T>(xs: Iterable<T>): T[] => [...xs].sort();

/** `findingsAsSet`: compare findings sorted. Nothing reads their order, but an exploration that
 * merges on it keeps orders apart that the partial-order reduction needs to be one state. */
export function deviceKey(s: DeviceState, findingsAsSet = false): string {
  const findings = s.meta.findings.map((f) => f.kind + f.detail);
  const t = s.meta;
  return JSON.stringify([
    s.disksize, s.limitPages, s.compAlgorithm, s.level, s.hugeClassSize, s.stats, s.blk,
    sorted(s.openers), s.claim, sorted(bioIds(s.inflight)),
    sorted(t.holders), sorted(t.waiters.entries()), sorted(bioEntries(t.bioMeta)), t.reset, t.resetContext,
    t.initialRefDropped, t.readInReclaim, t.writeByReset, t.gen, findingsAsSet ? findings.sort() : findings,
    stateDigest(s),
  ]);
}
