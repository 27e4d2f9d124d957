// Recorded<ZramEvent> → proto Event. Page contents leave as keys only: their bytes are
// written once, as PageContent records, by whoever writes the log (DESIGN.md decision 2).
import type { zram_ref } from '../../proto/gen/zram';
import { EventCodecError } from './codec-error';
import { bioOpEnum, ioContextEnum, storeAttrEnum, type EnumMap } from './proto-enums';
import { i32ToProto, u64ToProto } from './proto-ints';
import { utf8ToProto } from './proto-strings';
import type { Recorded, ZramEvent } from './types';

type ProtoEvent = zram_ref.v1.Event.$Properties;

/** The proto form of one recorded event; throws EventCodecError naming the seq if a field
 * does not fit the schema (a broken invariant of the caller). */
export function encodeEvent(rec: Recorded<ZramEvent>): ProtoEvent {
  try {
    return {
      seq: u64ToProto(rec.seq, 'seq'),
      tsNs: u64ToProto(rec.ts, 'ts'),
      ...encodePayload(rec.event),
    };
  } catch (e) {
    if (e instanceof RangeError) throw new EventCodecError(Number.isFinite(rec.seq) ? rec.seq : null, e.message);
    throw e;
  }
}

function enumValue<T extends string>(map: EnumMap<T>, v: T, what: string): number {
  const n = map.toProto(v);
  if (n === undefined) throw new RangeError(`${what}: unknown value ${JSON.stringify(v)}`);
  return n;
}

function encodePayload(ev: ZramEvent): ProtoEvent {
  switch (ev.type) {
    case 'AttrStored':
      return { attrStored: { attr: enumValue(storeAttrEnum, ev.attr, 'AttrStored.attr'), value: utf8ToProto(ev.value, 'AttrStored.value') } };
    case 'ResetRequested':
      return { resetRequested: { value: utf8ToProto(ev.value, 'ResetRequested.value'), context: enumValue(ioContextEnum, ev.context, 'ResetRequested.context') } };
    case 'ResetCompleted':
      return { resetCompleted: {} };
    case 'DeviceOpened':
      return { deviceOpened: { fd: i32ToProto(ev.fd, 'DeviceOpened.fd') } };
    case 'DeviceClosed':
      return { deviceClosed: { fd: i32ToProto(ev.fd, 'DeviceClosed.fd') } };
    case 'BioQueued':
      return { bioQueued: encodeBioQueued(ev) };
    case 'BioCompleted':
      return { bioCompleted: { bioId: u64ToProto(ev.bioId, 'BioCompleted.bio_id') } };
    case 'SlotFreeNotified':
      return { slotFreeNotified: { index: u64ToProto(ev.index, 'SlotFreeNotified.index'), slotBusy: ev.slotBusy } };
    case 'ShrinkerScanned':
      return { shrinkerScanned: { totalScan: u64ToProto(ev.totalScan, 'ShrinkerScanned.total_scan'),
        freeable: u64ToProto(ev.freeable, 'ShrinkerScanned.freeable'), freed: u64ToProto(ev.freed, 'ShrinkerScanned.freed') } };
    case 'KernelStatSampled':
      return { kernelStatSampled: encodeKernelStatSampled(ev) };
    default:
      return unknownType(ev);
  }
}

type EventOf<T extends ZramEvent['type']> = Extract<ZramEvent, { type: T }>;

function encodeBioQueued(ev: EventOf<'BioQueued'>): zram_ref.v1.BioQueued.$Properties {
  return {
    bioId: u64ToProto(ev.bioId, 'BioQueued.bio_id'),
    op: enumValue(bioOpEnum, ev.op, 'BioQueued.op'),
    sector: u64ToProto(ev.sector, 'BioQueued.sector'),
    bytes: u64ToProto(ev.bytes, 'BioQueued.bytes'),
    context: enumValue(ioContextEnum, ev.context, 'BioQueued.context'),
    pageKeys: ev.pages.map((p) => u64ToProto(p.key, 'BioQueued.page_keys')),
  };
}

function encodeKernelStatSampled(ev: EventOf<'KernelStatSampled'>): zram_ref.v1.KernelStatSampled.$Properties {
  return {
    mmStat: utf8ToProto(ev.mmStat, 'KernelStatSampled.mm_stat'),
    ioStat: utf8ToProto(ev.ioStat, 'KernelStatSampled.io_stat'),
    debugStat: utf8ToProto(ev.debugStat, 'KernelStatSampled.debug_stat'),
    stat: utf8ToProto(ev.stat, 'KernelStatSampled.stat'),
  };
}

function unknownType(ev: never): never {
  throw new RangeError(`unknown event type ${JSON.stringify((ev as { type?: unknown }).type)}`);
}
