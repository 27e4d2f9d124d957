import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContentStore } from '../../src/events/content-store';
import type { PagePayload } from '../../src/events/types';
import { LogAppendError } from '../../src/log/errors';
import { LogReader, readLogEvents } from '../../src/log/reader';
import { LogWriter } from '../../src/log/writer';
import { bytes, nanos, sector } from '../../src/units';
import { eventLog, pageFrom, SEED } from '../events/arbitraries';
import { frames, HEADER, smallEvents, tmpDir, writeLog } from './helpers';

const dir = tmpDir();

describe(`log file round trip (seed ${SEED})`, () => {
  test('a small log reads back: header, then every event equal to what was written', async () => {
    const evs = smallEvents();
    const p = writeLog(dir, 'small.log', evs);
    const r = LogReader.open(p);
    expect(r.header).toEqual(HEADER);
    expect([...r]).toEqual(evs);
    const fromFive = [];
    for await (const e of readLogEvents(p, 5)) fromFive.push(e);
    expect(fromFive).toEqual(evs.slice(5));
  });

  test('any chunk size reassembles records split across reads', () => {
    const p = writeLog(dir, 'chunks.log', smallEvents());
    const want = smallEvents().map((e) => e.seq);
    for (const chunkBytes of [1, 7, 8, 9, 13, 100, 4095, 4096, 4105, 1 << 20]) {
      const r = LogReader.open(p, { chunkBytes });
      expect([...r].map((e) => e.seq)).toEqual(want);
      expect(r.offset).toBe(fs.statSync(p).size);
    }
  });

  test('each distinct page content is stored once, before its first use', () => {
    const p = writeLog(dir, 'dedup.log', smallEvents());
    const data = fs.readFileSync(p);
    // header + 2 pages + 10 events; the third page use (key 0 again) adds no record.
    expect(frames(data)).toHaveLength(1 + 2 + 10);
    expect(data.length).toBeLessThan(2 * 4096 + 1200);
  });

  test('property: random logs round-trip through a file', () => {
    const cs = new ContentStore();
    const pool: PagePayload[] = [0, 1, 2, 3, 4].map((s) => cs.payload(pageFrom(s)));
    let n = 0;
    fc.assert(
      fc.property(eventLog(pool), (evs) => {
        const p = writeLog(dir, `prop-${n++}.log`, evs);
        expect([...LogReader.open(p)]).toEqual(evs);
        fs.rmSync(p);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  test('openAppend continues the seq and knows the page keys already stored', () => {
    const evs = smallEvents();
    const p = writeLog(dir, 'append.log', evs.slice(0, 4));
    const w = LogWriter.openAppend(p, { fsync: 'close' });
    expect(w.version).toBe(4);
    for (const e of evs.slice(4)) w.append(e);
    w.close();
    expect([...LogReader.open(p)]).toEqual(evs);
    expect(frames(fs.readFileSync(p))).toHaveLength(13); // page key 0 was not stored again
  });

  test('a key that names different bytes is refused and nothing of the batch is written', () => {
    const p = path.join(dir, 'conflict.log');
    const w = LogWriter.create(p, HEADER, { fsync: 'never' });
    const a = { key: 0, data: pageFrom(1) };
    const other = { key: 0, data: pageFrom(2) };
    const q = (bioId: number, pages: PagePayload[]) => ({
      ts: nanos(0), event: { type: 'BioQueued' as const, bioId, op: 'write' as const, sector: sector(0), bytes: bytes(4096 * pages.length), context: 'process' as const, pages },
    });
    w.append(q(1, [a]));
    expect(() => w.appendBatch([q(2, [a]), q(3, [other])])).toThrow(LogAppendError);
    expect(() => w.append(q(2, [other]))).toThrow(/page key 0 already names different content/);
    expect(w.version).toBe(1);
    w.close();
    expect([...LogReader.open(p)]).toHaveLength(1);
    expect(frames(fs.readFileSync(p))).toHaveLength(3);
  });

  test('a seq other than the position is refused', () => {
    const w = LogWriter.create(path.join(dir, 'seq.log'), HEADER, { fsync: 'never' });
    expect(() => w.append({ seq: 1, ts: nanos(0), event: { type: 'ResetCompleted' } })).toThrow(/seq 1, but its position is 0/);
    w.close();
  });

  test('create never overwrites an existing log', () => {
    const p = writeLog(dir, 'exists.log', []);
    expect(() => LogWriter.create(p, HEADER)).toThrow(/EEXIST/);
  });

  test.each([
    ['never', 0],
    ['close', 1],
    ['every-record', 1 + 10 + 1], // header, each event, close
  ] as const)('fsync policy %s: same bytes, %i fsyncs', (fsync, syncs) => {
    const p = path.join(dir, `fsync-${fsync}.log`);
    const w = LogWriter.create(p, HEADER, { fsync });
    for (const e of smallEvents()) w.append(e);
    w.close();
    w.close();
    expect(w.syncs).toBe(syncs);
    expect(fs.readFileSync(p)).toEqual(fs.readFileSync(writeLog(dir, `ref-${fsync}.log`, smallEvents())));
  });
});
