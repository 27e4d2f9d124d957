// The bundle check's view of overlapping writes: the kernel served two overlapping bios in one
// order, the trace cannot say which, and the model folds them in the other. Only the pool-layout
// fields may then differ, and the check says why; reads in flight do not count, and a deviation
// in any other field gets no such excuse.
import { checkEvents } from '../../src/device/sample-check';
import { checkJson, formatCheck } from '../../src/report/check-view';
import {
  A, fullAt, moreOrig, overlapped, page, recorded, sequential, setup, write,
} from '../helpers/overlapping-writes';
import { ev } from './harness';

describe('bundle check: writes that overlapped in time', () => {
  test('only the pool-layout fields differ, and text and JSON say that the order is not in the trace', () => {
    const r = checkEvents(overlapped(fullAt()));
    expect([r.samples, r.exact, r.overlappingWrites, r.rejected]).toEqual([1, 0, 1, []]);
    expect(r.checks[0].deviations.map((d) => `${d.file}.${d.field}`)).toEqual(['mm_stat.mem_used_total', 'mm_stat.mem_used_max']);
    expect(formatCheck('b', 'exact', r)).toMatch(/note: 1 writes were queued while another was in flight; .* not in the trace/);
    expect(checkJson('b', 'exact', r)).toMatchObject({ overlappingWrites: 1, allocationOrder: true });
  });

  test('the same bios one after the other in the kernel\'s order: exact, nothing overlapped, no note', () => {
    const r = checkEvents(sequential(fullAt()));
    expect([r.exact, r.samples, r.overlappingWrites]).toEqual([1, 1, 0]);
    expect(formatCheck('b', 'exact', r)).not.toMatch(/note:/);
    expect(checkJson('b', 'exact', r).allocationOrder).toBe(false);
  });

  test('a deviation outside the pool layout is not excused by the overlap', () => {
    const r = checkEvents(overlapped(fullAt(), moreOrig));
    expect(r.overlappingWrites).toBe(1);
    expect(r.checks[0].deviations.map((d) => d.field)).toContain('orig_data_size');
    expect(formatCheck('b', 'exact', r)).not.toMatch(/note:/);
    expect(checkJson('b', 'exact', r).allocationOrder).toBe(false);
  });

  test('reads in flight beside a write are not counted; a write queued beside a write is', () => {
    const events = [...setup(2), write(), ev.bio(300, 'read', 1, [], 1), ev.done(300), ev.done(A),
      ev.bio(301, 'write', 1, [page(5)]), ev.bio(302, 'read', 0, [], 1), ev.bio(303, 'write_zeroes', 3, [], 1),
      ev.done(301), ev.done(302), ev.done(303)];
    expect(checkEvents(recorded(events)).overlappingWrites).toBe(1);
  });
});
