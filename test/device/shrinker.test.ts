// A recorded shrinker run (do_shrink_slab → zs_shrinker_scan) folds into the same zs_compact a
// store to `compact` runs, limited by the kernel's scan budget, and reports when the model's pool
// disagrees with what the kernel traced.
import type { ZramEvent } from '../../src/events/types';
import { resultOf } from '../../src/replay/model-implementation';
import { bio, sizedDeps, sizedPage, Spec } from './harness';

const shrink = (totalScan: number, freeable: number, freed: number): ZramEvent =>
  ({ type: 'ShrinkerScanned', totalScan, freeable, freed });

/** 64 objects of 1000 B (4 per 1-page zspage), then every other discarded: half the zspages could go. */
function fragmented(): Spec {
  const s = Spec.given(sizedDeps, { type: 'AttrStored', attr: 'disksize', value: '1M\n' });
  for (let i = 0; i < 64; i++) s.when(bio('write', i, [sizedPage(1000, i)]));
  for (let i = 0; i < 64; i += 2) s.when(bio('discard', i, [], 1));
  return s;
}

const PAGES_COMPACTED = 6; // mm_stat column

describe('ShrinkerScanned (do_shrink_slab with the zsmalloc shrinker)', () => {
  test('with the budget drop_caches gives (2 × freeable) it frees what a compact store frees', () => {
    const byStore = fragmented().when({ type: 'AttrStored', attr: 'compact', value: '1\n' });
    const s = fragmented();
    const freeable = s.state.pool!.shrinkerCount();
    expect(freeable).toBeGreaterThan(0);
    s.when(shrink(2 * freeable, freeable, byStore.mm[PAGES_COMPACTED]));
    expect(s.last).toEqual({ kind: 'shrinker', freeable, freed: byStore.mm[PAGES_COMPACTED], kernelFreeable: freeable,
      kernelFreed: byStore.mm[PAGES_COMPACTED] });
    expect(s.mm).toEqual(byStore.mm);
    expect(resultOf(s.last)).toEqual({ kind: 'event', event: 'shrinker', attr: '', status: 'ok' });
    expect(s.state.pool!.shrinkerCount()).toBe(0);
  });

  test('a budget below both the batch and freeable scans nothing (the loop never runs)', () => {
    const s = fragmented();
    const before = s.mm;
    const freeable = s.state.pool!.shrinkerCount();
    s.when(shrink(freeable - 1, freeable, 0));
    expect(s.last).toMatchObject({ kind: 'shrinker', freeable, freed: 0 });
    expect(s.mm).toEqual(before);
  });

  test('nothing to compact, or no pool: freeable 0 and nothing changes', () => {
    const none = Spec.given(sizedDeps, shrink(256, 0, 0));
    expect(none.last).toMatchObject({ kind: 'shrinker', freeable: 0, freed: 0 });
    const packed = Spec.given(sizedDeps, { type: 'AttrStored', attr: 'disksize', value: '1M\n' }, bio('write', 0, [sizedPage(1000, 1)]));
    const before = packed.mm;
    packed.when(shrink(256, 0, 0));
    expect(packed.mm).toEqual(before);
  });

  test('a model pool that differs from the traced one is named in the result, both sides given', () => {
    const s = fragmented();
    const freeable = s.state.pool!.shrinkerCount();
    s.when(shrink(2 * freeable, freeable + 1, 999));
    expect(resultOf(s.last)!).toMatchObject({ event: 'shrinker',
      status: expect.stringMatching(new RegExp(`^freeable ${freeable} \\(kernel ${freeable + 1}\\), freed \\d+ \\(kernel 999\\)$`)) });
  });
});
