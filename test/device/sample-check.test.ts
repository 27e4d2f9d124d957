// The bundle check's view of overlapping writes: the kernel served two overlapping bios in one
// order, the trace cannot say which, and the model folds them in the other. Only the pool-layout
// fields may then differ, and the check says why; reads in flight do not count, and a deviation
// in any other field gets no such excuse.
import { checkEvents } from '../../src/device/sample-check';
import { ZramDevice } from '../../src/device/zram-device';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { checkJson, formatCheck } from '../../src/report/check-view';
import { nanos } from '../../src/units';
import { ev } from './harness';

/** 2000 bytes that do not compress, then zeros: every such page lands in the same size class. */
function page(seed: number): Uint8Array {
  const p = new Uint8Array(4096);
  let x = (seed * 0x9e3779b9) >>> 0 || 1;
  for (let i = 0; i < 2000; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0; p[i] = x & 0xff; }
  return p;
}

const A = 100; // bio writing a new page (allocates)
const B = 101; // bio discarding page 0 (frees)
const setup = (k: number): ZramEvent[] => [ev.store('disksize', '1M'),
  ...Array.from({ length: k }, (_, i) => [ev.bio(i + 1, 'write', i, [page(i + 1)]), ev.done(i + 1)]).flat()];
const write = (): ZramEvent => ev.bio(A, 'write', 200, [page(999)]);
const discard = (): ZramEvent => ev.bio(B, 'discard', 0, [], 1);

function sampled(events: ZramEvent[], tamper = (s: string): string => s): ZramEvent {
  const d = new ZramDevice();
  for (const e of events) d.apply(e);
  return { type: 'KernelStatSampled', mmStat: tamper(d.show('mm_stat')), ioStat: d.show('io_stat'),
    debugStat: d.show('debug_stat'), stat: d.show('stat') };
}
const recorded = (events: ZramEvent[]): Recorded<ZramEvent>[] =>
  events.map((event, seq) => ({ seq, ts: nanos(seq), event }));

/** The kernel freed (B) before it allocated (A); the trace shows A queued first, B while A was in flight. */
function overlapped(k: number, tamper?: (s: string) => string): Recorded<ZramEvent>[] {
  const kernel = sampled([...setup(k), discard(), ev.done(B), write(), ev.done(A)], tamper);
  return recorded([...setup(k), write(), discard(), ev.done(A), ev.done(B), kernel]);
}

/** The first number of filled slots at which the two orders leave the pool different (a full zspage). */
function fullAt(): number {
  for (let k = 1; k <= 64; k++) if (checkEvents(overlapped(k)).exact === 0) return k;
  throw new Error('no k up to 64 where the allocation order shows');
}

describe('bundle check: writes that overlapped in time', () => {
  test('only the pool-layout fields differ, and text and JSON say that the order is not in the trace', () => {
    const r = checkEvents(overlapped(fullAt()));
    expect([r.samples, r.exact, r.overlappingWrites, r.rejected]).toEqual([1, 0, 1, []]);
    expect(r.checks[0].deviations.map((d) => `${d.file}.${d.field}`)).toEqual(['mm_stat.mem_used_total', 'mm_stat.mem_used_max']);
    expect(formatCheck('b', 'exact', r)).toMatch(/note: 1 writes were queued while another was in flight; .* not in the trace/);
    expect(checkJson('b', 'exact', r)).toMatchObject({ overlappingWrites: 1, allocationOrder: true });
  });

  test('the same bios one after the other in the kernel\'s order: exact, nothing overlapped, no note', () => {
    const k = fullAt();
    const kernel = sampled([...setup(k), discard(), ev.done(B), write(), ev.done(A)]);
    const r = checkEvents(recorded([...setup(k), discard(), ev.done(B), write(), ev.done(A), kernel]));
    expect([r.exact, r.samples, r.overlappingWrites]).toEqual([1, 1, 0]);
    expect(formatCheck('b', 'exact', r)).not.toMatch(/note:/);
    expect(checkJson('b', 'exact', r).allocationOrder).toBe(false);
  });

  test('a deviation outside the pool layout is not excused by the overlap', () => {
    const orig = (s: string): string => s.replace(/^(\s*)(\d+)/, (_, sp: string, n: string) => `${sp}${Number(n) + 4096}`);
    const r = checkEvents(overlapped(fullAt(), orig));
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
