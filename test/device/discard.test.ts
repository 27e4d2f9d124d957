// zram_bio_discard and swap_slot_free_notify (zram-6.18.md §4.5, §4.7, Appendix A.3).
import type { ZramEvent } from '../../src/events/types';
import { bytes, pageIndex, sector } from '../../src/units';
import { discardRange } from '../../src/device/discard';
import { Spec, bio, ev, sizedDeps, sizedPage } from './harness';

const init = ev.store('disksize', '1M');
const rnd = (n: number, seed: number) => Array.from({ length: n }, (_, i) => sizedPage(4000, seed + i));

describe('discard and write-zeroes', () => {
  test('notify_free counts every whole page, written or not; mm_stat unchanged for empty pages', () => {
    const s = Spec.given(sizedDeps, init, bio('discard', 100, [], 8));
    expect(s.show('io_stat')).toBe('       0        0 0        8\n');
    expect(s.mm).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test('discarding written pages frees them; mem_used_max stays (A.3)', () => {
    const s = Spec.given(sizedDeps, init, bio('write', 40, rnd(8, 1)));
    s.when(bio('discard', 40, [], 8));
    expect(s.mm).toEqual([0, 0, 0, 0, 8 * 4096, 0, 0, 0, 8]);
    expect(s.state.blk.writeIos).toBe(1); // discards are not in /sys/block/zramN/stat
  });

  test('write-zeroes frees like discard and reads back zeros', () => {
    const s = Spec.given(sizedDeps, init, bio('write', 60, rnd(4, 5)), bio('write_zeroes', 60, [], 4), bio('read', 60, [], 4));
    const out = s.last.kind === 'bio' ? s.last.data! : new Uint8Array(1);
    expect(out.length).toBe(4 * 4096);
    expect(out.every((b) => b === 0)).toBe(true);
    expect(s.show('io_stat')).toBe('       0        0 0        4\n');
  });

  test('a partial head page and a short tail are skipped (paths only reachable with PAGE_SIZE > 4 KiB)', () => {
    const s = Spec.given(sizedDeps, init, bio('write', 0, rnd(3, 9)));
    discardRange(s.state, s.state.slots!, 4, 2048 + 4096 + 1024);
    expect(s.mm[0]).toBe(2 * 4096); // only page 1 freed
    expect(s.show('io_stat')).toBe('       0        0 0        1\n');
  });

  test('a misaligned raw discard bio never reaches zram (4 KiB logical blocks): EIO, nothing freed', () => {
    const s = Spec.given(sizedDeps, init, bio('write', 0, rnd(3, 9)));
    const q: ZramEvent = { type: 'BioQueued', bioId: 1, op: 'discard', sector: sector(4), bytes: bytes(8192), context: 'process', pages: [] };
    s.when(q, ev.done(1));
    expect(s.last).toMatchObject({ errno: 'EIO' });
    expect(s.mm[0]).toBe(3 * 4096);
  });

  test('swap slot free: counts notify_free; a busy slot counts miss_free and keeps its memory', () => {
    const s = Spec.given(sizedDeps, init, bio('write', 0, rnd(2, 3)));
    s.when({ type: 'SlotFreeNotified', index: pageIndex(0), slotBusy: false }, { type: 'SlotFreeNotified', index: pageIndex(1), slotBusy: true });
    expect(s.mm[0]).toBe(4096);
    expect(s.show('io_stat')).toBe('       0        0 0        2\n');
    expect(s.show('debug_stat')).toBe('version: 1\n0        1\n');
  });
});
