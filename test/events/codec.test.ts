import fc from 'fast-check';
import { zram_ref } from '../../proto/gen/zram';
import { decodeEvent, decodeHeader, encodeEvent, encodeHeader, EventCodecError } from '../../src/events/codec';
import { ContentStore } from '../../src/events/content-store';
import type { LogHeader, PagePayload, Recorded, ZramEvent } from '../../src/events/types';
import { LOG_FORMAT_VERSION } from '../../src/events/types';
import { nanos, sector, bytes } from '../../src/units';
import { ALL_EVENT_TYPES, pageFrom, recorded, SEED } from './arbitraries';

const P = zram_ref.v1;
const store = new ContentStore();
const pool: PagePayload[] = [0, 1, 2, 3].map((s) => store.payload(pageFrom(s)));
const resolve = (key: number): Uint8Array | undefined => store.get(key);

/** Through the wire: encode, serialise, parse, decode. */
function roundTrip(rec: Recorded<ZramEvent>): Recorded<ZramEvent> {
  const wire = P.Event.encode(encodeEvent(rec)).finish();
  return decodeEvent(P.Event.decode(wire), resolve);
}

function decodeWire(props: zram_ref.v1.Event.$Properties): Recorded<ZramEvent> {
  return decodeEvent(P.Event.decode(P.Event.encode(props).finish()), resolve);
}

describe(`event codec (seed ${SEED})`, () => {
  test('every event type round-trips losslessly through proto bytes', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(recorded(pool), (rec) => {
        seen.add(rec.event.type);
        expect(roundTrip(rec)).toEqual(rec);
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect([...seen].sort()).toEqual([...ALL_EVENT_TYPES].sort());
  });

  test('pages travel as keys and come back as the resolved bytes', () => {
    const rec: Recorded<ZramEvent> = {
      seq: 7, ts: nanos(9),
      event: { type: 'BioQueued', bioId: 1, op: 'write', sector: sector(8), bytes: bytes(8192), context: 'process', pages: [pool[2]!, pool[2]!] },
    };
    const proto = encodeEvent(rec);
    expect(proto.bioQueued!.pageKeys).toEqual([pool[2]!.key, pool[2]!.key]);
    const back = roundTrip(rec);
    expect(back.event.type === 'BioQueued' && back.event.pages[1]!.data).toBe(store.get(pool[2]!.key));
  });

  test('u64 values up to 2^53-1 survive; larger ones on the wire are refused with the seq', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const rec: Recorded<ZramEvent> = { seq: max, ts: nanos(max), event: { type: 'BioCompleted', bioId: max } };
    expect(roundTrip(rec)).toEqual(rec);
    // seq 3, then bio_completed { bio_id: 2^64-1 } written by hand: no JS number holds it.
    const wire = Uint8Array.from([0x08, 0x03, 0x4a, 0x0b, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(() => decodeEvent(P.Event.decode(wire), resolve)).toThrow(EventCodecError);
    expect(() => decodeEvent(P.Event.decode(wire), resolve)).toThrow(/event seq 3: BioCompleted.bio_id: 18446744073709551615 is not a safe/);
    // 2^53 exactly is one past the safe range.
    const edge = Uint8Array.from([0x08, 0x03, 0x4a, 0x09, 0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(() => decodeEvent(P.Event.decode(edge), resolve)).toThrow(/9007199254740992 is not a safe/);
  });

  test.each([
    ['op', { seq: 5, bioQueued: { op: 99, context: 1 } }, /event seq 5: BioQueued.op: unknown enum value 99/],
    ['op unspecified', { seq: 5, bioQueued: { op: 0, context: 1 } }, /event seq 5: BioQueued.op: unknown enum value 0/],
    ['context', { seq: 6, resetRequested: { context: 3 } }, /event seq 6: ResetRequested.context: unknown enum value 3/],
    ['attr', { seq: 8, attrStored: { attr: 42 } }, /event seq 8: AttrStored.attr: unknown enum value 42/],
  ])('unknown %s enum value is an EventCodecError naming the seq', (_name, props, msg) => {
    expect(() => decodeWire(props as zram_ref.v1.Event.$Properties)).toThrow(EventCodecError);
    expect(() => decodeWire(props as zram_ref.v1.Event.$Properties)).toThrow(msg);
  });

  test('an event without payload is an EventCodecError naming the seq', () => {
    expect(() => decodeWire({ seq: 12, tsNs: 1 })).toThrow(/event seq 12: Event has no payload \(missing oneof\)/);
  });

  test('a page key with no content is an EventCodecError', () => {
    expect(() => decodeWire({ seq: 2, bioQueued: { op: 2, context: 1, pageKeys: [999] } })).toThrow(
      /event seq 2: .*page key 999 has no PageContent/);
  });

  test.each<[string, ZramEvent]>([
    ['fractional fd', { type: 'DeviceOpened', fd: 1.5 }],
    ['fd beyond int32', { type: 'DeviceClosed', fd: 2 ** 31 }],
    ['negative sector', { type: 'BioQueued', bioId: 1, op: 'read', sector: sector(-8), bytes: bytes(4096), context: 'process', pages: [] }],
    ['unsafe bio id', { type: 'BioCompleted', bioId: 2 ** 53 }],
    ['lone surrogate', { type: 'AttrStored', attr: 'disksize', value: 'x\uD800' }],
    ['reset as attr', { type: 'AttrStored', attr: 'reset' as 'idle', value: '1' }],
    ['unknown op', { type: 'BioQueued', bioId: 1, op: 'zap' as 'read', sector: sector(0), bytes: bytes(0), context: 'process', pages: [] }],
  ])('encode refuses what the schema cannot carry exactly: %s', (_name, event) => {
    expect(() => encodeEvent({ seq: 4, ts: nanos(0), event })).toThrow(/^event seq 4: /);
  });

  test('header round-trips, provenance written in key order', () => {
    const h: LogHeader = {
      formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: 'linux-6.18', variant: 'claim',
      contentSource: 'api', provenance: { tool: 'zram-ref', command: 'record --x', host: '6.18.0' },
    };
    const wire = P.LogHeader.encode(encodeHeader(h)).finish();
    const back = decodeHeader(P.LogHeader.decode(wire));
    expect(back).toEqual(h);
    expect(Object.keys(back.provenance)).toEqual(['command', 'host', 'tool']);
    const reordered = { ...h, provenance: { host: '6.18.0', tool: 'zram-ref', command: 'record --x' } };
    expect(Buffer.from(P.LogHeader.encode(encodeHeader(reordered)).finish())).toEqual(Buffer.from(wire));
  });

  test('header property: any strings round-trip', () => {
    const s = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(s, s, s, fc.dictionary(s.filter((k) => k !== '__proto__'), s), (k, v, c, provenance) => {
        const h: LogHeader = { formatVersion: 1, pageSize: 4096, kernelSemantics: k, variant: v, contentSource: c, provenance };
        expect(decodeHeader(P.LogHeader.decode(P.LogHeader.encode(encodeHeader(h)).finish()))).toEqual(h);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
