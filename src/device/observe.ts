// observe(): the pure projection of device state that replays, checkpoints and diffs compare.
// Never includes wall time. The digest covers the slot table and the allocator, so two
// implementations that agree on every counter but place objects differently still differ.
import type { ZsPoolModel } from '../zsmalloc/pool';
import { pageIndex } from '../units';
import { getSlotElementHi, getSlotElementLo, getSlotHandle, getSlotSize } from './slots';
import type { DeviceState } from './state';
import { statsFromTexts, type StatSet, type StatTexts } from './stat-columns';
import { showAttr } from './sysfs/show';

export type { BlockStat, DebugStat, IoStat, MmStat } from './stat-columns';
export interface Observation extends Readonly<StatSet> {
  readonly digest: string; // '' when the implementation cannot see its internals (the kernel)
}

/** Parses the kernel's mm_stat / io_stat / debug_stat / stat texts (for kernel samples). */
export const observationFromTexts = (t: StatTexts): Observation => ({ ...statsFromTexts(t), digest: '' });

/** FNV-1a over 32-bit words, two lanes: cheap, pure and stable across runs. The lanes are kept
 * as int32 (the same bits as uint32; `>>> 0` only when printed): uint32 values past 2^31 are
 * not small integers to V8, and storing them made a digest of every checkpoint 4x slower. */
class Digest {
  private a = 0x811c9dc5 | 0; private b = 0x01000193 ^ 0x5bd1e995;
  add(v: number): void {
    this.a = Math.imul(this.a ^ v, 0x01000193);
    this.b = Math.imul(this.b ^ ((v * 31 + 7) | 0), 0x5bd1e995);
  }
  hex(): string { return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0'); }
}

export function stateDigest(s: DeviceState): string {
  const d = new Digest();
  const t = s.slots;
  if (t) {
    for (let i = 0; i < t.nrPages; i++) {
      const idx = pageIndex(i);
      if (t.flags[i] === 0 && t.handle[i] === 0) continue;
      d.add(i); d.add(t.flags[i]); d.add(getSlotHandle(t, idx)); d.add(getSlotSize(t, idx));
      d.add(getSlotElementLo(t, idx)); d.add(getSlotElementHi(t, idx));
    }
  }
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
