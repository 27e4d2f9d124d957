// Decoder: byte order, versions, payloads, ftrace artefacts and damaged inputs as stats
// (with file and offset), and streaming: any chunking decodes to the same records.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { BlkDecoder, decodeAll } from '../../src/blktrace/decode';
import { isClean } from '../../src/blktrace/decode-stats';
import { cgroupId, decodeNote, pduU64, remap } from '../../src/blktrace/pdu';
import { BLK_TA, BlkRecord } from '../../src/blktrace/record';
import { encodeRecords } from '../../src/blktrace/write';
import { BAD_FIXTURES, REAL_TRACES } from './helpers';

const file = (dir: string, name: string, cpu: number): Uint8Array =>
  new Uint8Array(fs.readFileSync(path.join(dir, name, `${name}.blktrace.${cpu}`)));
const strip = (rs: BlkRecord[]): Omit<BlkRecord, 'offset'>[] => rs.map(({ offset: _o, ...r }) => r);
const SEED = Number(process.env.FC_SEED ?? Date.now() % 1e9);
const rr0 = file(REAL_TRACES, 'zram-randrw-2cpu', 0);
const loop0 = file(REAL_TRACES, 'loop-partition', 0);

describe('decode', () => {
  it('decodes a real zram trace: 48-byte v7 records, Q and C pairs, no anomalies', () => {
    const { records, stats } = decodeAll(rr0);
    expect(records.length).toBe(rr0.length / 48);
    expect(isClean(stats)).toBe(true);
    expect(records.every((r) => r.version === 7 && r.cpu === 0 && r.sequence === 0)).toBe(true);
    expect(records.filter((r) => (r.action & 0xffff) === BLK_TA.QUEUE).length).toBe(records.length / 2);
    expect(records[0].device).toBe(0x0fd00001);
  });

  it('a big-endian copy decodes to the same records', () => {
    const le = decodeAll(rr0).records;
    const d = new BlkDecoder('be');
    const be = d.push(encodeRecords(le, { littleEndian: false }));
    expect(d.byteOrder).toBe('be');
    expect(strip(be)).toEqual(strip(le));
  });

  it('v8 (blk_io_trace2) records decode to the same fields, with the high action word', () => {
    const le = decodeAll(loop0).records.map((r) => ({ ...r, actionHigh: 0x40 }));
    const v8 = decodeAll(encodeRecords(le, { version: 8 }));
    expect(strip(v8.records)).toEqual(strip(le).map((r) => ({ ...r, version: 8 })));
    expect(isClean(v8.stats)).toBe(true);
  });

  it('interprets remap, split and unplug payloads (big-endian) from the loop trace', () => {
    const rs = decodeAll(loop0).records.concat(decodeAll(file(REAL_TRACES, 'loop-partition', 1)).records);
    const a = rs.find((r) => (r.action & 0xff) === BLK_TA.REMAP)!;
    expect(remap(a)).toMatchObject({ deviceFrom: (259 << 20) >>> 0, deviceTo: 7 << 20 });
    const u = rs.find((r) => (r.action & 0xff) === BLK_TA.UNPLUG_IO)!;
    expect(pduU64(u)).toBeGreaterThan(0n);
    const x = rs.find((r) => (r.action & 0xff) === BLK_TA.SPLIT)!;
    expect(pduU64(x)).toBeGreaterThan(x.sector);
  });

  it('reads PROCESS, TIMESTAMP and MESSAGE notes, and a cgroup id before a message', () => {
    const rs = decodeAll(file(BAD_FIXTURES, 'notes', 0)).records;
    const notes = rs.filter((r) => (r.action & 0x04000000) !== 0).map((r) => decodeNote(r, true));
    expect(notes).toEqual([
      { kind: 'timestamp', sec: 1_764_400_000, nsec: 123_456_789 },
      { kind: 'process', pid: rs[1].pid, comm: 'dd' },
      { kind: 'message', text: 'hello from a message note' },
      { kind: 'message', text: 'bfq1A in service' },
    ]);
    expect(cgroupId(rs.find((r) => r.action === 0x04000102)!, true)).toBe(1n);
  });

  it('bad magic stops decoding and names the file and byte offset', () => {
    const d = new BlkDecoder('bad-magic.blktrace.0');
    const rs = d.push(file(BAD_FIXTURES, 'bad-magic', 0));
    d.end(rs);
    expect(rs.length).toBe(5);
    expect(d.stats.badMagic).toBe(1);
    expect(d.stats.problems[0]).toMatchObject({ source: 'bad-magic.blktrace.0', offset: 240 });
    expect(d.stats.problems[0].message).toMatch(/bad magic 0x58585858, expected 0x654174xx/);
  });

  it('a non-blktrace input is an error at byte 0, not a crash', () => {
    const { records, stats } = decodeAll(file(BAD_FIXTURES, 'not-blktrace', 0), 'x');
    expect(records).toEqual([]);
    expect(stats.problems[0]).toMatchObject({ offset: 0 });
    expect(stats.problems[0].message).toMatch(/not a blktrace stream/);
  });

  it('a truncated record is a truncated tail with its offset and what was expected', () => {
    const { records, stats } = decodeAll(file(BAD_FIXTURES, 'truncated', 0), 't');
    expect(records.length).toBe(10);
    expect(stats.truncatedTail).toBe(20);
    expect(stats.problems[0]).toMatchObject({ offset: 480 });
    expect(stats.problems[0].message).toMatch(/expected a complete 48-byte record header/);
  });

  it('a giant pdu_len swallows the rest and is reported as truncated at its record', () => {
    const b = file(BAD_FIXTURES, 'giant-pdu', 0);
    const { records, stats } = decodeAll(b, 'g');
    expect(records.length).toBe(3);
    expect(stats.truncatedTail).toBe(b.length - 3 * 48);
    expect(stats.problems[0].message).toMatch(/expected 60048 bytes \(header 48 \+ pdu_len 60000\)/);
  });

  it('an empty input decodes to nothing and is clean', () => {
    const { records, stats } = decodeAll(new Uint8Array(0));
    expect(records).toEqual([]);
    expect(isClean(stats)).toBe(true);
  });

  it('skips and counts a LOST marker, keeping every record around it', () => {
    const { records, stats } = decodeAll(file(BAD_FIXTURES, 'lost-marker', 0));
    expect(records.length).toBe(file(REAL_TRACES, 'zram-seqwrite', 0).length / 48);
    expect(stats).toMatchObject({ lostMarkers: 1, lostEvents: 7, badMagic: 0 });
  });

  it('skips and counts a leading ftrace text header', () => {
    const { records, stats } = decodeAll(file(BAD_FIXTURES, 'text-header', 0));
    expect(records.length).toBe(file(REAL_TRACES, 'zram-seqwrite', 0).length / 48);
    expect(stats.textHeaders).toBe(1);
  });

  it('with ftraceText=stop (blkparse behaviour) the marker is a bad magic', () => {
    const d = new BlkDecoder('l', { ftraceText: 'stop' });
    expect(d.push(file(BAD_FIXTURES, 'lost-marker', 0)).length).toBe(10);
    expect(d.stats.badMagic).toBe(1);
  });

  it('counts sequence gaps where sequence numbers are non-zero', () => {
    const rs = decodeAll(rr0).records.slice(0, 6).map((r, i) => ({ ...r, sequence: [1, 2, 3, 7, 8, 10][i] }));
    expect(decodeAll(encodeRecords(rs)).stats.seqGaps).toBe(3 + 1);
  });

  it('unknown versions are counted and skipped by pdu_len', () => {
    const b = encodeRecords(decodeAll(rr0).records.slice(0, 4));
    b[48] = 0x05; // second record: version 5
    const { records, stats } = decodeAll(b);
    expect(records.length).toBe(3);
    expect(stats.badVersion).toBe(1);
  });

  it(`any chunking gives the same records and stats (fast-check seed ${SEED})`, () => {
    const inputs = [rr0, loop0, file(BAD_FIXTURES, 'lost-marker', 0), file(BAD_FIXTURES, 'truncated', 0),
      file(BAD_FIXTURES, 'notes', 0), file(BAD_FIXTURES, 'text-header', 0)];
    const whole = inputs.map((b) => decodeAll(b));
    fc.assert(fc.property(fc.nat(inputs.length - 1), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }),
      (which, cuts) => {
        const b = inputs[which];
        const d = new BlkDecoder();
        const out: BlkRecord[] = [];
        let pos = 0;
        for (let i = 0; pos < b.length; i++) {
          const n = cuts[i % cuts.length];
          d.push(b.subarray(pos, pos + n), out);
          pos += n;
        }
        d.end(out);
        expect(out).toEqual(whole[which].records);
        expect({ ...d.stats, problems: d.stats.problems.length }).toEqual({ ...whole[which].stats, problems: whole[which].stats.problems.length });
      }), { seed: SEED, numRuns: 300, verbose: 1 });
  });
});
