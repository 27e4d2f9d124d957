// Torn tails and bit flips: every cut length and every single-bit flip of a small log is
// either read whole up to a record boundary, or stops with a LogCorruptError at the right
// record offset. Never another exception, never a silently shorter read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogCorruptError } from '../../src/log/errors';
import { LogReader } from '../../src/log/reader';
import { frames, readAll, smallEvents, tmpDir, writeLog } from './helpers';

const dir = tmpDir();
const events = smallEvents();
const logPath = writeLog(dir, 'small.log', events);
const log = fs.readFileSync(logPath);
const records = frames(log);
/** Events whose records all end at or before `offset`. */
const eventsBefore = (offset: number): number => records.filter((r) => r.kind === 'event' && r.end <= offset).length;
/** Start of the record containing byte `at`. */
const recordStart = (at: number): number => records.find((r) => r.start <= at && at < r.end)!.start;

describe('torn tail', () => {
  test('the small log has a header, 2 page records and 10 events', () => {
    expect(records.map((r) => r.kind).join(' ')).toBe(
      'header event event pageContent pageContent event event event event event event event event');
    expect(records[records.length - 1]!.end).toBe(log.length);
  });

  test('every truncation length: a whole prefix of records, then LogCorruptError at the torn record', () => {
    const boundaries = new Set(records.map((r) => r.end));
    for (let len = 0; len <= log.length; len++) {
      const { events: got, error } = readAll(log.subarray(0, len));
      const atBoundary = boundaries.has(len);
      if (atBoundary) {
        if (error !== null) throw new Error(`cut at ${len} (a record boundary): unexpected ${String(error)}`);
      } else {
        if (!(error instanceof LogCorruptError)) throw new Error(`cut at ${len}: expected LogCorruptError, got ${String(error)}`);
        const torn = len === 0 ? 0 : recordStart(len);
        if (error.offset !== torn) throw new Error(`cut at ${len}: error names offset ${error.offset}, torn record starts at ${torn}`);
      }
      const expected = events.slice(0, eventsBefore(len));
      if (got.length !== expected.length) throw new Error(`cut at ${len}: read ${got.length} events, expected ${expected.length}`);
    }
    expect(readAll(log.subarray(0, records[0]!.end)).events).toEqual([]);
  });

  test('an empty file is not a log', () => {
    const { error } = readAll(new Uint8Array(0));
    expect(error).toBeInstanceOf(LogCorruptError);
    expect((error as LogCorruptError).message).toMatch(/at byte 0: expected a LogHeader record, found an empty file/);
  });

  test('on a real file, the error names the path, the offset and what was expected', () => {
    const p = path.join(dir, 'torn.log');
    const cut = records[5]!.start + 3;
    fs.writeFileSync(p, log.subarray(0, cut));
    const r = LogReader.open(p);
    const got: unknown[] = [];
    expect(() => {
      for (const e of r) got.push(e);
    }).toThrow(new RegExp(`^${p}: bad log record at byte ${records[5]!.start}: expected an 8-byte frame header, found 3 bytes before end of file \\(torn tail\\)$`));
    expect(got).toHaveLength(2);
  });
});

describe('bit flips', () => {
  test('every single-bit flip of the small log is a LogCorruptError at the flipped record', () => {
    const copy = Buffer.from(log);
    let checked = 0;
    for (let at = 0; at < log.length; at++) {
      for (let bit = 0; bit < 8; bit++) {
        copy[at] ^= 1 << bit;
        const { events: got, error } = readAll(copy);
        copy[at] ^= 1 << bit;
        if (!(error instanceof LogCorruptError)) {
          throw new Error(`flip of byte ${at} bit ${bit}: expected LogCorruptError, got ${error === null ? 'a clean read' : String(error)}`);
        }
        const start = recordStart(at);
        if (error.offset !== start) throw new Error(`flip of byte ${at} bit ${bit}: error at ${error.offset}, record starts at ${start}`);
        if (got.length !== eventsBefore(start)) throw new Error(`flip of byte ${at} bit ${bit}: ${got.length} events before the error`);
        checked++;
      }
    }
    expect(checked).toBe(log.length * 8);
  });

  test('a flipped length bit on a real file is reported with the path', () => {
    const p = path.join(dir, 'flipped.log');
    const copy = Buffer.from(log);
    copy[records[4]!.start + 3] ^= 0x40; // length becomes > 1 MiB
    fs.writeFileSync(p, copy);
    expect(() => [...LogReader.open(p)]).toThrow(new RegExp(`^${p}: bad log record at byte ${records[4]!.start}: expected a record length <= 1048576`));
  });
});
