// The checks every design runs, whatever its locking: a bio must run on the meta it took, and
// meta must be freed in process context. They record findings; they never change results.
import { bioDelete, bioGet, bioSet } from '../bio-table';
import type { BioQueued, DeviceState } from '../state';
import { addFinding, metaGeneration } from './track';

/** The bio now owns (a reference to, or the read side over) the device's current meta. */
export function takeMeta(s: DeviceState, bioId: number): void {
  bioSet(s.meta.bioMeta, bioId, metaGeneration(s.meta, s.slots));
}

const counters = (s: DeviceState): string => JSON.stringify([s.stats, s.blk]);

/** Runs a bio's work, checking it against the meta it took at queue time. */
export function runBioChecked<R>(s: DeviceState, bio: BioQueued, work: (s: DeviceState, bio: BioQueued) => R): R {
  const t = s.meta;
  const took = bioGet(t.bioMeta, bio.bioId) ?? 0;
  bioDelete(t.bioMeta, bio.bioId);
  const now = metaGeneration(t, s.slots);
  if (took === now || bio.op === 'flush') return work(s, bio);
  const id = `bio ${bio.bioId} (${bio.op}, ${bio.context})`;
  if (took === 0) {
    addFinding(t, 'io-on-uninitialised', `${id} was accepted while the device had no meta and ran on meta #${now}`);
  } else {
    addFinding(t, 'freed-meta-use', `${id} took meta #${took}, which a reset freed before the bio ran` +
      (now === 0 ? '' : ` (the device has meta #${now} now)`));
  }
  const before = counters(s);
  const r = work(s, bio);
  if (took !== 0 && counters(s) !== before) {
    addFinding(t, 'stats-survive-reset', `${id} was accepted before a reset and changed counters after it`);
  }
  return r;
}

/** zram_meta_free() is about to run in the context of the reset request. */
export function checkMetaFree(s: DeviceState): void {
  if (s.slots !== null && s.meta.resetContext === 'reclaim') {
    addFinding(s.meta, 'meta-freed-in-reclaim', `meta #${metaGeneration(s.meta, s.slots)} freed from reclaim context`);
  }
}
