// observe(): the pure projection of device state that replays, checkpoints and diffs compare.
// Never includes wall time. The digest covers the slot table and the allocator, so two
// implementations that agree on every counter but place objects differently still differ.
import type { ZsPoolModel } from '../zsmalloc/pool';
import { Digest, digestSlotRange, digestSlots } from './slot-digest';
import type { SlotTable } from './slots';
import type { DeviceState } from './state';
import { statsFromTexts, type StatSet, type StatTexts } from './stat-columns';
import { showAttr } from './sysfs/show';

export type { BlockStat, DebugStat, IoStat, MmStat } from './stat-columns';
export interface Observation extends Readonly<StatSet> {
  readonly digest: string; // '' when the implementation cannot see its internals (the kernel)
}

/** Parses the kernel's mm_stat / io_stat / debug_stat / stat texts (for kernel samples). */
export const observationFromTexts = (t: StatTexts): Observation => ({ ...statsFromTexts(t), digest: '' });

/** The digest of everything a replay checks besides the stats: the slot table, then the pool.
 * Incremental: the slot table part resumes where the table changed since the last digest. */
export const stateDigest = (s: DeviceState): string => digestWith(s, digestSlots);

/** stateDigest from scratch, every slot walked (for tests: the incremental one must equal it). */
export const stateDigestFull = (s: DeviceState): string =>
  digestWith(s, (d, t) => { digestSlotRange(d, t, 0, t.nrPages); });

function digestWith(s: DeviceState, slots: (d: Digest, t: SlotTable) => void): string {
  const d = new Digest();
  if (s.slots) slots(d, s.slots);
  const pool = s.pool as Partial<ZsPoolModel> | null;
  if (pool?.visit) { pool.visit(d); return d.hex(); }
  const snap = pool?.snapshot?.();
  if (!snap) return d.hex();
  // a pool of another make: the same numbers, from its snapshot
  d.add(snap.pagesAllocated); d.add(snap.pagesCompacted); d.add(snap.lastHandle);
  for (const c of snap.classes) {
    d.add(c.index);
    c.groups.forEach((g, gi) => {
      d.add(gi);
      for (const z of g) { d.add(z.id); d.add(z.inuse); z.objects.forEach((h) => d.add(h)); z.freeStack.forEach((f) => d.add(f)); }
    });
  }
  return d.hex();
}

/** `digest`: the state digest when the caller already knows it (unchanged state). */
export function observe(s: DeviceState, digest?: string): Observation {
  const text = (a: string) => { const r = showAttr(s, a); return 'text' in r ? r.text : ''; };
  return { ...observationFromTexts({ mmStat: text('mm_stat'), ioStat: text('io_stat'), debugStat: text('debug_stat'), stat: text('stat') }),
    digest: digest ?? stateDigest(s) };
}
