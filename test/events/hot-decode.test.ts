import fc from 'fast-check';
import { zram_ref } from '../../proto/gen/zram';
import { decodeEvent } from '../../src/events/codec';
import { ContentStore } from '../../src/events/content-store';
import { hotEvent, hotPage } from '../../src/events/hot-decode';
import type { PagePayload, Recorded, ZramEvent } from '../../src/events/types';
import { decodeRecord, encodeEventRecord, encodePageRecord } from '../../src/log/record-codec';
import { bytes, nanos, sector } from '../../src/units';
import { pageFrom, recorded, SEED } from './arbitraries';

const P = zram_ref.v1;
const store = new ContentStore();
const pool: PagePayload[] = [0, 1, 2, 3].map((s) => store.payload(pageFrom(s)));
const resolve = (key: number): Uint8Array | undefined => store.get(key);

/** What the generic protobuf path makes of a LogRecord holding an event. */
const generic = (wire: Uint8Array): Recorded<ZramEvent> => decodeEvent(P.LogRecord.decode(wire).event!, resolve);

const bio = (over: Partial<Extract<ZramEvent, { type: 'BioQueued' }>>): Recorded<ZramEvent> => ({
  seq: 3, ts: nanos(5),
  event: { type: 'BioQueued', bioId: 1, op: 'write', sector: sector(8), bytes: bytes(4096), context: 'process', pages: [pool[0]], ...over },
});

describe(`hand-written decoder of the hot records (seed ${SEED})`, () => {
  test('gives what the generic decoder gives for every event it takes, and null for the others', () => {
    let taken = 0;
    fc.assert(fc.property(recorded(pool), (rec) => {
      const wire = encodeEventRecord(rec);
      const hot = hotEvent(wire, resolve);
      const hotType = rec.event.type === 'BioQueued' || rec.event.type === 'BioCompleted';
      if (!hotType) { expect(hot).toBeNull(); return; }
      expect(hot).not.toBeNull();
      taken++;
      expect(hot).toEqual(generic(wire));
      expect(decodeRecord(wire, resolve)).toEqual({ kind: 'event', recorded: generic(wire) });
    }), { seed: SEED, numRuns: 2000 });
    expect(taken).toBeGreaterThan(100);
  });

  test('zero values, large safe values and many pages', () => {
    const cases = [
      bio({ bioId: 0, sector: sector(0), bytes: bytes(0), op: 'read', pages: [] }),
      bio({ bioId: 2 ** 53 - 1, sector: sector(2 ** 52), bytes: bytes(3 * 4096), pages: [pool[1], pool[2], pool[1]] }),
      { seq: 0, ts: nanos(0), event: { type: 'BioCompleted', bioId: 0 } } as Recorded<ZramEvent>,
      { seq: 2 ** 40, ts: nanos(2 ** 50), event: { type: 'BioCompleted', bioId: 77 } } as Recorded<ZramEvent>,
    ];
    for (const rec of cases) {
      const wire = encodeEventRecord(rec);
      expect(hotEvent(wire, resolve)).toEqual(rec);
      expect(generic(wire)).toEqual(rec);
    }
  });

  test('falls back (null) on what it does not take: unknown key, unknown enum, truncation, trailing bytes', () => {
    const wire = encodeEventRecord(bio({}));
    expect(hotEvent(wire, () => undefined)).toBeNull();
    for (let cut = 1; cut < wire.length; cut++) expect(hotEvent(wire.subarray(0, cut), resolve)).toBeNull();
    const longer = new Uint8Array(wire.length + 1);
    longer.set(wire);
    expect(hotEvent(longer, resolve)).toBeNull();
    const badOp = P.LogRecord.encode({ event: { seq: 1, bioQueued: { bioId: 1, op: 99 as zram_ref.v1.BioOp, context: 1 } } }).finish();
    expect(hotEvent(badOp, resolve)).toBeNull();
    const unpacked = new Uint8Array([...P.LogRecord.encode({ event: { seq: 1, bioCompleted: { bioId: 1 } } }).finish()]);
    unpacked[unpacked.length - 1] = 0x80; // an unterminated varint
    expect(hotEvent(unpacked, resolve)).toBeNull();
  });

  test('page records: key and the data view; others are not pages', () => {
    const data = pageFrom(9);
    const wire = encodePageRecord(12345, data);
    const p = hotPage(wire)!;
    expect(p.key).toBe(12345);
    expect(wire.subarray(p.dataAt, p.dataAt + p.dataLength)).toEqual(Buffer.from(data));
    const item = decodeRecord(wire, resolve);
    expect(item.kind === 'page' && item.key === 12345 && Buffer.compare(Buffer.from(item.data), Buffer.from(data)) === 0).toBe(true);
    expect(hotPage(encodeEventRecord(bio({})))).toBeNull();
    expect(hotPage(wire.subarray(0, wire.length - 1))).toBeNull();
  });
});
