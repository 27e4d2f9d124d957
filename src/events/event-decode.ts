// proto Event → Recorded<ZramEvent>. Page keys are resolved to bytes through `resolve`, so
// the reducer never does I/O. Unknown enum values and a missing payload are errors naming
// the seq: a reader must not guess what a newer or damaged writer meant.
import type { zram_ref } from '../../proto/gen/zram';
import { bytes, nanos, pageIndex, sector } from '../units';
import { EventCodecError } from './codec-error';
import { bioOpEnum, ioContextEnum, storeAttrEnum, type EnumMap } from './proto-enums';
import { u64FromProto } from './proto-ints';
import type { PagePayload, Recorded, ZramEvent } from './types';

type ProtoEvent = zram_ref.v1.Event.$Properties;

/** Looks a page key up; undefined when the log has not stored that key (yet). */
export type ResolvePage = (key: number) => Uint8Array | undefined;

export function decodeEvent(msg: ProtoEvent, resolve: ResolvePage): Recorded<ZramEvent> {
  let seq: number | null = null;
  try {
    seq = u64FromProto(msg.seq, 'seq');
    const ts = nanos(u64FromProto(msg.tsNs, 'ts_ns'));
    return { seq, ts, event: decodePayload(msg, resolve) };
  } catch (e) {
    if (e instanceof RangeError) throw new EventCodecError(seq, e.message);
    throw e;
  }
}

function enumOf<T extends string>(map: EnumMap<T>, n: number | null | undefined, what: string): T {
  const v = map.fromProto(n ?? 0);
  if (v === undefined) throw new RangeError(`${what}: unknown enum value ${String(n ?? 0)}`);
  return v;
}

function pagesOf(keys: readonly unknown[] | null | undefined, resolve: ResolvePage): PagePayload[] {
  return (keys ?? []).map((k) => {
    const key = u64FromProto(k, 'BioQueued.page_keys');
    const data = resolve(key);
    if (data === undefined) throw new RangeError(`BioQueued.page_keys: page key ${key} has no PageContent before it`);
    return { key, data };
  });
}

function decodePayload(m: ProtoEvent, resolve: ResolvePage): ZramEvent {
  switch (m.payload) {
    case 'attrStored': {
      const p = m.attrStored!;
      return { type: 'AttrStored', attr: enumOf(storeAttrEnum, p.attr, 'AttrStored.attr'), value: p.value ?? '' };
    }
    case 'resetRequested': {
      const p = m.resetRequested!;
      return { type: 'ResetRequested', value: p.value ?? '', context: enumOf(ioContextEnum, p.context, 'ResetRequested.context') };
    }
    case 'resetCompleted':
      return { type: 'ResetCompleted' };
    case 'deviceOpened':
      return { type: 'DeviceOpened', fd: m.deviceOpened!.fd ?? 0 };
    case 'deviceClosed':
      return { type: 'DeviceClosed', fd: m.deviceClosed!.fd ?? 0 };
    case 'bioQueued':
      return decodeBioQueued(m.bioQueued!, resolve);
    case 'bioCompleted':
      return { type: 'BioCompleted', bioId: u64FromProto(m.bioCompleted!.bioId, 'BioCompleted.bio_id') };
    case 'slotFreeNotified': {
      const p = m.slotFreeNotified!;
      return { type: 'SlotFreeNotified', index: pageIndex(u64FromProto(p.index, 'SlotFreeNotified.index')), slotBusy: p.slotBusy === true };
    }
    case 'shrinkerScanned': {
      const p = m.shrinkerScanned!;
      return { type: 'ShrinkerScanned', totalScan: u64FromProto(p.totalScan, 'ShrinkerScanned.total_scan'),
        freeable: u64FromProto(p.freeable, 'ShrinkerScanned.freeable'), freed: u64FromProto(p.freed, 'ShrinkerScanned.freed') };
    }
    case 'kernelStatSampled': {
      const p = m.kernelStatSampled!;
      return { type: 'KernelStatSampled', mmStat: p.mmStat ?? '', ioStat: p.ioStat ?? '', debugStat: p.debugStat ?? '', stat: p.stat ?? '' };
    }
    default:
      throw new RangeError('Event has no payload (missing oneof)');
  }
}

function decodeBioQueued(p: zram_ref.v1.BioQueued.$Properties, resolve: ResolvePage): ZramEvent {
  return {
    type: 'BioQueued',
    bioId: u64FromProto(p.bioId, 'BioQueued.bio_id'),
    op: enumOf(bioOpEnum, p.op, 'BioQueued.op'),
    sector: sector(u64FromProto(p.sector, 'BioQueued.sector')),
    bytes: bytes(u64FromProto(p.bytes, 'BioQueued.bytes')),
    context: enumOf(ioContextEnum, p.context, 'BioQueued.context'),
    pages: pagesOf(p.pageKeys as readonly unknown[] | null | undefined, resolve),
  };
}
