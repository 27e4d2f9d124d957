import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogCorruptError } from '../../src/log/errors';
import { LogReader } from '../../src/log/reader';
import { recoverLog } from '../../src/log/recover';
import { LogWriter } from '../../src/log/writer';
import { nanos } from '../../src/units';
import { frames, smallEvents, tmpDir, writeLog } from './helpers';

const dir = tmpDir();
const events = smallEvents();
const log = fs.readFileSync(writeLog(dir, 'whole.log', events));
const records = frames(log);
let n = 0;
const withBytes = (data: Uint8Array): string => {
  const p = path.join(dir, `r${n++}.log`);
  fs.writeFileSync(p, data);
  return p;
};

describe('recoverLog', () => {
  test('a whole log is left as it is', () => {
    const p = withBytes(log);
    expect(recoverLog(p)).toEqual({ path: p, keptBytes: log.length, droppedBytes: 0, keptEvents: 10, reason: null });
    expect(fs.readFileSync(p)).toEqual(log);
  });

  test('every torn length above the header: truncated exactly to the last whole record, then readable', () => {
    for (let len = records[0]!.end; len < log.length; len++) {
      const p = withBytes(log.subarray(0, len));
      const lastWhole = Math.max(...records.filter((r) => r.end <= len).map((r) => r.end));
      const report = recoverLog(p);
      expect([report.keptBytes, report.droppedBytes]).toEqual([lastWhole, len - lastWhole]);
      expect(fs.statSync(p).size).toBe(lastWhole);
      const kept = [...LogReader.open(p)].map((e) => e.seq); // a clean read: no throw
      const whole = records.filter((r) => r.kind === 'event' && r.end <= len).length;
      if (kept.length !== whole || report.keptEvents !== whole) throw new Error(`cut at ${len}: kept ${kept.length}/${report.keptEvents} events, expected ${whole}`);
      if ((report.reason === null) !== (len === lastWhole)) throw new Error(`cut at ${len}: reason ${report.reason}`);
      fs.rmSync(p);
    }
  });

  test('a corrupt record in the middle: cut there, reason says why', () => {
    const copy = Buffer.from(log);
    const bad = records[6]!;
    copy[bad.start + 10] ^= 1;
    const p = withBytes(copy);
    const report = recoverLog(p);
    expect(report.keptBytes).toBe(bad.start);
    expect(report.droppedBytes).toBe(log.length - bad.start);
    expect(report.reason).toMatch(/CRC32C/);
    expect(fs.readFileSync(p)).toEqual(log.subarray(0, bad.start));
  });

  test('the reader never truncates on its own; the writer refuses a torn log until recovered', () => {
    const p = withBytes(log.subarray(0, log.length - 5));
    expect(() => [...LogReader.open(p)]).toThrow(LogCorruptError);
    expect(() => LogWriter.openAppend(p)).toThrow(LogCorruptError);
    expect(fs.statSync(p).size).toBe(log.length - 5);
    recoverLog(p);
    const w = LogWriter.openAppend(p, { fsync: 'never' });
    expect(w.version).toBe(9);
    w.append({ ts: nanos(1), event: { type: 'ResetCompleted' } });
    w.close();
    expect([...LogReader.open(p)].map((e) => e.seq)).toEqual([...Array(10).keys()]);
  });

  test('a bad header is not recovered: nothing would be left', () => {
    const p = withBytes(log.subarray(0, records[0]!.end - 1));
    expect(() => recoverLog(p)).toThrow(LogCorruptError);
    expect(fs.statSync(p).size).toBe(records[0]!.end - 1);
  });
});
