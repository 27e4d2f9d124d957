// fast-check generators for every ZramEvent, for codec and log round-trip properties.
import fc from 'fast-check';
import type { BioOp, IoContext, PagePayload, Recorded, StoreAttr, ZramEvent } from '../../src/events/types';
import { bytes, nanos, pageIndex, sector } from '../../src/units';

/** The seed of this run: FC_SEED=n replays one. Printed in test titles. */
export const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 0x7fffffff));

/** A 4096-byte page filled from a small seed (cheap to generate, all different per seed). */
export function pageFrom(seed: number, variant = 0): Uint8Array {
  const p = new Uint8Array(4096);
  let x = (seed * 2654435761 + variant * 97 + 1) >>> 0;
  const imul = Math.imul; // hot loop: no global lookups (slow under Jest's vm context)
  for (let i = 0; i < p.length; i++) {
    x = (imul(x, 1103515245) + 12345) >>> 0;
    p[i] = x >>> 24;
  }
  return p;
}

const u64 = fc.maxSafeNat();
const text = fc.string({ unit: 'binary', maxLength: 40 });
const attr = fc.constantFrom<Exclude<StoreAttr, 'reset'>>(
  'disksize', 'comp_algorithm', 'algorithm_params', 'mem_limit', 'mem_used_max', 'compact', 'idle');
const op = fc.constantFrom<BioOp>('read', 'write', 'discard', 'write_zeroes', 'flush');
const context = fc.constantFrom<IoContext>('process', 'reclaim');
const fd = fc.integer({ min: -0x80000000, max: 0x7fffffff });

/** Any ZramEvent; BioQueued pages are drawn from `pool` (payloads sharing keys and bytes). */
export function zramEvent(pool: readonly PagePayload[]): fc.Arbitrary<ZramEvent> {
  const pages = pool.length === 0 ? fc.constant([]) : fc.array(fc.constantFrom(...pool), { maxLength: 6 });
  return fc.oneof(
    fc.record({ type: fc.constant('AttrStored' as const), attr, value: text }),
    fc.record({ type: fc.constant('ResetRequested' as const), value: text, context }),
    fc.constant({ type: 'ResetCompleted' as const }),
    fc.record({ type: fc.constant('DeviceOpened' as const), fd }),
    fc.record({ type: fc.constant('DeviceClosed' as const), fd }),
    fc.record({
      type: fc.constant('BioQueued' as const), bioId: u64, op, sector: u64.map(sector), bytes: u64.map(bytes), context, pages,
    }),
    fc.record({ type: fc.constant('BioCompleted' as const), bioId: u64 }),
    fc.record({ type: fc.constant('SlotFreeNotified' as const), index: u64.map(pageIndex), slotBusy: fc.boolean() }),
    fc.record({ type: fc.constant('KernelStatSampled' as const), mmStat: text, ioStat: text, debugStat: text, stat: text }),
  );
}

/** One recorded event at any seq and time. */
export function recorded(pool: readonly PagePayload[]): fc.Arbitrary<Recorded<ZramEvent>> {
  return fc.record({ seq: u64, ts: u64.map(nanos), event: zramEvent(pool) });
}

/** A log's worth of events: seqs 0..n-1, times non-decreasing. */
export function eventLog(pool: readonly PagePayload[], maxLength = 40): fc.Arbitrary<Recorded<ZramEvent>[]> {
  return fc.array(fc.tuple(fc.nat(1_000_000), zramEvent(pool)), { maxLength }).map((xs) => {
    let t = 0;
    return xs.map(([dt, event], seq) => ({ seq, ts: nanos((t += dt)), event }));
  });
}

export const ALL_EVENT_TYPES: readonly ZramEvent['type'][] = [
  'AttrStored', 'ResetRequested', 'ResetCompleted', 'DeviceOpened', 'DeviceClosed',
  'BioQueued', 'BioCompleted', 'SlotFreeNotified', 'KernelStatSampled',
];
