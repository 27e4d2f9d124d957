// Records whose CRC is right but whose content breaks the log's rules: each must stop the
// read with a LogCorruptError at that record, after the events before it.
import { zram_ref } from '../../proto/gen/zram';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { LogCorruptError } from '../../src/log/errors';
import { encodeFrame } from '../../src/log/frame';
import { encodeEventRecord, encodeHeaderRecord, encodePageRecord } from '../../src/log/record-codec';
import { bytes, nanos, sector } from '../../src/units';
import { pageFrom } from '../events/arbitraries';
import { HEADER, readAll } from './helpers';

const ev = (seq: number, event: ZramEvent): Uint8Array => encodeEventRecord({ seq, ts: nanos(seq), event });
const done = (seq: number): Uint8Array => ev(seq, { type: 'BioCompleted', bioId: seq });
const write = (seq: number, key: number): Uint8Array =>
  ev(seq, { type: 'BioQueued', bioId: seq, op: 'write', sector: sector(0), bytes: bytes(4096), context: 'process', pages: [{ key, data: pageFrom(key) }] });
const raw = (m: zram_ref.v1.LogRecord.$Properties): Uint8Array => zram_ref.v1.LogRecord.encode(m).finish();
const head = encodeHeaderRecord(HEADER);

const cases: [string, Uint8Array[], RegExp][] = [
  ['an event before the header', [done(0)], /expected a LogHeader as the first record, found a record of kind event/],
  ['a second header', [head, done(0), head], /expected a PageContent or Event record, found a second LogHeader/],
  ['a page key defined twice', [head, encodePageRecord(1, pageFrom(1)), write(0, 1), encodePageRecord(1, pageFrom(1))], /expected a PageContent with a new key, found key 1 defined again/],
  ['a page of 4095 bytes', [head, done(0), encodePageRecord(1, new Uint8Array(4095))], /expected a PageContent of 4096 bytes, found 4095 bytes \(key 1\)/],
  ['a page key used before its content', [head, done(0), write(1, 5)], /event seq 1: .*page key 5 has no PageContent before it/],
  ['a seq gap', [head, done(0), done(2)], /expected event seq 1, found seq 2/],
  ['a seq repeated', [head, done(0), done(0)], /expected event seq 1, found seq 0/],
  ['an empty record', [head, done(0), new Uint8Array(0)], /LogRecord has none of header, page_content, event/],
  ['garbage bytes', [head, done(0), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])], /expected a decodable LogRecord/],
  ['an unknown bio op', [head, done(0), raw({ event: { seq: 1, bioQueued: { op: 77 as zram_ref.v1.BioOp, context: 1 } } })], /event seq 1: BioQueued.op: unknown enum value 77/],
  ['an event without payload', [head, raw({ event: { seq: 0 } })], /event seq 0: Event has no payload/],
  ['a newer format version', [raw({ header: { formatVersion: 2, pageSize: 4096 } })], /expected format_version 1, found format_version 2/],
  ['a page size of 16 KiB', [raw({ header: { formatVersion: 1, pageSize: 16384 } })], /expected page_size 4096, found page_size 16384/],
];

describe('records with a valid CRC but invalid content', () => {
  test.each(cases)('%s is a LogCorruptError at that record', (_name, recs, message) => {
    const framed = recs.map(encodeFrame);
    const log = Buffer.concat(framed);
    const badStart = framed.slice(0, -1).reduce((n, f) => n + f.length, 0);
    const { events, error } = readAll(log, 'crafted.log');
    expect(error).toBeInstanceOf(LogCorruptError);
    expect((error as LogCorruptError).offset).toBe(badStart);
    expect((error as Error).message).toMatch(new RegExp(`^crafted.log: bad log record at byte ${badStart}: `));
    expect((error as Error).message).toMatch(message);
    const wholeEvents = recs.slice(0, -1).filter((r) => zram_ref.v1.LogRecord.decode(r).record === 'event').length;
    expect(events.map((e: Recorded<ZramEvent>) => e.seq)).toEqual([...Array(wholeEvents).keys()]);
  });
});
