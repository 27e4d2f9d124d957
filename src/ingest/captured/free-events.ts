// Inferred slot frees as timed SlotFreeNotified events: a read's frees right after its
// BioCompleted (same time, ordered after it, in page order), a release's at their place in its window.
import { pageIndex } from '../../units';
import type { TimedEvent } from '../order';
import type { InferredFree } from './slot-frees';

export function timedSlotFrees(frees: readonly InferredFree[], bios: readonly TimedEvent[]): TimedEvent[] {
  const completed = new Map<number, number>();
  for (const t of bios) if (t.event.type === 'BioCompleted') completed.set(t.event.bioId, t.order);
  return frees.map((f) => ({
    abs: f.at,
    order: (f.after >= 0 ? completed.get(f.after) ?? 0 : 0) + 0.5 + f.rank / 2 ** 20,
    event: { type: 'SlotFreeNotified', index: pageIndex(f.slot), slotBusy: f.busy },
  }));
}
