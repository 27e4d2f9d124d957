// Two bios the kernel served in one order while the trace shows them overlapping the other way:
// the kernel freed (a discard of page 0) before it allocated (a write of page 200), and the trace
// has the write queued first and the discard queued while it was in flight. Once the pool's
// zspages are full the two orders leave different layouts, in mem_used_total and mem_used_max only.
import { checkEvents } from '../../src/device/sample-check';
import { ZramDevice } from '../../src/device/zram-device';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { nanos } from '../../src/units';
import { ev } from '../device/harness';

/** 2000 bytes that do not compress, then zeros: every such page lands in the same size class. */
export function page(seed: number): Uint8Array {
  const p = new Uint8Array(4096);
  let x = (seed * 0x9e3779b9) >>> 0 || 1;
  for (let i = 0; i < 2000; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0; p[i] = x & 0xff; }
  return p;
}

export const A = 100; // bio writing a new page (allocates)
export const B = 101; // bio discarding page 0 (frees)
/** disksize, then k pages written one after the other. */
export const setup = (k: number): ZramEvent[] => [ev.store('disksize', '1M'),
  ...Array.from({ length: k }, (_, i) => [ev.bio(i + 1, 'write', i, [page(i + 1)]), ev.done(i + 1)]).flat()];
export const write = (): ZramEvent => ev.bio(A, 'write', 200, [page(999)]);
export const discard = (): ZramEvent => ev.bio(B, 'discard', 0, [], 1);

/** The kernel's sample after `events` (its mm_stat text passed through `tamper`). */
export function sampled(events: ZramEvent[], tamper = (s: string): string => s): ZramEvent {
  const d = new ZramDevice();
  for (const e of events) d.apply(e);
  return { type: 'KernelStatSampled', mmStat: tamper(d.show('mm_stat')), ioStat: d.show('io_stat'),
    debugStat: d.show('debug_stat'), stat: d.show('stat') };
}
export const recorded = (events: ZramEvent[]): Recorded<ZramEvent>[] =>
  events.map((event, seq) => ({ seq, ts: nanos(seq), event }));

/** The kernel freed (B) before it allocated (A); the trace shows A queued first, B while A was in flight. */
export function overlapped(k: number, tamper?: (s: string) => string): Recorded<ZramEvent>[] {
  const kernel = sampled([...setup(k), discard(), ev.done(B), write(), ev.done(A)], tamper);
  return recorded([...setup(k), write(), discard(), ev.done(A), ev.done(B), kernel]);
}

/** The same bios one after the other in the kernel's order, with its sample. */
export function sequential(k: number): Recorded<ZramEvent>[] {
  const kernel = sampled([...setup(k), discard(), ev.done(B), write(), ev.done(A)]);
  return recorded([...setup(k), discard(), ev.done(B), write(), ev.done(A), kernel]);
}

/** The first number of filled slots at which the two orders leave the pool different (a full zspage). */
export function fullAt(): number {
  for (let k = 1; k <= 64; k++) if (checkEvents(overlapped(k)).exact === 0) return k;
  throw new Error('no k up to 64 where the allocation order shows');
}

/** A tamper that adds a page to the kernel's orig_data_size: a difference the order cannot make. */
export const moreOrig = (s: string): string =>
  s.replace(/^(\s*)(\d+)/, (_, sp: string, n: string) => `${sp}${Number(n) + 4096}`);
